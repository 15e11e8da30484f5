namespace FairFund.Web.Forms;

/// <summary>One thing wrong with what a person entered, at the id of the input it concerns.</summary>
public sealed record FieldError(string FieldId, string Message);

/// <summary>
/// The errors on a form, in the order the fields appear, for a GOV.UK error summary that links to
/// each field and a message beside the field. Only the first error for a field is kept.
/// </summary>
public sealed class FormErrors
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string fieldId, string message)
    {
        if (For(fieldId) is null) _errors.Add(new FieldError(fieldId, message));
    }

    public void Add(FieldError error) => Add(error.FieldId, error.Message);

    public string? For(string fieldId) => _errors.FirstOrDefault(error => error.FieldId == fieldId)?.Message;
}
