using FairFund.Domain.Applications;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Pages.Apply;

/// <summary>Whether the group will work with partners and, if so, who they are and what they will do.</summary>
public sealed class PartnersModel(FairFundDbContext db, ApplicantRecords records) : TaskQuestionPageModel(db, records)
{
    /// <summary>How many empty rows the form offers after the partners entered.</summary>
    public const int EmptyRows = 2;

    public const string Yes = "yes";
    public const string No = "no";

    public override ApplicationTask Part => ApplicationTask.Partners;

    [BindProperty]
    public PartnersInput Input { get; set; } = new();

    public int RowCount => Math.Min(AnswerLimits.Partners, Input.Partners.Count + EmptyRows);

    public override string? MoreRowsLabel => RowCount < AnswerLimits.Partners ? "Save and add another partner" : null;

    public PartnerInput Row(int index) => index < Input.Partners.Count ? Input.Partners[index] : new PartnerInput();

    protected override void FillFrom(Application application) => Input = new PartnersInput
    {
        WorkingWithPartners = application.WorkingWithPartners switch { true => Yes, false => No, null => null },
        Partners = [.. application.Partners.Select(partner => new PartnerInput { Name = partner.Name, Role = partner.Role })],
    };

    protected override IReadOnlyList<Problem> SaveAnswers(Application application, ICollection<FieldError> entryErrors)
    {
        // Rows left empty are dropped, as the application drops them, so that row numbers match the partners saved.
        Input.Partners = [.. Input.Partners.Take(AnswerLimits.Partners).Where(row => !row.IsBlank)];
        bool? working = Input.WorkingWithPartners switch { Yes => true, No => false, _ => null };
        return application.AnswerPartners(working, Input.Partners.Select(row => new Partner(row.Name ?? "", row.Role ?? "")));
    }

    protected override IEnumerable<string> FieldOrder() =>
        ["working-with-partners", "partners", .. Enumerable.Range(0, AnswerLimits.Partners).SelectMany(row => new[] { $"partners-{row}-name", $"partners-{row}-role" })];

    public sealed class PartnersInput
    {
        public string? WorkingWithPartners { get; set; }
        public List<PartnerInput> Partners { get; set; } = [];
    }

    public sealed class PartnerInput
    {
        public string? Name { get; set; }
        public string? Role { get; set; }

        public bool IsBlank => FormNumbers.IsBlank(Name) && FormNumbers.IsBlank(Role);
    }
}
