using CsCheck;
using FairFund.Domain.Reviews;

namespace FairFund.Tests.Domain.Reviews;

/// <summary>
/// Automatic assignment: every application brought to the round's minimum where the panel allows,
/// never to a member who has it already or has a conflict with it, the work shared evenly, and the same plan
/// every time.
/// </summary>
public sealed class PanelAssignmentTests
{
    private const long Iterations = 2_000;

    private static readonly Guid[] Applications = [.. Enumerable.Range(1, 12).Select(Id)];

    [Fact]
    public void Plan_FromNothing_GivesEachApplicationTheMinimumSpreadEvenly()
    {
        var plan = PanelAssignment.Plan(Applications, Panel(4), [], minReviews: 2);

        Assert.Equal(24, plan.Assignments.Count);
        Assert.Empty(plan.Shortfalls);
        Assert.All(Applications, application => Assert.Equal(2, plan.Assignments.Count(a => a.ApplicationId == application)));
        Assert.All(Panel(4), member => Assert.Equal(6, plan.Assignments.Count(a => a.ReviewerId == member)));
    }

    [Fact]
    public void Plan_TiesOnLoad_GoToTheFirstReviewerIdInOrdinalOrder()
    {
        var plan = PanelAssignment.Plan([Id(1), Id(2)], ["b@panel.test", "a@panel.test", "c@panel.test"], [], minReviews: 2);

        Assert.Equal(
            [new Assignment(Id(1), "a@panel.test", 0), new Assignment(Id(1), "b@panel.test", 0), new Assignment(Id(2), "c@panel.test", 0), new Assignment(Id(2), "a@panel.test", 1)],
            plan.Assignments);
    }

    [Fact]
    public void Plan_ExistingReviews_CountTowardTheMinimumAndTheLoad()
    {
        ExistingReview[] existing = [new(Id(1), "a@panel.test", false), new(Id(3), "a@panel.test", false)];

        var plan = PanelAssignment.Plan([Id(1), Id(2)], ["a@panel.test", "b@panel.test", "c@panel.test"], existing, minReviews: 2);

        // Application 1 needs one more; a already has it. Then b and c have fewer reviews than a for application 2.
        Assert.Equal(
            [new Assignment(Id(1), "b@panel.test", 0), new Assignment(Id(2), "c@panel.test", 0), new Assignment(Id(2), "b@panel.test", 1)],
            plan.Assignments);
    }

    [Fact]
    public void Plan_MemberWithAConflict_IsNeverAssignedAndTheConflictDoesNotCount()
    {
        ExistingReview[] existing = [new(Id(1), "a@panel.test", true)];

        var plan = PanelAssignment.Plan([Id(1)], ["a@panel.test", "b@panel.test", "c@panel.test"], existing, minReviews: 2);

        Assert.Equal([new Assignment(Id(1), "b@panel.test", 0), new Assignment(Id(1), "c@panel.test", 0)], plan.Assignments);
        Assert.Empty(plan.Shortfalls);
    }

    [Fact]
    public void Plan_ConflictRecordedWithOtherCase_StillKeepsTheMemberAway()
    {
        ExistingReview[] existing = [new(Id(1), "A@Panel.test", true)];

        var plan = PanelAssignment.Plan([Id(1)], ["a@panel.test", "b@panel.test"], existing, minReviews: 1);

        Assert.Equal([new Assignment(Id(1), "b@panel.test", 0)], plan.Assignments);
    }

    [Fact]
    public void Plan_TooFewMembersWithoutAConflict_AssignsWhoItCanAndSaysWhy()
    {
        ExistingReview[] existing = [new(Id(1), "a@panel.test", true)];

        var plan = PanelAssignment.Plan([Id(1)], ["a@panel.test", "b@panel.test", "c@panel.test"], existing, minReviews: 3);

        Assert.Equal(2, plan.Assignments.Count);
        var shortfall = Assert.Single(plan.Shortfalls);
        Assert.Equal(new Shortfall(Id(1), 2, 3, "Only 2 panel members without a conflict of interest (1 has one), and it needs 3 reviews."), shortfall);
    }

    [Theory]
    [InlineData(0, "No panel members have joined yet.")]
    [InlineData(1, "The panel has only 1 panel member, and it needs 2 reviews.")]
    public void Plan_SmallPanel_SaysWhyInWords(int members, string reason)
    {
        var plan = PanelAssignment.Plan([Id(1)], Panel(members), [], minReviews: 2);

        Assert.Equal(reason, Assert.Single(plan.Shortfalls).Reason);
    }

    [Fact]
    public void Plan_EveryMemberConflicted_SaysSo()
    {
        var plan = PanelAssignment.Plan([Id(1)], ["a@panel.test"], [new ExistingReview(Id(1), "a@panel.test", true)], minReviews: 1);

        Assert.Empty(plan.Assignments);
        Assert.Equal("Every panel member has a conflict of interest with it, and it needs 1 review.", Assert.Single(plan.Shortfalls).Reason);
    }

