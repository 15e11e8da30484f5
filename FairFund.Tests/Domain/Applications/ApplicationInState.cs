using FairFund.Domain.Applications;

namespace FairFund.Tests.Domain.Applications;

/// <summary>
/// Applications brought into any state through the real intent methods, and each trigger fired through
/// its intent method with arguments that satisfy its guards, so a test is only about the state it starts in.
/// </summary>
internal static class ApplicationInState
{
    public static readonly DateTimeOffset Monday = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public const string Applicant = "secretary@group.example";
    public const string Officer = "officer@fund.example";
    public const string IneligibleReason = "The group works outside the fund's area";
    public const string DeclineReason = "Too few reviews to score it fairly";
    public const string WithdrawReason = "The group found other funding";

    /// <summary>The triggers, in order, that take a new draft application to each state.</summary>
    public static readonly IReadOnlyDictionary<ApplicationState, ApplicationTrigger[]> PathTo = new Dictionary<ApplicationState, ApplicationTrigger[]>
    {
        [ApplicationState.Draft] = [],
        [ApplicationState.Submitted] = [ApplicationTrigger.Submit],
        [ApplicationState.Eligible] = [ApplicationTrigger.Submit, ApplicationTrigger.MarkEligible],
        [ApplicationState.Ineligible] = [ApplicationTrigger.Submit, ApplicationTrigger.MarkIneligible],
        [ApplicationState.Scored] = [ApplicationTrigger.Submit, ApplicationTrigger.MarkEligible, ApplicationTrigger.MarkScored],
        [ApplicationState.Awarded] = [ApplicationTrigger.Submit, ApplicationTrigger.MarkEligible, ApplicationTrigger.MarkScored, ApplicationTrigger.Award],
        [ApplicationState.Waitlisted] = [ApplicationTrigger.Submit, ApplicationTrigger.MarkEligible, ApplicationTrigger.MarkScored, ApplicationTrigger.Waitlist],
        [ApplicationState.Declined] = [ApplicationTrigger.Submit, ApplicationTrigger.MarkEligible, ApplicationTrigger.MarkScored, ApplicationTrigger.Decline],
        [ApplicationState.Withdrawn] = [ApplicationTrigger.Withdraw],
    };

    /// <summary>The grants the rounds in these tests give.</summary>
    public static readonly GrantRange Grants = new(500m, 5000m);

    /// <summary>A draft with every question answered, so only the state machine can refuse it.</summary>
    public static Application Draft()
    {
        var application = new Application(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "CW-2027-0001");
        application.AnswerProject(new ProjectAnswers("Peer support walks", "Weekly walks led by peer supporters.", new DateOnly(2027, 6, 1), new DateOnly(2028, 5, 31)));
        application.AnswerWhoBenefits("Adults in Foleshill living with anxiety or depression.");
        application.AnswerOutcomes("Fewer people feel isolated; we will ask walkers every three months.");
        application.AnswerLivedExperience("The walks are planned by members who use them.");
        application.AnswerBudget([new BudgetLine("Peer supporter expenses", 1200m), new BudgetLine("Insurance", 300m)]);
        application.AnswerPartners(false, []);
        return application;
    }

    /// <summary>A new application in <paramref name="state"/>, one day per step from <see cref="Monday"/>.</summary>
    public static Application In(ApplicationState state)
    {
        var application = Draft();
        var day = 0;
        foreach (var trigger in PathTo[state])
        {
            var actor = trigger is ApplicationTrigger.Submit or ApplicationTrigger.Withdraw ? Applicant : Officer;
            Fire(application, trigger, Monday.AddDays(day++), actor);
        }
        Assert.Equal(state, application.State);
        return application;
    }

    /// <summary>An open round's window at <paramref name="now"/>, closing a week later.</summary>
    public static SubmissionWindow OpenWindow(DateTimeOffset now) => new(RoundIsOpen: true, ClosesAt: now.AddDays(7), Now: now);

    /// <summary>Fires <paramref name="trigger"/> through its intent method, with arguments its guards accept.</summary>
    public static void Fire(Application application, ApplicationTrigger trigger, DateTimeOffset at, string actor)
    {
        switch (trigger)
        {
            case ApplicationTrigger.Submit: application.Submit(at, actor, OpenWindow(at), Grants); break;
            case ApplicationTrigger.MarkEligible: application.MarkEligible(at, actor); break;
            case ApplicationTrigger.MarkIneligible: application.MarkIneligible(at, actor, IneligibleReason); break;
            case ApplicationTrigger.MarkScored: application.MarkScored(at, actor); break;
            case ApplicationTrigger.Award: application.Award(at, actor); break;
            case ApplicationTrigger.Waitlist: application.Waitlist(at, actor); break;
            case ApplicationTrigger.Decline: application.Decline(at, actor, DeclineReason); break;
            case ApplicationTrigger.Withdraw: application.Withdraw(at, actor, WithdrawReason); break;
            default: throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "A trigger this helper does not know yet.");
        }
    }

    /// <summary>The reason <see cref="Fire"/> gives with a trigger, as its history records it.</summary>
    public static string? ReasonGivenWith(ApplicationTrigger trigger) => trigger switch
    {
        ApplicationTrigger.MarkIneligible => IneligibleReason,
        ApplicationTrigger.Decline => DeclineReason,
        ApplicationTrigger.Withdraw => WithdrawReason,
        _ => null,
    };
}
