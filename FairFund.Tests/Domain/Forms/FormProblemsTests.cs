using FairFund.Domain.Forms;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using static FairFund.Tests.Domain.Forms.FormsForTests;

namespace FairFund.Tests.Domain.Forms;

/// <summary>What a form's own check refuses, each with a reason the fund manager can act on.</summary>
public sealed class FormProblemsTests
{
    private static readonly Question Valid = new("story", QuestionKind.LongText, "Tell us your story") { Limit = TextLimit.OfWords(100) };

    /// <summary>The default form with its sections replaced by <paramref name="change"/>, built without the editing methods' refusals.</summary>
    private static ApplicationForm Changed(Func<List<FormSection>, List<FormSection>> change) => new(change([.. ApplicationForm.Default.Sections]));

    private static ApplicationForm WithExtra(params Question[] questions) => Changed(sections => [.. sections, new FormSection(Extra, "Extra", questions)]);

    private static ApplicationForm WithoutQuestion(string key) =>
        Changed(sections => [.. sections.Select(section => section with { Questions = [.. section.Questions.Where(question => question.Key != key)] })]);

    private static ApplicationForm WithQuestion(string key, Func<Question, Question> change) =>
        Changed(sections => [.. sections.Select(section => section with { Questions = [.. section.Questions.Select(question => question.Key == key ? change(question) : question)] })]);

    private static IEnumerable<string> Messages(ApplicationForm form) => form.Problems().Select(problem => problem.ToString());