    [Fact]
    public void Plan_AnyPanel_NeverAssignsAMemberWhoAlreadyHasTheApplicationOrTwice() => Cases.Sample(panel =>
    {
        var plan = panel.Plan();
        var pairs = plan.Assignments.Select(a => (a.ApplicationId, Reviewer: a.ReviewerId.ToLowerInvariant())).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        var had = panel.Existing.Select(r => (r.ApplicationId, Reviewer: r.ReviewerId.ToLowerInvariant())).ToHashSet();
        Assert.DoesNotContain(pairs, had.Contains);
        Assert.All(plan.Assignments, a => Assert.Contains(a.ReviewerId, panel.Members));
        Assert.All(plan.Assignments, a => Assert.Contains(a.ApplicationId, panel.Applications));
    }, iter: Iterations, print: panel => panel.ToString());

    [Fact]
    public void Plan_AnyPanel_BringsEveryApplicationToTheMinimumWhenEnoughMembersAreFree() => Cases.Sample(panel =>
    {
        var plan = panel.Plan();
        foreach (var application in panel.Applications)
        {
            var reviews = panel.Existing.Where(r => r.ApplicationId == application).ToList();
            var free = panel.Members.Count(member => !reviews.Any(r => r.Conflicted && r.ReviewerId == member));
            var total = reviews.Count(r => !r.Conflicted) + plan.Assignments.Count(a => a.ApplicationId == application);
            var shortfall = plan.Shortfalls.SingleOrDefault(s => s.ApplicationId == application);
            if (free >= panel.MinReviews)
            {
                Assert.True(total >= panel.MinReviews, $"{application} has {total} of {panel.MinReviews} with {free} free members");
                Assert.Null(shortfall);
            }
            else
            {
                Assert.Equal(free, total);
                Assert.NotNull(shortfall);
                Assert.Equal(total, shortfall.Reviews);
            }
            // Never more than needed.
            Assert.True(plan.Assignments.Count(a => a.ApplicationId == application) <= Math.Max(0, panel.MinReviews - reviews.Count(r => !r.Conflicted)));
        }
    }, iter: Iterations, print: panel => panel.ToString());

    [Fact]
    public void Plan_FromNothingWithoutConflicts_LoadsDifferByAtMostOne() => Fresh.Sample(panel =>
    {
        var plan = panel.Plan();
        var loads = panel.Members.Select(member => plan.Assignments.Count(a => a.ReviewerId == member)).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1, $"loads {string.Join(", ", loads)}");
    }, iter: Iterations, print: panel => panel.ToString());

    [Fact]
    public void Plan_SameInputsInAnyMemberOrder_GivesTheSamePlan() => Cases.Sample(panel =>
    {
        var reversed = panel with { Members = [.. panel.Members.Reverse()] };
        var (first, second) = (panel.Plan(), reversed.Plan());
        Assert.Equal(first.Assignments, second.Assignments);
        Assert.Equal(first.Shortfalls, second.Shortfalls);
    }, iter: Iterations, print: panel => panel.ToString());

    private static Guid Id(int number) => new($"00000000-0000-0000-0000-{number:000000000000}");

    private static string[] Panel(int count) => [.. Enumerable.Range(1, count).Select(number => $"member{number:00}@panel.test")];

    /// <summary>A random panel: up to 15 applications, up to 7 members, a minimum of 1 to 4, and for each pair no review, a review or a conflict.</summary>
    private static readonly Gen<PanelCase> Cases =
        Gen.Select(Gen.Int[0, 15], Gen.Int[0, 7], Gen.Int[1, 4], Gen.Int[0, 9].Array[15 * 7], (applications, members, min, pairs) =>
        {
            var ids = Enumerable.Range(1, applications).Select(Id).ToList();
            var panel = Panel(members);
            var existing = new List<ExistingReview>();
            for (var a = 0; a < applications; a++)
            {
                for (var m = 0; m < members; m++)
                {
                    // Mostly nothing, sometimes a review, sometimes a conflict.
                    var draw = pairs[a * 7 + m];
                    if (draw == 8) existing.Add(new ExistingReview(ids[a], panel[m], Conflicted: false));
                    else if (draw == 9) existing.Add(new ExistingReview(ids[a], panel[m], Conflicted: true));
                }
            }
            return new PanelCase(ids, panel, existing, min);
        });

    /// <summary>A panel with no reviews yet and no conflicts.</summary>
    private static readonly Gen<PanelCase> Fresh =
        Gen.Select(Gen.Int[0, 30], Gen.Int[1, 9], Gen.Int[1, 5], (applications, members, min) =>
            new PanelCase([.. Enumerable.Range(1, applications).Select(Id)], Panel(members), [], min));

    internal sealed record PanelCase(IReadOnlyList<Guid> Applications, IReadOnlyList<string> Members, IReadOnlyList<ExistingReview> Existing, int MinReviews)
    {
        public AssignmentPlan Plan() => PanelAssignment.Plan(Applications, Members, Existing, MinReviews);

        public override string ToString() =>
            $"{Applications.Count} applications, members [{string.Join(", ", Members)}], minReviews {MinReviews}, existing [{string.Join("; ", Existing.Select(r => $"{r.ApplicationId.ToString()[^2..]}:{r.ReviewerId}{(r.Conflicted ? " conflicted" : "")}"))}]";
    }
}
