using FairFund.Domain.Forms;
using FairFund.Domain.Scoring;
using FairFund.Web.Forms;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// A section's or question's condition as the builder's form asks it, without JavaScript: always; on an earlier
/// yes/no or choice question's answer (one list of every answer that can be tested); or on the amount asked for.
/// </summary>
public sealed class ConditionInput
{
    public const string Always = "always";
    public const string OnAnswer = "answer";
    public const string Over = "over";
    public const string AtMost = "atMost";

    public string? When { get; set; } = Always;
    public string? Answer { get; set; }
    public string? Amount { get; set; }

    public static ConditionInput From(ShowWhen? condition) => condition switch
    {
        ShowWhen.YesNoIs yesNo => new() { When = OnAnswer, Answer = $"{yesNo.Question}|{(yesNo.Is ? "yes" : "no")}" },
        ShowWhen.Chosen chosen => new() { When = OnAnswer, Answer = $"{chosen.Question}|={chosen.Choice}" },
        ShowWhen.AmountOver over => new() { When = Over, Amount = FormNumbers.Money(over.Amount) },
        ShowWhen.AmountAtMost atMost => new() { When = AtMost, Amount = FormNumbers.Money(atMost.Amount) },
        _ => new(),
    };

    /// <summary>Every answer a condition can test among <paramref name="earlier"/>: each yes/no question's yes and no, each choice question's choices.</summary>
    public static IReadOnlyList<Choice> AnswersOf(IEnumerable<Question> earlier) =>
    [
        .. earlier.SelectMany(question => question.Kind switch
        {
            QuestionKind.YesNo => (IEnumerable<Choice>)[new($"{question.Key}|yes", $"“{question.Name}” is answered yes"), new($"{question.Key}|no", $"“{question.Name}” is answered no")],
            QuestionKind.OneChoice or QuestionKind.SeveralChoices => question.Choices.Select(choice => new Choice($"{question.Key}|={choice}", $"“{question.Name}” is answered “{choice}”")),
            _ => [],
        }),
    ];

    /// <summary>The condition, or null (for always, or when something typed is wrong: then an error at <c>show-when-...</c>).</summary>
    public ShowWhen? Read(FormErrors errors, out bool ok)
    {
        ok = true;
        switch (When)
        {
            case OnAnswer:
                var parts = (Answer ?? "").Split('|', 2);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    errors.Add("show-when-answer", "Select the answer that shows it");
                    ok = false;
                    return null;
                }
                return parts[1] switch
                {
                    "yes" => new ShowWhen.YesNoIs(parts[0], true),
                    "no" => new ShowWhen.YesNoIs(parts[0], false),
                    var choice when choice.StartsWith('=') => new ShowWhen.Chosen(parts[0], choice[1..]),
                    _ => Failed(errors, "show-when-answer", "Select the answer that shows it", out ok),
                };
            case Over or AtMost:
                if (!FormNumbers.TryMoney(Amount, out var amount))
                    return Failed(errors, "show-when-amount", "Enter the amount in pounds, like 10000", out ok);
                return When == Over ? new ShowWhen.AmountOver(amount) : new ShowWhen.AmountAtMost(amount);
            case Always or null or "":
                return null;
            default:
                return Failed(errors, "show-when", "Select when it is shown", out ok);
        }
    }

    private static ShowWhen? Failed(FormErrors errors, string field, string message, out bool ok)
    {
        errors.Add(field, message);
        ok = false;
        return null;
    }

    /// <summary>The input a condition's problem is about: <c>showWhen.amount</c> is at the amount, the rest at the answer.</summary>
    public static string? FieldOf(string location) => location switch
    {
        "showWhen.amount" => "show-when-amount",
        "showWhen" => "show-when",
        _ when location.StartsWith("showWhen", StringComparison.Ordinal) => "show-when-answer",
        _ => null,
    };

    /// <summary>For the money figures shown back, as people write them.</summary>
    public static string Pounds(decimal amount) => Money.Pounds(amount);
}

/// <summary>The condition's inputs for the <c>_ConditionFields</c> partial: what is shown ("section", "question") and the answers it can test.</summary>
public sealed record ConditionFields(ConditionInput Input, string What, IReadOnlyList<Choice> Answers, FormErrors Errors);
