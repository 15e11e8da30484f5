using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Reviews;

/// <summary>A review that already exists in the round, as the planner needs it: whose, of what, and whether a conflict ended it.</summary>
public sealed record ExistingReview(Guid ApplicationId, string ReviewerId, bool Conflicted);

/// <summary>
/// One new review to create: <see cref="ReviewerId"/> had <see cref="ReviewsBefore"/> reviews without a conflict in
/// the round when chosen, the fewest of the members who could take the application.
/// </summary>
public sealed record Assignment(Guid ApplicationId, string ReviewerId, int ReviewsBefore);

/// <summary>An application that will still have fewer than the minimum reviews after the plan, and why, in words.</summary>
public sealed record Shortfall(Guid ApplicationId, int Reviews, int MinReviews, string Reason);

/// <summary>An application a fund manager chose to assign by hand, as <see cref="PanelAssignment.CheckManual"/> needs it.</summary>
public sealed record ChosenApplication(Guid Id, string Reference, ApplicationState State);

/// <summary>What <see cref="PanelAssignment.Plan"/> proposes: the new reviews, in order, and the applications it could not bring to the minimum.</summary>
public sealed record AssignmentPlan(IReadOnlyList<Assignment> Assignments, IReadOnlyList<Shortfall> Shortfalls);

/// <summary>
/// Plans which panel members review which applications so that each reaches the round's minimum number of
/// reviews (docs/panel.md). Reviews already made count, unless a conflict ended them; a member who already has a
/// review of an application, conflicted or not, is never given it again, so a declared or recorded conflict
/// keeps them away for good. Work is shared out evenly: each new review goes to the member with the fewest
/// reviews in the round so far, and ties go to the first reviewer id in ordinal order, so the same inputs
/// always give the same plan and a fund manager can explain any assignment. A member who is one of an
/// application's own people (<see cref="ApplicantPeople"/>) is never given it.
/// </summary>
public static class PanelAssignment
{
    /// <param name="applications">The applications to bring to the minimum, in a stable order (the plan follows it).</param>
    /// <param name="members">The reviewer ids (user names) of the members who have joined the panel.</param>
    /// <param name="existing">Every review already in the round, of these applications or others: all count toward a member's load.</param>
    /// <param name="minReviews">The round's <see cref="Allocation.RoundSettings.MinReviews"/>.</param>
    /// <param name="applicants">
    /// The people each application is known to come from (<see cref="ApplicantPeople"/>): a member among them has a
    /// conflict of interest with it and is never given it. An application missing here has nobody known.
    /// </param>
    public static AssignmentPlan Plan(IReadOnlyList<Guid> applications, IReadOnlyList<string> members, IReadOnlyList<ExistingReview> existing, int minReviews,
        IReadOnlyDictionary<Guid, ApplicantPeople>? applicants = null)
    {
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(existing);

        // Reviewer ids are user names, which Identity treats as equal whatever their case.
        var panel = members.Where(member => !string.IsNullOrWhiteSpace(member))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var load = panel.ToDictionary(member => member, member => 0, StringComparer.OrdinalIgnoreCase);
        foreach (var review in existing.Where(review => !review.Conflicted && load.ContainsKey(review.ReviewerId)))
            load[review.ReviewerId]++;

        var assignments = new List<Assignment>();
        var shortfalls = new List<Shortfall>();
        foreach (var application in applications.Distinct())
        {
            var reviews = existing.Where(review => review.ApplicationId == application).ToList();
            var counted = reviews.Count(review => !review.Conflicted);
            var reviewers = reviews.Select(review => review.ReviewerId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var people = applicants?.GetValueOrDefault(application) ?? ApplicantPeople.NoneKnown;
            var candidates = panel.Where(member => !reviewers.Contains(member) && people.ConflictOf(member) is null).ToList();

            while (counted < minReviews && candidates.Count > 0)
            {
                var chosen = candidates.OrderBy(member => load[member]).ThenBy(member => member, StringComparer.Ordinal).First();
                assignments.Add(new Assignment(application, chosen, load[chosen]));
                load[chosen]++;
                candidates.Remove(chosen);
                counted++;
            }
            if (counted < minReviews)
                shortfalls.Add(new Shortfall(application, counted, minReviews, WhyShort(panel, reviews, people, minReviews)));
        }
        return new AssignmentPlan(assignments, shortfalls);
    }

    /// <summary>
    /// What is wrong with a fund manager assigning <paramref name="application"/> to <paramref name="member"/> by hand,
    /// each at the choice it is about (<c>member</c> or <c>application</c>); empty when the review can be made. The
    /// rules are the plan's: only while the round takes assignments (<see cref="Round.WhyAssignmentIsClosed"/>), only a
    /// member who has joined, only an eligible application, never to a member who already has a review of it
    /// (a conflict ended or not, so a conflict keeps them away for good), and never to one of its own people.
    /// </summary>
    /// <param name="round">The round's state.</param>
    /// <param name="member">The reviewer id (user name) of the member chosen, or null when none was chosen or they have not joined.</param>
    /// <param name="application">The application chosen, or null when none was or it is not one of the round's sent applications.</param>
    /// <param name="existing">Every review already in the round.</param>
    /// <param name="applicants">The people the application is known to come from; none known when null.</param>
    public static IReadOnlyList<Problem> CheckManual(RoundState round, string? member, ChosenApplication? application, IReadOnlyList<ExistingReview> existing,
        ApplicantPeople? applicants = null)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var problems = new List<Problem>();
        if (Round.WhyAssignmentIsClosed(round) is { } closed) problems.Add(new Problem(MemberChoice, closed));
        if (member is null) problems.Add(new Problem(MemberChoice, "Select a panel member who has joined"));
        if (application is null) problems.Add(new Problem(ApplicationChoice, "Select an application"));
        else if (application.State != ApplicationState.Eligible)
            problems.Add(new Problem(ApplicationChoice, $"{application.Reference} cannot be assigned: only eligible applications are reviewed"));
        if (member is null || application is null) return problems;

        if (existing.FirstOrDefault(review => review.ApplicationId == application.Id && string.Equals(review.ReviewerId, member, StringComparison.OrdinalIgnoreCase)) is { } review)
            problems.Add(new Problem(MemberChoice, review.Conflicted
                ? $"{member} has a conflict of interest with {application.Reference}, so cannot review it"
                : $"{member} already has a review of {application.Reference}"));
        else if ((applicants ?? ApplicantPeople.NoneKnown).ConflictOf(member) is { } tie)
            problems.Add(new Problem(MemberChoice, $"{member} has a conflict of interest with {application.Reference}, so cannot review it: {tie}"));
        return problems;
    }

