using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using static FairFund.Tests.Domain.Forms.FormsForTests;

namespace FairFund.Tests.Domain.Forms;

/// <summary>Each kind of question's checks: required, limits, choices, money, dates, postcodes, emails, phones, documents.</summary>
public sealed class AnswerCheckTests
{
    private static Problem? Only(ApplicationForm form, string key, Answer? answer)
    {
        var answers = answer is null ? FormAnswers.Empty : Saved(form, (key, answer));
        return Assert.Single(ExtraProblems(form, answers).DefaultIfEmpty()) is { } problem ? problem : null;
    }

    [Fact]
    public void Check_RequiredQuestionUnanswered_SaysWhatToEnterAtItsField()
    {
        var form = DefaultWith(new Question("groupName", QuestionKind.ShortText, "What is your group called?") { Label = "Your group's name", Limit = new TextLimit(100) });

        Assert.Equal(new Problem("groupName", "Enter your group's name"), Only(form, "groupName", null));
    }

    [Fact]
    public void Check_RequiredQuestionWithItsOwnWords_SaysThem()
    {
        var form = DefaultWith(new Question("members", QuestionKind.WholeNumber, "How many members do you have?") { IfMissing = "Enter how many members your group has", Min = 1, Max = 10_000 });

        Assert.Equal(new Problem("members", "Enter how many members your group has"), Only(form, "members", null));
    }

    [Fact]
    public void Check_OptionalQuestionUnanswered_IsNoProblem()
    {
        var form = DefaultWith(new Question("website", QuestionKind.ShortText, "Your website") { Required = false, Limit = new TextLimit(100) });

        Assert.Null(Only(form, "website", null));
    }

    [Fact]
    public void Check_LongTextOverItsWordLimit_IsSavedAndSaysByHowMuch()
    {
        var form = DefaultWith(new Question("story", QuestionKind.LongText, "Tell us your story") { Limit = TextLimit.OfWords(5) });

        Assert.Equal(new Problem("story", "Tell us your story must be 5 words or fewer (it has 6)"), Only(form, "story", new Answer.Text("one two three four five six")));
    }

    [Fact]
    public void Save_TextOverItsCharacterLimit_IsRefusedAndKeepsTheAnswerBefore()
    {
        var form = DefaultWith(new Question("motto", QuestionKind.ShortText, "Your motto") { Limit = new TextLimit(10) });
        var before = Saved(form, ("motto", new Answer.Text("Walk on")));

        var saved = form.Save(before, "motto", new Answer.Text("Walk on, walk on"));

        Assert.Equal([new Problem("motto", "Your motto must be 10 characters or fewer (it has 16)")], saved.Refused);
        Assert.Equal(new Answer.Text("Walk on"), saved.Answers["motto"]);
    }

    [Fact]
    public void Save_Text_IsCleanedAsEveryTypedTextIs()
    {
        var form = DefaultWith(new Question("motto", QuestionKind.ShortText, "Your motto") { Limit = new TextLimit(100) },
            new Question("story", QuestionKind.LongText, "Your story") { Limit = TextLimit.OfWords(50) });

        var answers = Saved(form, ("motto", new Answer.Text("  Walk\u202E  on\n")), ("story", new Answer.Text(" Line one\r\nLine\u0000 two ")));

        Assert.Equal(new Answer.Text("Walk on"), answers["motto"]);
        Assert.Equal(new Answer.Text("Line one\nLine two"), answers["story"]);
    }

    [Fact]
    public void Save_BlankText_ClearsTheAnswer()
    {
        var form = DefaultWith(new Question("motto", QuestionKind.ShortText, "Your motto") { Limit = new TextLimit(100) });

        var answers = form.Save(Saved(form, ("motto", new Answer.Text("Walk on"))), "motto", new Answer.Text(" \t ")).Answers;

        Assert.Null(answers["motto"]);
    }

    [Theory]
    [InlineData(0, "How many members must be between 1 and 1,000")]
    [InlineData(1, null)]
    [InlineData(1_000, null)]
    [InlineData(1_001, "How many members must be between 1 and 1,000")]
    public void Check_WholeNumber_MustBeInItsRange(long members, string? message)
    {
        var form = DefaultWith(new Question("members", QuestionKind.WholeNumber, "How many members?") { Min = 1, Max = 1_000 });

        Assert.Equal(message, Only(form, "members", new Answer.Number(members))?.Message);
    }

