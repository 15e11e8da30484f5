using System.Globalization;
using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Forms;

/// <summary>
/// How each kind of question's answer is cleaned and checked. The budget and partner tables' words are today's
/// application's, so the default form says exactly what the application said before forms existed.
/// </summary>
internal static partial class AnswerChecks
{
    internal sealed record Context(FormAnswers Answers, IReadOnlySet<string> Shown, GrantRange Grants, IReadOnlyList<SupportingDocument> Documents);

    /// <summary>The character limits of the one-line kinds whose format is checked: room for any real one, and no more.</summary>
    public static TextLimit PostcodeLimit { get; } = new(10);

    public static TextLimit EmailLimit { get; } = new(254);

    public static TextLimit PhoneLimit { get; } = new(20);

    /// <summary>The table columns' limits, as today's application has them.</summary>
    public static TextLimit BudgetItemLimit => AnswerLimits.BudgetItem;

    public static TextLimit PartnerNameLimit => AnswerLimits.PartnerName;

    public static TextLimit PartnerRoleLimit => AnswerLimits.PartnerRole;

    /// <summary>A short text's limit when the funder set none.</summary>
    public static TextLimit LimitOf(Question question) => question.Limit ?? (question.Kind switch
    {
        QuestionKind.Postcode => PostcodeLimit,
        QuestionKind.Email => EmailLimit,
        QuestionKind.Phone => PhoneLimit,
        _ => TextLimit.Name,
    });

    public static (Answer Clean, IReadOnlyList<Problem> Refused) Clean(Question question, Answer answer)
    {
        switch (answer)
        {
            case Answer.Text text:
            {
                var clean = question.Kind == QuestionKind.LongText ? FreeText.Clean(text.Value) : FreeText.CleanLine(text.Value);
                var refused = FreeText.CheckCharacters(question.Key, question.Name, clean, LimitOf(question));
                return (new Answer.Text(clean), refused is null ? [] : [refused]);
            }
            case Answer.Money money when Math.Abs(money.Value) > MoneyLimits.Largest:
                return (money, [new Problem(question.Key, $"{question.Name} must be {MoneyLimits.LargestInWords} or less")]);
            case Answer.Choices choices:
                return (new Answer.Choices([.. choices.Values.Select(FreeText.CleanLine).Where(choice => choice.Length > 0).Distinct(StringComparer.Ordinal)]), []);
            case Answer.BudgetRows rows:
            {
                var kept = rows.Lines.Select(line => line with { Item = FreeText.CleanLine(line.Item) }).Where(line => line.Item.Length > 0 || line.Cost != 0).ToList();
                var refused = new List<Problem>();
                for (var index = 0; index < kept.Count; index++)
                {
                    var at = Location.Item(question.Key, index);
                    if (FreeText.CheckCharacters(Location.Field(at, "item"), $"What line {index + 1} of the budget is for", kept[index].Item, BudgetItemLimit) is { } item)
                        refused.Add(item);
                    if (Math.Abs(kept[index].Cost) > MoneyLimits.Largest)
                        refused.Add(new Problem(Location.Field(at, "cost"), $"The cost of line {index + 1} of the budget must be {MoneyLimits.LargestInWords} or less"));
                }
                return (new Answer.BudgetRows(kept), refused);
            }
            case Answer.PartnerRows rows:
            {
                var kept = rows.Partners.Select(partner => new Partner(FreeText.CleanLine(partner.Name), FreeText.Clean(partner.Role)))
                    .Where(partner => partner.Name.Length > 0 || partner.Role.Length > 0).ToList();
                var refused = new List<Problem>();
                for (var index = 0; index < kept.Count; index++)
                {
                    var at = Location.Item(question.Key, index);
                    if (FreeText.CheckCharacters(Location.Field(at, "name"), $"The name of partner {index + 1}", kept[index].Name, PartnerNameLimit) is { } name) refused.Add(name);
                    if (FreeText.CheckCharacters(Location.Field(at, "role"), $"What partner {index + 1} will do", kept[index].Role, PartnerRoleLimit) is { } role) refused.Add(role);
                }
                return (new Answer.PartnerRows(kept), refused);
            }
            default:
                return (answer, []);
        }
    }

    /// <summary>An answer that says nothing, which the set does not keep: empty text, no choices, no rows.</summary>
    public static bool IsEmpty(Answer answer) => answer switch
    {
        Answer.Text text => text.Value.Length == 0,
        Answer.Choices choices => choices.Values.Count == 0,
        Answer.BudgetRows rows => rows.Lines.Count == 0,
        Answer.PartnerRows rows => rows.Partners.Count == 0,
        _ => false,
    };

