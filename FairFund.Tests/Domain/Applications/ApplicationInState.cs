using FairFund.Domain.Allocation;
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

    /// <summary>The notices <see cref="Fire"/> decides with: each says what its trigger does, so only the state can refuse it.</summary>
    public static readonly DecisionNotice Funded = new(Decision.Award, 1500m, "General pot", false,
        "Your application is funded: £1,500, the full amount you asked for.", [new TrailLine(1, "Decision: awarded 1,500.00 from General pot")], ["A clear, well-costed plan."]);

    public static readonly DecisionNotice OnTheWaitingList = new(Decision.Waitlist, 0m, null, false,
        "Your application scored well enough to be funded, but the money ran out before it was reached.", [new TrailLine(1, "Decision: waitlisted")], []);

    public static readonly DecisionNotice NotFunded = new(Decision.Decline, 0m, null, false, DeclineReason, [new TrailLine(1, "Decision: declined")], []);

    /// <summary>The grants the rounds in these tests give.</summary>
    public static readonly GrantRange Grants = new(500m, 5000m);

    /// <summary>A draft with every question answered, so only the state machine can refuse it; for a round and group of its own unless given.</summary>
    public static Application Draft(Guid? roundId = null, Guid? organisationId = null, string reference = "CW-2027-0001")
    {
        var application = new Application(Guid.NewGuid(), roundId ?? Guid.NewGuid(), organisationId ?? Guid.NewGuid(), reference);
        application.AnswerProject(new ProjectAnswers("Peer support walks", "Weekly walks led by peer supporters.", new DateOnly(2027, 6, 1), new DateOnly(2028, 5, 31)));
        application.AnswerWhoBenefits("Adults in Foleshill living with anxiety or depression.");
        application.AnswerOutcomes("Fewer people feel isolated; we will ask walkers every three months.");
        application.AnswerLivedExperience("The walks are planned by members who use them.");
        application.AnswerBudget([new BudgetLine("Peer supporter expenses", 1200m), new BudgetLine("Insurance", 300m)]);
        application.AnswerPartners(false, []);
        return application;
    }

    /// <summary>A new application in <paramref name="state"/>, one day per step from <see cref="Monday"/>.</summary>
    /// <param name="state">Where the application is to stand.</param>
    /// <param name="draft">The draft to take there; a new one by default.</param>
    /// <param name="notice">The decision, for a decided state; one of this class's notices by default.</param>
    /// <param name="applicant">Who submits or withdraws it for the group.</param>
    public static Application In(ApplicationState state, Application? draft = null, DecisionNotice? notice = null, string applicant = Applicant)
    {
        var application = draft ?? Draft();
        var day = 0;
        foreach (var trigger in PathTo[state])
        {
            var actor = trigger is ApplicationTrigger.Submit or ApplicationTrigger.Withdraw ? applicant : Officer;
            Fire(application, trigger, Monday.AddDays(day++), actor, notice);
        }
        Assert.Equal(state, application.State);
        return application;
    }

    /// <summary>An open round's window at <paramref name="now"/>, closing a week later.</summary>
    public static SubmissionWindow OpenWindow(DateTimeOffset now) => new(RoundIsOpen: true, ClosesAt: now.AddDays(7), Now: now);

    /// <summary>Fires <paramref name="trigger"/> through its intent method, with arguments its guards accept.</summary>
    public static void Fire(Application application, ApplicationTrigger trigger, DateTimeOffset at, string actor, DecisionNotice? notice = null)
    {
        switch (trigger)
        {
            case ApplicationTrigger.Submit: application.Submit(at, actor, OpenWindow(at), Grants); break;
            case ApplicationTrigger.MarkEligible: application.MarkEligible(at, actor); break;
            case ApplicationTrigger.MarkIneligible: application.MarkIneligible(at, actor, IneligibleReason); break;
            case ApplicationTrigger.MarkScored: application.MarkScored(at, actor); break;
            case ApplicationTrigger.Award: application.Award(at, actor, notice ?? Funded); break;
            case ApplicationTrigger.Waitlist: application.Waitlist(at, actor, notice ?? OnTheWaitingList); break;
            case ApplicationTrigger.Decline: application.Decline(at, actor, notice ?? NotFunded); break;
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

    /// <summary>The notice <see cref="Fire"/> gives with a decision, or null for any other trigger.</summary>
    public static DecisionNotice? NoticeGivenWith(ApplicationTrigger trigger) => trigger switch
    {
        ApplicationTrigger.Award => Funded,
        ApplicationTrigger.Waitlist => OnTheWaitingList,
        ApplicationTrigger.Decline => NotFunded,
        _ => null,
    };
}
