namespace FairFund.Web.Forms;

/// <summary>A GOV.UK text input or textarea with its label, hint and error, for the <c>_Field</c> partial.</summary>
public sealed record TextField(string Id, string Name, string Label, string? Value, string? Error)
{
    public string? Hint { get; init; }
    public string Width { get; init; } = "";
    public string? Prefix { get; init; }
    public string? Suffix { get; init; }
    public string InputMode { get; init; } = "text";
    public int Rows { get; init; }

    /// <summary>The input's type: <c>email</c> or <c>password</c> where the browser should know.</summary>
    public string Type { get; init; } = "text";

    /// <summary>What the browser may fill in (<c>email</c>, <c>new-password</c>, <c>current-password</c>, <c>name</c>), or null.</summary>
    public string? AutoComplete { get; init; }

    /// <summary>
    /// For a textarea, the most words the answer may have: the page then shows GOV.UK's word count as
    /// the person types and, without JavaScript, how many words the answer shown has.
    /// </summary>
    public int? MaxWords { get; init; }

    /// <summary>The most characters the answer may have: the page then says, without JavaScript, how many the answer shown has.</summary>
    public int? MaxCharacters { get; init; }

    /// <summary>The label is the page's heading, as on a GOV.UK question page that asks one thing.</summary>
    public bool IsPageHeading { get; init; }
}

/// <summary>One choice of a radios or checkboxes question.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null);

/// <summary>A GOV.UK radios (or, with <see cref="Multiple"/>, checkboxes) question, for the <c>_Choices</c> partial.</summary>
public sealed record ChoiceField(string Id, string Name, string Legend, IReadOnlyList<Choice> Choices, IReadOnlyList<string> Selected, string? Error)
{
    public string? Hint { get; init; }
    public bool Multiple { get; init; }
    public bool Inline { get; init; }
}

/// <summary>A GOV.UK date input (day, month, year) and a time, for the <c>_DateTimeField</c> partial.</summary>
public sealed record DateTimeField(string Id, string Name, string Legend, DateTimeInput Value, string? DateError, string? TimeError)
{
    public string? Hint { get; init; }
}

/// <summary>A GOV.UK date input (day, month, year), for the <c>_DateField</c> partial.</summary>
public sealed record DateField(string Id, string Name, string Legend, DateInput Value, string? Error)
{
    public string? Hint { get; init; }
}

/// <summary>
/// A GOV.UK select, for the <c>_Select</c> partial: for choosing one of a list too long for radios, such as a
/// round's applications. The first option is an empty "Select …" so nothing is chosen by accident.
/// </summary>
public sealed record SelectField(string Id, string Name, string Label, IReadOnlyList<Choice> Choices, string? Selected, string? Error)
{
    public string? Hint { get; init; }
}