    public static IEnumerable<Problem> Check(Question question, Context context)
    {
        var answer = context.Answers[question.Key] is { } given && given.Fits(question.Kind) && !IsEmpty(given) ? given : null;
        if (question.Kind == QuestionKind.Documents) return CheckDocuments(question, context.Documents);
        if (answer is null)
            return question.Required ? [Missing(question)] : [];
        return answer switch
        {
            Answer.Text text => CheckText(question, text.Value),
            Answer.Number number => CheckRange(question, number.Value, value => value.ToString("N0", UkCulture)),
            Answer.Money money => CheckMoney(question, money.Value),
            Answer.Day date => CheckDate(question, date.Value, context),
            Answer.Choices choices => CheckChoices(question, choices.Values),
            Answer.BudgetRows rows => CheckBudget(question, rows.Lines, context.Grants),
            Answer.PartnerRows rows => CheckPartners(question, rows.Partners),
            _ => [],
        };
    }

    /// <summary>What the group is told when a required question is not answered, and where.</summary>
    public static Problem Missing(Question question)
    {
        var at = question.Kind == QuestionKind.PartnerTable ? Location.Field(Location.Item(question.Key, 0), "name") : question.Key;
        if (question.IfMissing.Length > 0) return new Problem(at, question.IfMissing);
        return new Problem(at, question.Kind switch
        {
            QuestionKind.YesNo => $"Select yes or no for “{question.Name}”",
            QuestionKind.OneChoice => $"Select an answer for “{question.Name}”",
            QuestionKind.SeveralChoices => $"Select at least one answer for “{question.Name}”",
            QuestionKind.BudgetTable => "Enter at least one thing the money is for, and its cost",
            QuestionKind.PartnerTable => $"Enter at least one row for “{question.Name}”",
            // A label is a noun phrase ("Your group's name"); a question is not, so it is quoted whole.
            _ => question.Label.Length > 0 ? $"Enter {LowerFirst(question.Label)}" : $"Enter an answer to “{question.Text}”",
        });
    }

    private static IEnumerable<Problem> CheckText(Question question, string text)
    {
        if (question.Kind == QuestionKind.LongText && FreeText.WordsIn(text) == 0)
        {
            if (question.Required) yield return Missing(question);
            yield break;
        }
        if (FreeText.Check(question.Key, question.Name, text, LimitOf(question)) is { } tooLong)
        {
            yield return tooLong;
            yield break;
        }
        var wellFormed = question.Kind switch
        {
            QuestionKind.Postcode => IsUkPostcode(text) ? null : $"{question.Name} must be a UK postcode, like CV1 5FB",
            QuestionKind.Email => IsEmail(text) ? null : $"{question.Name} must be an email address, like name@example.org",
            QuestionKind.Phone => IsUkPhone(text) ? null : $"{question.Name} must be a UK phone number, like 024 7683 1234 or 07700 900123",
            _ => null,
        };
        if (wellFormed is not null) yield return new Problem(question.Key, wellFormed);
    }

    private static IEnumerable<Problem> CheckRange(Question question, decimal value, Func<decimal, string> write)
    {
        if (question.Min is { } min && question.Max is { } max && (value < min || value > max))
            yield return new Problem(question.Key, $"{question.Name} must be between {write(min)} and {write(max)}");
    }

    private static List<Problem> CheckMoney(Question question, decimal value)
    {
        var problems = CheckRange(question, value, Money.Pounds).ToList();
        if (problems.Count == 0 && decimal.Round(value, 2) != value) problems.Add(new Problem(question.Key, $"{question.Name} must be in pounds and pence, like 150 or 150.50"));
        return problems;
    }

    private static IEnumerable<Problem> CheckDate(Question question, DateOnly date, Context context)
    {
        if (question.Earliest is { } earliest && date < earliest)
            yield return new Problem(question.Key, $"{question.Name} must be on or after {InWords(earliest)}");
        else if (question.Latest is { } latest && date > latest)
            yield return new Problem(question.Key, $"{question.Name} must be on or before {InWords(latest)}");
        // The project may start and end on the same day (a one-day event), as the application has always allowed.
        else if (question.Key == FixedQuestions.EndDate && context.Shown.Contains(FixedQuestions.StartDate)
                 && context.Answers[FixedQuestions.StartDate] is Answer.Day start && date < start.Value)
            yield return new Problem(question.Key, "The end date must be the same as or after the start date");
    }

    private static IEnumerable<Problem> CheckChoices(Question question, IReadOnlyList<string> chosen)
    {
        if (chosen.FirstOrDefault(choice => !question.Choices.Contains(choice, StringComparer.Ordinal)) is not null)
            yield return new Problem(question.Key, $"Select from the answers given for “{question.Name}”");
        else if (question.Kind == QuestionKind.OneChoice && chosen.Count > 1)
            yield return new Problem(question.Key, $"Select only one answer for “{question.Name}”");
    }

    private static IEnumerable<Problem> CheckDocuments(Question question, IReadOnlyList<SupportingDocument> documents)
    {
        if (documents.Count == 0)
        {
            if (question.Required) yield return Missing(question);
            yield break;
        }
        if (question.MaxDocuments is { } most && documents.Count > most)
            yield return new Problem(question.Key, $"You can send up to {most} documents: remove {documents.Count - most}");
        if (question.MaxBytes is { } largest && documents.FirstOrDefault(document => document.SizeInBytes > largest) is { } tooBig)
            yield return new Problem(question.Key, $"{tooBig.FileName} must be smaller than {Size(largest)}: remove it and add a smaller copy");
    }

