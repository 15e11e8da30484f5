using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using static FairFund.Tests.Domain.Forms.FormsForTests;

namespace FairFund.Tests.Domain.Forms;

/// <summary>The form's canonical JSON: the same form always gives the same text, and reads back as the same form.</summary>
public sealed class FormJsonTests
{
    /// <summary>A form with a question of every kind, conditions of every sort, and criteria's sections.</summary>
    internal static ApplicationForm EveryKind()
    {
        var form = DefaultWith(new ShowWhen.AmountOver(10_000.5m),
            new Question("groupName", QuestionKind.ShortText, "Group name") { Limit = new TextLimit(120), Label = "Your group’s name", IfMissing = "Enter your group’s name" },
            new Question("members", QuestionKind.WholeNumber, "How many members?") { Min = 1, Max = 5_000, Required = false },
            new Question("income", QuestionKind.Money, "Income last year") { Min = 0, Max = 250_000.50m },
            new Question("eventDate", QuestionKind.Date, "When is the event?") { Earliest = new(2027, 6, 1), Latest = new(2027, 12, 31) },
            new Question("paidStaff", QuestionKind.YesNo, "Do you have paid staff?"),
            new Question("area", QuestionKind.OneChoice, "Where?") { Choices = ["Coventry", "Warwickshire \"north\""], ShowWhen = new ShowWhen.YesNoIs("paidStaff", true) },
            new Question("days", QuestionKind.SeveralChoices, "Which days?") { Choices = ["Monday", "Friday"], ShowWhen = new ShowWhen.Chosen("area", "Coventry") },
            new Question("postcode", QuestionKind.Postcode, "Postcode") { ShowWhen = new ShowWhen.Chosen("days", "Friday") },
            new Question("email", QuestionKind.Email, "Email") { ShowWhen = new ShowWhen.AmountAtMost(20_000m) },
            new Question("phone", QuestionKind.Phone, "Phone") { Hint = "Line one\nLine two" },
            new Question("helpers", QuestionKind.PartnerTable, "Who helps?") { MaxRows = 3 });
        return form.ReadForCriterion("need", ["whoBenefits", Extra]).Form;
    }

    public static TheoryData<string> Forms => ["default", "demo", "every kind"];

    private static ApplicationForm Named(string name) => name switch
    {
        "default" => ApplicationForm.Default,
        "demo" => ApplicationForm.DemoForm,
        _ => EveryKind(),
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Read_WhatWriteWrote_GivesTheSameForm(string name)
    {
        var json = FormJson.Write(Named(name));

        var read = FormJson.Read(json);

        Assert.Empty(read.Problems);
        Assert.Equal(json, FormJson.Write(read.Form!));
        Assert.Equal(Named(name).Questions, read.Form!.Questions, (a, b) => a with { Choices = [] } == b with { Choices = [] } && a.Choices.SequenceEqual(b.Choices));
    }

    [Fact]
    public void Write_SameFormBuiltTwice_GivesTheSameText_WithNoWhitespaceAndAFixedFieldOrder()
    {
        var first = FormJson.Write(EveryKind());
        var second = FormJson.Write(EveryKind());

        Assert.Equal(first, second);
        Assert.DoesNotContain("\n", first, StringComparison.Ordinal);
        Assert.StartsWith("{\"sections\":[{\"key\":\"project\",\"title\":\"About your project\",\"guidance\":\"\",\"showWhen\":null,\"questions\":[{\"key\":\"title\",\"kind\":\"shortText\",\"text\":\"Project title\",\"label\":\"\",", first, StringComparison.Ordinal);
        Assert.Contains("\"showWhen\":{\"when\":\"amountOver\",\"amount\":10000.5}", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AmountsWrittenDifferently_GiveTheSameText()
    {
        var tens = DefaultWith(new ShowWhen.AmountOver(10_000m), new Question("plan", QuestionKind.YesNo, "Plan?"));
        var pence = DefaultWith(new ShowWhen.AmountOver(10_000.00m), new Question("plan", QuestionKind.YesNo, "Plan?"));

        Assert.Equal(FormJson.Write(tens), FormJson.Write(pence));
    }

    [Theory]
    [InlineData("{\"sections\":[", "line 1, column 14")]
    [InlineData("[]", "")]
    public void Read_NotAFormsJson_GivesALocatedProblem(string json, string location)
    {
        var read = FormJson.Read(json);

        Assert.Null(read.Form);
        Assert.Equal(location, Assert.Single(read.Problems).Location);
    }

    [Fact]
    public void Read_BadFields_GivesEachLocated()
    {
        var json = FormJson.Write(ApplicationForm.Default)
            .Replace("\"kind\":\"longText\"", "\"kind\":\"essay\"", StringComparison.Ordinal)
            .Replace("\"required\":true", "\"required\":\"yes\"", StringComparison.Ordinal)
            .Replace("\"earliest\":null", "\"earliest\":\"2027-02-30\"", StringComparison.Ordinal);

        var read = FormJson.Read(json);

        Assert.Null(read.Form);
        Assert.Contains(new Problem("sections[0].questions[1].kind", "\"essay\" is not one of shortText, longText, wholeNumber, money, date, yesNo, oneChoice, severalChoices, postcode, email, phone, budgetTable, partnerTable, documents"), read.Problems);
        Assert.Contains(new Problem("sections[0].questions[0].required", "must be true or false, not the text \"yes\""), read.Problems);
        Assert.Contains(new Problem("sections[0].questions[0].earliest", "\"2027-02-30\" must be a real date written yyyy-MM-dd"), read.Problems);
    }

    [Fact]
    public void Read_AFormWithoutAFixedQuestion_GivesTheFormsOwnProblem()
    {
        var json = FormJson.Write(ApplicationForm.Default).Replace("\"key\":\"startDate\"", "\"key\":\"beginning\"", StringComparison.Ordinal);

        var read = FormJson.Read(json);

        Assert.Null(read.Form);
        Assert.StartsWith("Every form must ask for the project's start date", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"sections\":[{\"key\":1}],\"criteria\":[]}")]
    [InlineData("{\"sections\":[null],\"criteria\":{}}")]
    [InlineData("{\"sections\":[{\"key\":\"a\",\"title\":\"A\",\"questions\":[{\"key\":\"q\",\"kind\":\"money\",\"text\":\"Q\",\"required\":true,\"min\":1e400,\"maxBytes\":-1,\"limit\":{\"characters\":\"x\"},\"showWhen\":{\"when\":\"sometimes\"}}]}],\"criteria\":[]}")]
    [InlineData("\"just text\"")]
    [InlineData("")]
    public void Read_Garbage_GivesProblemsNeverAnException(string json)
    {
        var read = FormJson.Read(json);

        Assert.Null(read.Form);
        Assert.NotEmpty(read.Problems);
    }
}
