using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using FairFund.Tests.Builders;
using static FairFund.Tests.Domain.Rounds.RoundInState;

namespace FairFund.Tests.Domain.Rounds;

/// <summary>"New round from this one": the whole set-up copied to a new draft, nothing of the old round's lifecycle.</summary>
public sealed class RoundCopyTests
{
    private static readonly DateTimeOffset Later = Monday.AddDays(60);

    private static readonly RingFencedPot Small = new("small", "Small groups", 0.2m, new Condition(["A"], null));
    private static readonly EquityRule Led = EquityRule.Multiplier("Led by lived experience", new Condition(null, [KnownFlags.LivedExperienceLed]), 1.2m);

    [Fact]
    public void CopyAsDraft_AnOpenedRound_CopiesSettingsCriteriaRulesPotsAndFormToANewDraft()
    {
        var original = Draft();
        original.ChangeForm(ApplicationForm.DemoForm, Monday, Manager);
        original.SetDisagreementThresholds(30m, 10m, Monday, Manager);
        original.Open(Monday, Manager, "seed");

        var copy = original.CopyAsDraft(Guid.NewGuid(), "CW-2028", "Community fund 2028", Later, Manager);

        Assert.Equal(RoundState.Draft, copy.State);
        Assert.Equal(("CW-2028", "Community fund 2028"), (copy.Reference, copy.Name));
        Assert.Equal(original.Rules with { Reference = "CW-2028", Name = "Community fund 2028", Seed = "" }, copy.Rules);
        Assert.Equal(FormJson.Write(ApplicationForm.DemoForm), FormJson.Write(copy.Form));
        Assert.Equal((original.Purpose, original.OpensAt, original.ClosesAt), (copy.Purpose, copy.OpensAt, copy.ClosesAt));
        Assert.Equal((30m, 10m), (copy.DisagreementRange, copy.DisagreementDeviation));
        Assert.Null(copy.RulesHash);
        Assert.Null(copy.SeedCommitment);
        Assert.Null(copy.WhyFormCannotChange);
        Assert.Equal(new StateChange(Later, Manager, "Draft", "Draft", Round.CopiedFrom, "Made from round CW-2027, Community fund"), Assert.Single(copy.History));
    }

    [Fact]
    public void CopyAsDraft_ADraftWithEquityRulesAndPots_CopiesThem()
    {
        var original = Draft(new RoundBuilder { Rules = [Led], Pots = [Small], Budget = 42_000m });

        var copy = original.CopyAsDraft(Guid.NewGuid(), "CW-2028", "Copy", Later, Manager);

        Assert.Equal([Led], copy.Rules.Rules);
        Assert.Equal([Small], copy.Rules.Pots);
        Assert.Equal(42_000m, copy.Rules.Budget);
    }

    [Fact]
    public void CopyAsDraft_UnderTheSameReference_IsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => Draft().CopyAsDraft(Guid.NewGuid(), "cw-2027", "Again", Later, Manager));

        Assert.Contains("reference of its own", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CopyAsDraft_ThenChangingTheCopysForm_LeavesTheOriginalAsItWas()
    {
        var original = Draft();
        var copy = original.CopyAsDraft(Guid.NewGuid(), "CW-2028", "Copy", Later, Manager);

        copy.ChangeForm(ApplicationForm.DemoForm, Later, Manager);

        Assert.Same(ApplicationForm.Default, original.Form);
        Assert.Empty(original.History);
    }
}