    [Theory]
    [InlineData("49.99", "Your income must be between £50 and £250,000")]
    [InlineData("50", null)]
    [InlineData("250000", null)]
    [InlineData("250000.01", "Your income must be between £50 and £250,000")]
    [InlineData("120.505", "Your income must be in pounds and pence, like 150 or 150.50")]
    public void Check_Money_MustBeInItsRangeAndInPence(string amount, string? message)
    {
        var form = DefaultWith(new Question("income", QuestionKind.Money, "What was your income last year?") { Label = "Your income", Min = 50, Max = 250_000 });

        Assert.Equal(message, Only(form, "income", new Answer.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)))?.Message);
    }

    [Fact]
    public void Save_MoneyOverTheLargestAmount_IsRefused()
    {
        var form = DefaultWith(new Question("income", QuestionKind.Money, "Your income") { Min = 0, Max = 1_000 });

        var saved = form.Save(FormAnswers.Empty, "income", new Answer.Money(MoneyLimits.Largest + 0.01m));

        Assert.Equal([new Problem("income", "Your income must be £1,000,000,000 or less")], saved.Refused);
    }

    [Theory]
    [InlineData("2027-05-31", "The event date must be on or after 1 June 2027")]
    [InlineData("2027-06-01", null)]
    [InlineData("2027-12-31", null)]
    [InlineData("2028-01-01", "The event date must be on or before 31 December 2027")]
    public void Check_Date_MustBeWithinItsEarliestAndLatest(string date, string? message)
    {
        var form = DefaultWith(new Question("eventDate", QuestionKind.Date, "When is the event?") { Label = "The event date", Earliest = new(2027, 6, 1), Latest = new(2027, 12, 31) });

        Assert.Equal(message, Only(form, "eventDate", new Answer.Day(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)))?.Message);
    }

    [Theory]
    [InlineData("2027-05-31", "The end date must be the same as or after the start date")]
    [InlineData("2027-06-01", null)]
    [InlineData("2027-06-02", null)]
    public void Check_ProjectEndDate_MustNotBeBeforeItsStart(string end, string? message)
    {
        var answers = Saved(ApplicationForm.Default, (FixedQuestions.StartDate, new Answer.Day(new(2027, 6, 1))),
            (FixedQuestions.EndDate, new Answer.Day(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture))));

        var problems = ApplicationForm.Default.Check("project", answers, WideGrants).Where(problem => problem.Location == FixedQuestions.EndDate);

        Assert.Equal(message, problems.SingleOrDefault()?.Message);
    }

    [Fact]
    public void Check_OneChoiceNotAmongThoseOffered_IsAProblem()
    {
        var form = DefaultWith(new Question("area", QuestionKind.OneChoice, "Where do you work?") { Choices = ["Coventry", "Warwickshire"] });

        Assert.Equal(new Problem("area", "Select from the answers given for “Where do you work”"), Only(form, "area", new Answer.Choices(["Solihull"])));
    }

    [Fact]
    public void Check_OneChoiceWithTwoChosen_IsAProblem()
    {
        var form = DefaultWith(new Question("area", QuestionKind.OneChoice, "Where do you work?") { Label = "Area", Choices = ["Coventry", "Warwickshire"] });

        Assert.Equal(new Problem("area", "Select only one answer for “Area”"), Only(form, "area", new Answer.Choices(["Coventry", "Warwickshire"])));
    }

    [Fact]
    public void Check_SeveralChoicesAllOffered_IsNoProblem_AndDuplicatesAreDropped()
    {
        var form = DefaultWith(new Question("days", QuestionKind.SeveralChoices, "Which days?") { Choices = ["Monday", "Tuesday", "Friday"] });
        var answers = Saved(form, ("days", new Answer.Choices(["Monday", " Friday ", "Monday"])));

        Assert.Empty(ExtraProblems(form, answers));
        Assert.Equal(["Monday", "Friday"], Assert.IsType<Answer.Choices>(answers["days"]).Values);
    }

    [Fact]
    public void Check_SeveralChoicesRequiredAndNoneChosen_SaysSelectAtLeastOne()
    {
        var form = DefaultWith(new Question("days", QuestionKind.SeveralChoices, "Which days?") { Choices = ["Monday", "Tuesday"] });

        Assert.Equal(new Problem("days", "Select at least one answer for “Which days”"), Only(form, "days", new Answer.Choices([" "])));
    }

    [Theory]
    [InlineData("CV1 5FB")]
    [InlineData("cv15fb")]
    [InlineData("SW1A 1AA")]
    [InlineData("M1 1AE")]
    [InlineData("B33 8TH")]
    [InlineData("DN55 1PT")]
    [InlineData("EC1A 1BB")]
    [InlineData("W1A 0AX")]
    [InlineData("GIR 0AA")]
    public void Check_UkPostcode_IsAccepted(string postcode)
    {
        var form = DefaultWith(new Question("postcode", QuestionKind.Postcode, "Your postcode"));

        Assert.Null(Only(form, "postcode", new Answer.Text(postcode)));
    }

    [Theory]
    [InlineData("CV1")]
    [InlineData("12345")]
    [InlineData("CV1 5CB")]
    [InlineData("CV1-5FB")]
    [InlineData("QV1 5FB")]
    [InlineData("75001")]
    public void Check_NotAUkPostcode_SaysWhatOneLooksLike(string postcode)
    {
        var form = DefaultWith(new Question("postcode", QuestionKind.Postcode, "Your postcode"));

        Assert.Equal(new Problem("postcode", "Your postcode must be a UK postcode, like CV1 5FB"), Only(form, "postcode", new Answer.Text(postcode)));
    }

    [Theory]
    [InlineData("name@example.org", true)]
    [InlineData("a.b+c@sub.example.co.uk", true)]
    [InlineData("name", false)]
    [InlineData("name@", false)]
    [InlineData("name@example", false)]
    [InlineData("na me@example.org", false)]
    [InlineData("@example.org", false)]
    public void Check_Email_MustBeAnAddress(string email, bool accepted)
    {
        var form = DefaultWith(new Question("email", QuestionKind.Email, "Contact email"));

        Assert.Equal(accepted ? null : "Contact email must be an email address, like name@example.org", Only(form, "email", new Answer.Text(email))?.Message);
    }

    [Theory]
    [InlineData("024 7683 1234", true)]
    [InlineData("07700 900123", true)]
    [InlineData("+44 7700 900123", true)]
    [InlineData("(024) 7683-1234", true)]
    [InlineData("0044 24 7683 1234", true)]
    [InlineData("12345", false)]
    [InlineData("+1 202 555 0123", false)]
    [InlineData("0000 000 0000", false)]
    [InlineData("call me", false)]
    public void Check_Phone_MustBeAUkNumber(string phone, bool accepted)
    {
        var form = DefaultWith(new Question("phone", QuestionKind.Phone, "Contact phone"));

        Assert.Equal(accepted ? null : "Contact phone must be a UK phone number, like 024 7683 1234 or 07700 900123", Only(form, "phone", new Answer.Text(phone))?.Message);
    }

    [Fact]
    public void Check_DocumentsOverTheirCountAndSize_AreProblems_AndRequiredNoneIsOne()
    {
        var form = ApplicationForm.Default.EditQuestion(DefaultForm.Documents, ApplicationForm.Default.Find(DefaultForm.Documents)! with { Required = true, MaxDocuments = 2, MaxBytes = 1024 * 1024, IfMissing = "Add your accounts" }).Form;
        SupportingDocument Document(string name, long bytes) => new(Guid.NewGuid(), name, "application/pdf", bytes, DateTimeOffset.UnixEpoch, "group@example.org");

        var none = form.Check(DefaultForm.DocumentsSection, FormAnswers.Empty, WideGrants, []);
        var tooMany = form.Check(DefaultForm.DocumentsSection, FormAnswers.Empty, WideGrants, [Document("a.pdf", 10), Document("b.pdf", 10), Document("big.pdf", 1024 * 1024 + 1)]);

        Assert.Equal([new Problem("documents", "Add your accounts")], none);
        Assert.Equal([new Problem("documents", "You can send up to 2 documents: remove 1"), new Problem("documents", "big.pdf must be smaller than 1MB: remove it and add a smaller copy")], tooMany);
    }

    [Fact]
    public void Check_AnswerOfAnotherKind_CountsAsUnanswered()
    {
        var form = DefaultWith(new Question("members", QuestionKind.WholeNumber, "How many members?") { Min = 1, Max = 10 });
        var answers = FormAnswers.Empty.With("members", new Answer.Text("seven"));

        Assert.Equal(new Problem("members", "Enter an answer to “How many members?”"), Assert.Single(ExtraProblems(form, answers)));
        Assert.Equal([new Problem("members", "How many members cannot take this kind of answer")], form.Save(FormAnswers.Empty, "members", new Answer.Text("7")).Refused);
    }

    [Fact]
    public void Check_PartnerTableOverItsRows_SaysHowMany()
    {
        var form = DefaultWith(new Question("helpers", QuestionKind.PartnerTable, "Who helps?") { MaxRows = 1 });
        var answers = Saved(form, ("helpers", new Answer.PartnerRows([new("School", "Hall"), new("Library", "Books")])));

        Assert.Equal(new Problem("helpers", "List up to 1 partners: the ones most involved"), Assert.Single(ExtraProblems(form, answers)));
    }
}
