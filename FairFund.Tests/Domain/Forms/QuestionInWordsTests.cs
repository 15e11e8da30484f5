using FairFund.Domain.Allocation;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Forms;

/// <summary>Each kind's limits, each condition and each answer, in the words the round page, the printable form and the panel show.</summary>
public sealed class QuestionInWordsTests
{
    private static readonly ApplicationForm EveryKind = FormJsonTests.EveryKind();

    public static TheoryData<string, string?> LimitsByQuestion => new()
    {
        { "title", "Up to 140 characters" },
        { "whatYouWillDo", "Up to 300 words (3,000 characters at most)" },
        { "startDate", null },
        { "budget", "Up to 10 lines, each what the money is for and what it costs. The total is the amount you ask for" },
        { "workingWithPartners", null },
        { "partners", "Up to 5 partners, each with its name and what it will do" },
        { "documents", "Up to 5 files of 10MB each: PDF, Word document, Excel spreadsheet, OpenDocument text, OpenDocument spreadsheet, JPG, PNG" },
        { "groupName", "Up to 120 characters" },
        { "members", "A whole number from 1 to 5,000" },
        { "income", "£0 to £250,000.50" },
        { "eventDate", "A date from 1 June 2027 to 31 December 2027" },
        { "paidStaff", null },
        { "area", "Choose one" },
        { "days", "Choose one or more" },
        { "postcode", "A UK postcode, like CV1 5FB" },
        { "email", "An email address, like name@example.org" },
        { "phone", "A UK phone number, like 024 7683 1234 or 07700 900123" },
        { "helpers", "Up to 3 partners, each with its name and what it will do" },
    };

    [Theory]
    [MemberData(nameof(LimitsByQuestion))]
    public void Limits_EachKind_SaysTheLimitInWords(string key, string? expected)
    {
        var question = EveryKind.Find(key)!;

        Assert.Equal(expected, QuestionInWords.Limits(question));
    }

    [Fact]
    public void Limits_EveryKindIsInTheTable()
    {
        var keys = LimitsByQuestion.Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(Enum.GetValues<QuestionKind>().ToHashSet(), EveryKind.Questions.Where(question => keys.Contains(question.Key)).Select(question => question.Kind).ToHashSet());
    }

    [Theory]
    [InlineData(null, null, "A date on or before 1 June 2027")]
    [InlineData("2027-06-01", null, "A date on or after 1 June 2027")]
    public void Limits_ADateWithOneBound_SaysThatBound(string? earliest, string? _, string expected)
    {
        var question = new Question("day", QuestionKind.Date, "When?")
        {
            Earliest = earliest is null ? null : DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture),
            Latest = earliest is null ? new DateOnly(2027, 6, 1) : null,
        };

        Assert.Equal(expected, QuestionInWords.Limits(question));
    }

    [Fact]
    public void Limits_LongTextWithoutAWordLimitAndOptionalChoices_SayWhatApplies()
    {
        Assert.Equal("Up to 1 character", QuestionInWords.Limits(new Question("a", QuestionKind.LongText, "A?") { Limit = new TextLimit(1) }));
        Assert.Equal("Choose any that apply", QuestionInWords.Limits(new Question("b", QuestionKind.SeveralChoices, "B?") { Choices = ["x", "y"], Required = false }));
        Assert.Equal("Up to 1 file of 512KB each: PDF, Word document, Excel spreadsheet, OpenDocument text, OpenDocument spreadsheet, JPG, PNG",
            QuestionInWords.Limits(new Question("c", QuestionKind.Documents, "C") { MaxDocuments = 1, MaxBytes = 512 * 1024 }));
    }

    public static TheoryData<string, string?> ConditionsByQuestion => new()
    {
        { "title", null },
        { "partners", "Only if you answered Yes to “Will you work with partners on this project?”" },
        { "area", "Only if you answered Yes to “Do you have paid staff?”" },
        { "days", "Only if you chose “Coventry” for “Where?”" },
        { "postcode", "Only if you chose “Friday” for “Which days?”" },
        { "email", "Only if you ask for £20,000 or less" },
    };

    [Theory]
    [MemberData(nameof(ConditionsByQuestion))]
    public void Condition_EachKind_SaysWhenTheQuestionIsAsked(string key, string? expected)
    {
        Assert.Equal(expected, QuestionInWords.Condition(EveryKind.Find(key)!.ShowWhen, EveryKind));
    }

    [Fact]
    public void Condition_OfASection_SaysTheAmountAtItsBoundary()
    {
        Assert.Equal("Only if you ask for more than £10,000.50", QuestionInWords.Condition(EveryKind.FindSection(FormsForTests.Extra)!.ShowWhen, EveryKind));
        Assert.Equal("Only if you ask for more than £10,000", QuestionInWords.Condition(ApplicationForm.DemoForm.FindSection(DefaultForm.LargerGrantSection)!.ShowWhen, ApplicationForm.DemoForm));
    }

    [Fact]
    public void Condition_OnAQuestionNotOnTheForm_NamesItsKey()
    {
        Assert.Equal("Only if you answered No to “gone”", QuestionInWords.Condition(new ShowWhen.YesNoIs("gone", false), ApplicationForm.Default));
    }

    [Fact]
    public void Required_AndChoices_SayWhatTheGroupMustDoAndCanChoose()
    {
        Assert.Equal("Required", QuestionInWords.Required(EveryKind.Find("groupName")!));
        Assert.Equal("Optional", QuestionInWords.Required(EveryKind.Find("members")!));
        Assert.Equal(["Yes", "No"], QuestionInWords.Choices(EveryKind.Find("paidStaff")!));
        Assert.Equal(["Coventry", "Warwickshire \"north\""], QuestionInWords.Choices(EveryKind.Find("area")!));
        Assert.Empty(QuestionInWords.Choices(EveryKind.Find("groupName")!));
    }

    public static TheoryData<Answer, string[]> AnswersInLines => new()
    {
        { new Answer.Text("First paragraph.\n\n  Second one.  "), ["First paragraph.", "Second one."] },
        { new Answer.Number(12345), ["12,345"] },
        { new Answer.Money(1234m), ["£1,234.00"] },
        { new Answer.Money(-2500.5m), ["\u2212£2,500.50"] },
        { new Answer.Day(new DateOnly(2027, 6, 1)), ["1 June 2027"] },
        { new Answer.YesNo(true), ["Yes"] },
        { new Answer.YesNo(false), ["No"] },
        { new Answer.Choices(["Monday", "Friday"]), ["Monday", "Friday"] },
        { new Answer.BudgetRows([new BudgetLine("Hall", 10m)]), [] },
        { new Answer.PartnerRows([new Partner("A", "B")]), [] },
    };

    [Theory]
    [MemberData(nameof(AnswersInLines))]
    public void Lines_EachAnswer_IsWrittenAsPeopleReadIt(Answer answer, string[] expected)
    {
        Assert.Equal(expected, QuestionInWords.Lines(answer));
    }

    [Fact]
    public void FormIn_PublishedRules_GivesTheFormBack_AndNullForRulesWithoutOne()
    {
        var rules = new Builders.RoundBuilder().Settings();
        var published = PublishedRules.Of(rules, EveryKind);

        Assert.Equal(FormJson.Write(EveryKind), FormJson.Write(PublishedRules.FormIn(published.Json)!));
        Assert.Null(PublishedRules.FormIn(null));
        Assert.Null(PublishedRules.FormIn("{\"reference\":\"R1\"}"));
        Assert.Null(PublishedRules.FormIn("{not json"));
        Assert.Null(PublishedRules.FormIn("{\"form\":{\"sections\":7}}"));
    }
}