    [Theory]
    [InlineData(FixedQuestions.Title, "the project title")]
    [InlineData(FixedQuestions.StartDate, "the project's start date")]
    [InlineData(FixedQuestions.EndDate, "the project's end date")]
    [InlineData(FixedQuestions.Budget, "the budget, whose total is the amount requested")]
    public void Problems_FormWithoutAFixedQuestion_IsRefusedSayingWhy(string key, string name)
    {
        var problem = Assert.Single(WithoutQuestion(key).Problems());

        Assert.Equal("sections", problem.Location);
        Assert.StartsWith($"Every form must ask for {name} (", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("allocation, screening, 360Giving and the decision letters need it", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_FixedQuestionConditionalOptionalOrOfAnotherKind_IsRefused()
    {
        var conditional = WithQuestion(FixedQuestions.Title, title => title with { ShowWhen = new ShowWhen.AmountOver(10m) });
        var optional = WithQuestion(FixedQuestions.StartDate, start => start with { Required = false });
        var otherKind = WithQuestion(FixedQuestions.EndDate, end => end with { Kind = QuestionKind.ShortText, Limit = new TextLimit(20) });
        var conditionalSection = Changed(sections => [.. sections.Select(section => section.Key == "project" ? section with { ShowWhen = new ShowWhen.YesNoIs(DefaultForm.WorkingWithPartners, true) } : section)]);

        Assert.Contains("sections[0].questions[0].showWhen: The project title is asked of every group, so neither it nor its section can have a condition", Messages(conditional));
        Assert.Equal(["sections[0].questions[2].required: The project's start date must be required: every form asks for it"], Messages(optional));
        Assert.Equal(["sections[0].questions[3].kind: The project's end date must be a date question"], Messages(otherKind));
        Assert.Contains("sections[0].questions[0].showWhen: The project title is asked of every group, so neither it nor its section can have a condition", Messages(conditionalSection));
    }

    [Fact]
    public void Problems_DuplicateKeys_AreRefused()
    {
        var form = Changed(sections => [.. sections, new FormSection("project", "Again", [Valid with { Key = DefaultForm.Outcomes }])]);

        Assert.Equal(["sections[7].key: Another section already has the key “project”", "sections[7].questions[0].key: Another question already has the key “outcomes”"], Messages(form));
    }

    [Theory]
    [InlineData("", "Give the question a key")]
    [InlineData("Story", "The key “Story” must start with a small letter and have only letters and digits, like whoBenefits")]
    [InlineData("our-story", "The key “our-story” must start with a small letter and have only letters and digits, like whoBenefits")]
    [InlineData("story[0]", "The key “story[0]” must start with a small letter and have only letters and digits, like whoBenefits")]
    [InlineData("a12345678901234567890123456789012345678901", "The key must be 40 characters or fewer (it has 42)")]
    public void Problems_BadKey_IsRefused(string key, string message)
    {
        Assert.Equal([$"sections[7].questions[0].key: {message}"], Messages(WithExtra(Valid with { Key = key })));
    }

    [Fact]
    public void Problems_ConditionOnALaterQuestion_IsRefused()
    {
        var form = WithExtra(Valid with { ShowWhen = new ShowWhen.YesNoIs("later", true) }, new Question("later", QuestionKind.YesNo, "Later?"));

        Assert.Equal(["sections[7].questions[0].showWhen.question: The condition must be on a question earlier in the form; “later” is not"], Messages(form));
    }

    [Fact]
    public void Problems_ConditionOnAMissingQuestionOrOneItCannotTest_IsRefused()
    {
        var missing = WithExtra(Valid with { ShowWhen = new ShowWhen.Chosen("nowhere", "Yes") });
        var cannotTest = WithExtra(Valid with { ShowWhen = new ShowWhen.YesNoIs(DefaultForm.Outcomes, true) });
        var notAChoice = WithExtra(new Question("area", QuestionKind.OneChoice, "Area?") { Choices = ["North", "South"] }, Valid with { ShowWhen = new ShowWhen.Chosen("area", "East") });

        Assert.Equal(["sections[7].questions[0].showWhen.question: The condition must be on a question earlier in the form; “nowhere” is not"], Messages(missing));
        Assert.Equal(["sections[7].questions[0].showWhen.question: “Outcomes” is a long text question, so it cannot be tested for yes or no"], Messages(cannotTest));
        Assert.Equal(["sections[7].questions[1].showWhen.choice: “East” is not one of the answers to “Area”"], Messages(notAChoice));
    }

    [Fact]
    public void Problems_AmountConditionBeforeTheBudget_IsRefused()
    {
        var form = Changed(sections => [new FormSection(Extra, "First", [Valid]) { ShowWhen = new ShowWhen.AmountOver(500m) }, .. sections]);

        Assert.Equal(["sections[0].showWhen.amount: A condition on the amount asked for must come after the budget, where the amount is given"], Messages(form));
    }

    [Fact]
    public void Problems_ChoiceQuestionWithoutChoices_IsRefused()
    {
        Assert.Equal(["sections[7].questions[0].choices: Give at least two answers to choose from"], Messages(WithExtra(new Question("area", QuestionKind.OneChoice, "Area?"))));
        Assert.Equal(["sections[7].questions[0].choices[1]: Answer 2, “North”, is given twice"], Messages(WithExtra(new Question("area", QuestionKind.SeveralChoices, "Area?") { Choices = ["North", "North"] })));
    }

    public static TheoryData<Question, string> LimitsOutOfRange => new()
    {
        { new("n", QuestionKind.WholeNumber, "N?"), "sections[7].questions[0].min: Give the smallest and largest answer allowed" },
        { new("n", QuestionKind.WholeNumber, "N?") { Min = 10, Max = 1 }, "sections[7].questions[0].max: The largest answer must be at least the smallest" },
        { new("n", QuestionKind.WholeNumber, "N?") { Min = 0.5m, Max = 1 }, "sections[7].questions[0].min: The smallest and largest answers must be whole numbers" },
        { new("m", QuestionKind.Money, "M?") { Min = 0, Max = 1_000_000_000.01m }, "sections[7].questions[0].max: Answers must be between £0 and £1,000,000,000" },
        { new("t", QuestionKind.LongText, "T?") { Limit = new TextLimit(30_000, 100) }, "sections[7].questions[0].limit: The most characters must be between 1 and 20,000" },
        { new("t", QuestionKind.LongText, "T?") { Limit = new TextLimit(1_000) }, "sections[7].questions[0].limit: The most words must be between 1 and 2,000" },
        { new("t", QuestionKind.ShortText, "T?"), "sections[7].questions[0].limit: Give the most characters an answer may have" },
        { new("d", QuestionKind.Date, "D?") { Earliest = new(2028, 1, 1), Latest = new(2027, 1, 1) }, "sections[7].questions[0].latest: The latest date must be on or after the earliest" },
        { new("y", QuestionKind.YesNo, "Y?") { Limit = new TextLimit(10) }, "sections[7].questions[0].limit: A yes or no question has no text limit" },
        { new("p", QuestionKind.PartnerTable, "P?") { MaxRows = 51 }, "sections[7].questions[0].maxRows: The most rows must be between 1 and 50" },
    };

    [Theory]
    [MemberData(nameof(LimitsOutOfRange))]
    public void Problems_LimitsOutOfRange_AreRefused(Question question, string message)
    {
        Assert.Equal([message], Messages(WithExtra(question)));
    }

    [Fact]
    public void Problems_TooManySectionsOrQuestions_AreRefused()
    {
        var sections = Changed(existing => [.. existing, .. Enumerable.Range(0, FormLimits.MaxSections).Select(index => new FormSection($"more{index}", "More", [Valid with { Key = $"story{index}" }]))]);
        var questions = WithExtra([.. Enumerable.Range(0, FormLimits.MaxQuestions).Select(index => Valid with { Key = $"story{index}" })]);

        Assert.Contains("sections: A form can have up to 30 sections (it has 37)", Messages(sections));
        Assert.Contains("sections: A form can have up to 100 questions (it has 111)", Messages(questions));
    }

    [Fact]
    public void Problems_FunderTextsOverTheirLimits_AreRefusedWithCharactersAndWords()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 81));
        var form = Changed(existing => [.. existing, new FormSection(Extra, new string('T', 201), [Valid with { Text = words, Hint = new string('h', 2_001) }])]);

        Assert.Equal([
            "sections[7].title: The section's title must be 200 characters or fewer (it has 201)",
            "sections[7].questions[0].text: The question must be 80 words or fewer (it has 81)",
            "sections[7].questions[0].hint: The hint must be 2,000 characters or fewer (it has 2,001)",
        ], Messages(form));
    }

    [Fact]
    public void Problems_CriterionSectionsNotOnTheFormOrRound_AreRefused()
    {
        var form = new ApplicationForm(ApplicationForm.Default.Sections, [new CriterionSections("need", ["whoBenefits", "gone"]), new CriterionSections("unknown", ["outcomes"])]);
        Criterion[] criteria = [new("need", "Need", 1m, 1, 5)];

        Assert.Equal([
            new Problem("criteria[0].sections", "The form has no section “gone” for the panel to read"),
            new Problem("criteria[1].criterion", "The round has no criterion “unknown”"),
        ], form.Problems(criteria));
    }

    [Fact]
    public void ProblemsBeforeOpening_EmptySection_IsRefusedThoughTheBuilderMayHaveOne()
    {
        var form = ApplicationForm.Default.AddSection(new FormSection(Extra, "To do", [])).Form;

        Assert.Empty(form.Problems());
        Assert.Equal([new Problem("sections[7].questions", "The section “To do” has no questions: add one, or remove the section")], form.ProblemsBeforeOpening());
    }
}
