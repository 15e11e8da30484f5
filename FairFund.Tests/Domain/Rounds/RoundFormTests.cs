using FairFund.Domain.Auditing;
using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;
using FairFund.Tests.Builders;
using FairFund.Tests.Domain.Forms;
using static FairFund.Tests.Domain.Rounds.RoundInState;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>
/// The round owns its form: the default for a new round, changed only while a draft, recorded with who and when,
/// and fixed into the published rules when the round opens, so their fingerprint covers every question.
/// </summary>
public sealed class RoundFormTests
{
    private static readonly DateTimeOffset Tuesday = Monday.AddDays(1);

    [Fact]
    public void Form_OfANewRound_IsTheDefault()
    {
        Assert.Same(ApplicationForm.Default, Draft().Form);
    }

    [Fact]
    public void ChangeForm_WhileADraft_IsTheRoundsFormAndRecordedWithWhoAndWhen()
    {
        var round = Draft();

        round.ChangeForm(ApplicationForm.DemoForm, Tuesday, Manager);

        Assert.Same(ApplicationForm.DemoForm, round.Form);
        Assert.Equal(new StateChange(Tuesday, Manager, "Draft", "Draft", Round.FormChanged, "The application form was changed"), Assert.Single(round.History));
    }

    [Theory]
    [InlineData(RoundState.Open)]
    [InlineData(RoundState.Scoring)]
    [InlineData(RoundState.Cancelled)]
    public void ChangeForm_OnceOpenedOrCancelled_IsRefusedSayingWhyAndChangesNothing(RoundState state)
    {
        var round = In(state);
        var history = round.History.Count;

        var refused = Assert.Throws<DomainRuleException>(() => round.ChangeForm(ApplicationForm.DemoForm, Tuesday, Manager));

        Assert.StartsWith($"The round's form cannot change now: it is {Round.Describe(state)}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(refused.Message, round.WhyFormCannotChange + ".");
        Assert.Same(ApplicationForm.Default, round.Form);
        Assert.Equal(history, round.History.Count);
    }

    [Fact]
    public void WhyFormCannotChange_ADraft_IsNull()
    {
        Assert.Null(Draft().WhyFormCannotChange);
    }

    [Fact]
    public void ChangeForm_WithAProblem_IsRefused()
    {
        var round = Draft();
        var withoutTitle = new ApplicationForm([.. ApplicationForm.Default.Sections.Skip(1)]);

        var refused = Assert.Throws<DomainRuleException>(() => round.ChangeForm(withoutTitle, Tuesday, Manager));

        Assert.StartsWith("The form cannot be used: Every form must ask for the project title", refused.Message, StringComparison.Ordinal);
        Assert.Same(ApplicationForm.Default, round.Form);
    }

    [Fact]
    public void CheckForm_CriterionTheRoundDoesNotHave_IsAProblem()
    {
        var form = ApplicationForm.Default.ReadForCriterion("impact", ["outcomes"]).Form;

        Assert.Equal([new Problem("criteria[0].criterion", "The round has no criterion “impact”")], Draft().CheckForm(form));
        Assert.Empty(Draft().CheckForm(ApplicationForm.Default.ReadForCriterion(RoundBuilder.Need.Key, ["whoBenefits"]).Form));
    }

    [Fact]
    public void Open_WithAnEmptySection_IsRefusedNeedingAFormWithNoProblems()
    {
        var round = Draft();
        round.ChangeForm(ApplicationForm.Default.AddSection(new FormSection("later", "To write", [])).Form, Tuesday, Manager);

        var refused = Assert.Throws<DomainRuleException>(() => round.Open(Tuesday, Manager, Seed.Draw()));

        Assert.Equal("The round cannot open: it needs an application form with no problems, every section with a question.", refused.Message);
        Assert.Equal(RoundState.Draft, round.State);
    }

    [Fact]
    public void Open_FixesTheFormIntoThePublishedRules()
    {
        var round = Draft();
        round.ChangeForm(ApplicationForm.DemoForm, Tuesday, Manager);

        round.Open(Tuesday, Manager, Seed.Draw());

        Assert.Equal(PublishedRules.Of(round.Rules, ApplicationForm.DemoForm).Sha256, round.RulesHash);
        Assert.Contains("\"form\":" + FormJson.Write(ApplicationForm.DemoForm) + "}", round.RulesJson, StringComparison.Ordinal);
        Assert.NotEqual(PublishedRules.Of(round.Rules).Sha256, round.RulesHash);
    }

    [Fact]
    public void PublishedRules_SameRulesAndForm_GiveTheSameTextTwice()
    {
        var rules = new RoundBuilder().Settings();

        Assert.Equal(PublishedRules.Of(rules, FormJsonTests.EveryKind()), PublishedRules.Of(rules, FormJsonTests.EveryKind()));
        Assert.Equal(PublishedRules.Of(rules), PublishedRules.Of(rules, ApplicationForm.Default));
    }

    private static ApplicationForm EditExtra(Func<Question, Question> change)
    {
        var form = FormJsonTests.EveryKind();
        var edit = form.EditQuestion("groupName", change(form.Find("groupName")!));
        Assert.Empty(edit.Problems);
        return edit.Form;
    }

    public static TheoryData<string> Changes => ["text", "hint", "label", "words when missing", "limit", "required", "condition", "order", "section title", "section condition", "choice", "criteria"];

    private static ApplicationForm Changed(string change) => change switch
    {
        "text" => EditExtra(question => question with { Text = "Group's name" }),
        "hint" => EditExtra(question => question with { Hint = "As on your bank account" }),
        "label" => EditExtra(question => question with { Label = "The group's name" }),
        "words when missing" => EditExtra(question => question with { IfMissing = "Enter the group's name" }),
        "limit" => EditExtra(question => question with { Limit = new TextLimit(121) }),
        "required" => EditExtra(question => question with { Required = false }),
        "condition" => EditExtra(question => question with { ShowWhen = new ShowWhen.AmountOver(1m) }),
        "order" => FormJsonTests.EveryKind().MoveQuestionDown("groupName").Form,
        "section title" => FormJsonTests.EveryKind().EditSection(FormsForTests.Extra, "More questions", "", new ShowWhen.AmountOver(10_000.5m)).Form,
        "section condition" => FormJsonTests.EveryKind().EditSection(FormsForTests.Extra, "Extra questions", "", new ShowWhen.AmountOver(10_000.51m)).Form,
        "choice" => FormJsonTests.EveryKind().EditQuestion("days", FormJsonTests.EveryKind().Find("days")! with { Choices = ["Monday", "Friday", "Sunday"] }).Form,
        _ => FormJsonTests.EveryKind().ReadForCriterion("need", ["whoBenefits"]).Form,
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void PublishedRules_AnyChangeToTheForm_ChangesTheFingerprint(string change)
    {
        var rules = new RoundBuilder().Settings();
        var changed = Changed(change);

        Assert.NotEqual(FormJson.Write(FormJsonTests.EveryKind()), FormJson.Write(changed));
        Assert.NotEqual(PublishedRules.Of(rules, FormJsonTests.EveryKind()).Sha256, PublishedRules.Of(rules, changed).Sha256);
    }
}