    private static IEnumerable<Problem> CheckBudget(Question question, IReadOnlyList<BudgetLine> budget, GrantRange grants)
    {
        if (budget.Count == 0)
        {
            yield return Missing(question);
            yield break;
        }
        var key = question.Key;
        if (question.MaxRows is { } most && budget.Count > most)
            yield return new Problem(key, $"A budget can have up to {most} lines: group smaller costs together");
        for (var index = 0; index < budget.Count; index++)
        {
            var at = Location.Item(key, index);
            var line = budget[index];
            if (line.Item.Length == 0) yield return new Problem(Location.Field(at, "item"), $"Enter what line {index + 1} of the budget is for");
            else if (FreeText.Check(Location.Field(at, "item"), $"What line {index + 1} of the budget is for", line.Item, BudgetItemLimit) is { } item) yield return item;
            if (line.Cost <= 0) yield return new Problem(Location.Field(at, "cost"), $"Enter the cost of line {index + 1} of the budget, more than £0");
            // One line over the largest grant is said at that line, as well as at the total; a budget of one line has only the total.
            else if (line.Cost > grants.Max && budget.Count > 1)
                yield return new Problem(Location.Field(at, "cost"), $"The cost of line {index + 1} of the budget must be no more than {Money.Pounds(grants.Max)}, the largest grant this round gives");
            else if (decimal.Round(line.Cost, 2) != line.Cost) yield return new Problem(Location.Field(at, "cost"), $"The cost of line {index + 1} of the budget must be in pounds and pence, like 150 or 150.50");
        }
        var total = MoneyLimits.SafeSum(budget.Select(line => line.Cost));
        if (budget.All(line => line.Cost > 0) && (total < grants.Min || total > grants.Max))
            yield return new Problem(key, $"The total, {Money.Pounds(total)}, must be between {Money.Pounds(grants.Min)} and {Money.Pounds(grants.Max)}, the grants this round gives");
    }

    private static IEnumerable<Problem> CheckPartners(Question question, IReadOnlyList<Partner> partners)
    {
        if (partners.Count == 0)
        {
            if (question.Required) yield return Missing(question);
            yield break;
        }
        if (question.MaxRows is { } most && partners.Count > most)
            yield return new Problem(question.Key, $"List up to {most} partners: the ones most involved");
        for (var index = 0; index < partners.Count; index++)
        {
            var at = Location.Item(question.Key, index);
            var partner = partners[index];
            if (partner.Name.Length == 0) yield return new Problem(Location.Field(at, "name"), $"Enter the name of partner {index + 1}");
            else if (FreeText.Check(Location.Field(at, "name"), $"The name of partner {index + 1}", partner.Name, PartnerNameLimit) is { } name) yield return name;
            if (FreeText.WordsIn(partner.Role) == 0) yield return new Problem(Location.Field(at, "role"), $"Enter what partner {index + 1} will do");
            else if (FreeText.Check(Location.Field(at, "role"), $"What partner {index + 1} will do", partner.Role, PartnerRoleLimit) is { } role) yield return role;
        }
    }

    /// <summary>A UK postcode, in capitals or not, with or without its space: the Royal Mail's shapes (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA).</summary>
    public static bool IsUkPostcode(string text) => PostcodePattern().IsMatch(text.Trim());

    /// <summary>An email address as GOV.UK Notify accepts one, in outline: something, an @, and a domain with a dot; no spaces.</summary>
    public static bool IsEmail(string text) => text.Length <= EmailLimit.Characters && EmailPattern().IsMatch(text);

    /// <summary>
    /// A UK phone number: 10 or 11 digits starting 0, or the same after +44 (or 0044) without its 0; spaces,
    /// dashes, dots and brackets allowed between, as people write them.
    /// </summary>
    public static bool IsUkPhone(string text)
    {
        var digits = PhoneSeparators().Replace(text, "");
        if (digits.StartsWith("+44", StringComparison.Ordinal)) digits = "0" + digits[3..].TrimStart('0');
        else if (digits.StartsWith("0044", StringComparison.Ordinal)) digits = "0" + digits[4..].TrimStart('0');
        return digits.Length is 10 or 11 && digits[0] == '0' && digits[1] != '0' && digits.All(char.IsAsciiDigit);
    }

    [GeneratedRegex(@"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"^[^\s@]+@[^\s@]+\.[^\s@]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[\s\-\.\(\)]")]
    private static partial Regex PhoneSeparators();

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string InWords(DateOnly date) => date.ToString("d MMMM yyyy", UkCulture);

    public static string Size(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)}MB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#}KB".Replace(".0KB", "KB", StringComparison.Ordinal) : $"{bytes} bytes";

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
