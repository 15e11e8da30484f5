using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Validation;

namespace FairFund.Tests.Domain.Grants;

/// <summary>Reports: saved and come back to, sent, sent back for more with a reason, sent again and accepted; every version kept.</summary>
public sealed class GrantReportTests
{
    private static readonly DateTimeOffset Later = GrantInState.OfferedAt.AddDays(10);

    [Fact]
    public void Report_SavedSentAskedForMoreSentAgainAccepted_KeepsEveryVersionAndStepWithWhoAndWhen()
    {
        var grant = GrantInState.In(GrantState.Active);
        var half = GrantInState.FullReport with { LivedExperience = "", SpentByLine = [] };
        var better = GrantInState.FullReport with { WhatChanged = "Most walkers came back every week." };

        grant.SaveReport(1, half, Later, GrantInState.Group);
        grant.SendReport(1, GrantInState.FullReport, Later.AddDays(1), GrantInState.Group);
        grant.AskForMore(1, "  Say how many walkers came back  ", Later.AddDays(2), GrantInState.FundManager);
        grant.SaveReport(1, better, Later.AddDays(3), GrantInState.Group);
        grant.SendReport(1, better, Later.AddDays(4), GrantInState.Group);
        grant.AcceptReport(1, Later.AddDays(5), GrantInState.FundManager);

        var report = grant.Reports[0];
        Assert.Equal(ReportState.Accepted, report.State);
        Assert.Equal("Say how many walkers came back", report.MoreAskedReason);
        Assert.Equal([GrantInState.FullReport, better], report.Versions.Select(version => version.Content));
        Assert.Equal(
        [
            new StateChange(Later, GrantInState.Group, "Due", "Draft", "SaveDraft", null),
            new StateChange(Later.AddDays(1), GrantInState.Group, "Draft", "Sent", "Send", null),
            new StateChange(Later.AddDays(2), GrantInState.FundManager, "Sent", "MoreAsked", "AskForMore", "Say how many walkers came back"),
            new StateChange(Later.AddDays(3), GrantInState.Group, "MoreAsked", "MoreAsked", "SaveDraft", null),
            new StateChange(Later.AddDays(4), GrantInState.Group, "MoreAsked", "Sent", "Send", null),
            new StateChange(Later.AddDays(5), GrantInState.FundManager, "Sent", "Accepted", "Accept", null),
        ], report.History);
    }

    [Fact]
    public void SendReport_Unanswered_IsRefusedNamingEachFieldAndKeepsTheDraft()
    {
        var grant = GrantInState.In(GrantState.Active);
        var half = new ReportContent([[35]], "People walk together.", "", [1200m], "");
        grant.SaveReport(1, half, Later, GrantInState.Group);

        var refused = Assert.Throws<DomainRuleException>(() => grant.SendReport(1, half, Later, GrantInState.Group));

        Assert.Equal("The report cannot be sent until every question is answered: achieved[0][1]: Enter what was achieved for indicator 2 of outcome 1 (Walks led): 0 if none; "
            + "livedExperience: Say how people with lived experience shaped and judged the work; spent[1]: Enter what was spent on Insurance: 0 if nothing.", refused.Message);
        Assert.Equal(ReportState.Draft, grant.Reports[0].State);
        Assert.Equal(half, grant.Reports[0].Content);
        Assert.Empty(grant.Reports[0].Versions);
    }

    [Fact]
    public void Check_NumbersOutOfRange_AreLocated()
    {
        var grant = GrantInState.In(GrantState.Active);
        var content = GrantInState.FullReport with { Achieved = [[-1, 10_000_001]], SpentByLine = [1200.001m, -1m] };

        Assert.Equal(
        [
            new Problem("achieved[0][0]", "What was achieved for indicator 1 of outcome 1 (Walkers who say they feel less alone) must be a whole number from 0 to 10,000,000"),
            new Problem("achieved[0][1]", "What was achieved for indicator 2 of outcome 1 (Walks led) must be a whole number from 0 to 10,000,000"),
            new Problem("spent[0]", "What was spent on Peer supporter expenses must be in pounds and pence, like 150 or 150.50"),
            new Problem("spent[1]", "What was spent on Insurance must be from £0 to £1,000,000,000"),
        ], grant.Reports[0].Check(content, grant.Outcomes, grant.Budget));
    }