    /// <summary>Where <see cref="CheckManual"/> locates a problem with the member chosen.</summary>
    public const string MemberChoice = "member";

    /// <summary>Where <see cref="CheckManual"/> locates a problem with the application chosen.</summary>
    public const string ApplicationChoice = "application";

    private static string WhyShort(List<string> panel, List<ExistingReview> reviews, ApplicantPeople people, int minReviews)
    {
        if (panel.Count == 0) return "No panel members have joined yet.";
        var conflicted = panel.Count(member => people.ConflictOf(member) is not null
            || reviews.Any(review => review.Conflicted && string.Equals(review.ReviewerId, member, StringComparison.OrdinalIgnoreCase)));
        var free = panel.Count - conflicted;
        var needs = $"it needs {minReviews} {Reviews(minReviews)}";
        if (free == 0) return $"Every panel member has a conflict of interest with it, and {needs}.";
        return conflicted == 0
            ? $"The panel has only {panel.Count} {Members(panel.Count)}, and {needs}."
            : $"Only {free} {Members(free)} without a conflict of interest ({conflicted} {(conflicted == 1 ? "has" : "have")} one), and {needs}.";
    }

    private static string Members(int count) => count == 1 ? "panel member" : "panel members";

    private static string Reviews(int count) => count == 1 ? "review" : "reviews";
}