    [Fact]
    public void SaveReport_TextOverItsCharacterLimit_IsRefusedAndKeepsTheEarlierDraft()
    {
        var grant = GrantInState.In(GrantState.Active);
        grant.SaveReport(1, GrantInState.FullReport, Later, GrantInState.Group);

        var refused = Assert.Throws<DomainRuleException>(() => grant.SaveReport(1, GrantInState.FullReport with { WhatChanged = new string('a', 5_001) }, Later, GrantInState.Group));

        Assert.Equal("The report cannot be saved: whatChanged: What changed for people must be 5,000 characters or fewer (it has 5,001).", refused.Message);
        Assert.Equal(GrantInState.FullReport, grant.Reports[0].Content);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void AskForMore_WithoutAReason_IsRefusedSayingItNeedsOne(string? reason)
    {
        var grant = GrantInState.In(GrantState.Active);
        grant.SendReport(1, GrantInState.FullReport, Later, GrantInState.Group);

        Assert.Equal(["it needs a reason the group can act on"], grant.Reports[0].WhyNot(ReportTrigger.AskForMore, reason));
        var refused = Assert.Throws<DomainRuleException>(() => grant.AskForMore(1, reason!, Later, GrantInState.FundManager));
        Assert.Equal("The report cannot be sent back for more: it needs a reason the group can act on.", refused.Message);
        Assert.Equal(ReportState.Sent, grant.Reports[0].State);
    }

    [Fact]
    public void AcceptReport_NotSent_IsRefusedInWords()
    {
        var grant = GrantInState.In(GrantState.Active);

        var refused = Assert.Throws<DomainRuleException>(() => grant.AcceptReport(1, Later, GrantInState.FundManager));

        Assert.Equal("The report cannot be accepted: it is not started.", refused.Message);
    }

    [Fact]
    public void SendReport_GrantNotActive_IsRefused()
    {
        var grant = GrantInState.In(GrantState.Accepted);

        var refused = Assert.Throws<DomainRuleException>(() => grant.SendReport(1, GrantInState.FullReport, Later, GrantInState.Group));

        Assert.Equal("The report cannot change: the grant is accepted and waiting for the fund to check the acceptance.", refused.Message);
    }

    [Fact]
    public void Spending_SentReport_ShowsEachLineAndTheUnderspendOfWhatWasPaid()
    {
        var grant = GrantInState.In(GrantState.Active);
        grant.MarkPaid(1, new DateOnly(2027, 6, 10), "FF-0001", Later, GrantInState.FundManager);
        grant.SendReport(1, GrantInState.FullReport with { SpentByLine = [500m, 100m] }, Later, GrantInState.Group);

        var spending = grant.Reports[0].Spending(grant.Budget, grant.AmountPaid);

        Assert.Equal([700m, 200m], spending.Lines.Select(line => line.Difference!.Value));
        Assert.Equal((600m, 750m, 150m), (spending.TotalSpent, spending.PaidSoFar, spending.Underspend));
    }

    [Fact]
    public void ShortEndReport_GrantUnderTheThreshold_AsksOnlyWhatChangedAndTheSpending()
    {
        var grant = GrantInState.In(GrantState.Active, GrantInState.Terms with { ProportionateThreshold = 2000m });
        var report = Assert.Single(grant.Reports);
        var content = new ReportContent([], "People now walk together every week.", "", [1200m, 300m], "");

        Assert.True(report.IsShort && report.IsFinal);
        Assert.Equal(GrantTerms.ShortEndReportName, report.Name);
        Assert.Empty(report.Check(content, grant.Outcomes, grant.Budget));
        Assert.Equal([new Problem("whatChanged", "What changed for people must be 150 words or fewer (it has 151)")],
            report.Check(content with { WhatChanged = string.Join(' ', Enumerable.Repeat("walk", 151)) }, grant.Outcomes, grant.Budget));
    }
}
