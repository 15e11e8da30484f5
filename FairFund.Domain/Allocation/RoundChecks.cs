using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Allocation;

/// <summary>
/// Everything that must hold before a round can be allocated, beyond the shape of the data:
/// the settings' own rules, and each application's amount, reviews and scores against them.
/// </summary>
public static class RoundChecks
{
    public static IEnumerable<Problem> Check(RoundSettings settings, IReadOnlyList<ApplicationEntry> applications) =>
        settings.Check("round").Concat(CheckApplications(settings.Criteria, applications));

    /// <summary>
    /// The applications' own rules. They need only the criteria, so a round file whose other settings
    /// are broken still has its applications checked, and every problem is listed at once. Locations
    /// are only written out for a problem, as this runs over every application of every allocation.
    /// </summary>
    public static IEnumerable<Problem> CheckApplications(IReadOnlyList<Criterion> criteria, IReadOnlyList<ApplicationEntry> applications)
    {
        var references = new Dictionary<string, int>(applications.Count, StringComparer.Ordinal);
        for (var i = 0; i < applications.Count; i++)
        {
            var application = applications[i];
            if (string.IsNullOrWhiteSpace(application.Reference))
                yield return new Problem(At(i, "reference"), "an application needs a reference");
            else if (!references.TryAdd(application.Reference, i))
                yield return new Problem(At(i, "reference"), $"\"{application.Reference}\" is already used by applications[{references[application.Reference]}]");

            if (IsSound(criteria, application)) continue;
            foreach (var problem in CheckApplication(criteria, application, i)) yield return problem;
        }
    }

    /// <summary>The same rules as <see cref="CheckApplication"/>, answered without building a single message.</summary>
    private static bool IsSound(IReadOnlyList<Criterion> criteria, ApplicationEntry application)
    {
        if (application.Requested <= 0 || !Money.HasAtMostTwoDecimals(application.Requested)) return false;
        if (string.IsNullOrWhiteSpace(application.Organisation.Name) || application.Organisation.AnnualIncome < 0) return false;
        var reviews = application.Reviews;
        for (var r = 0; r < reviews.Count; r++)
        {
            var review = reviews[r];
            if (string.IsNullOrWhiteSpace(review.Reviewer) || ReviewedBefore(reviews, r) || review.Scores.Count != criteria.Count) return false;
            for (var c = 0; c < criteria.Count; c++)
            {
                if (review.Scores[c] < criteria[c].Min || review.Scores[c] > criteria[c].Max) return false;
            }
        }
        return true;
    }

    private static IEnumerable<Problem> CheckApplication(IReadOnlyList<Criterion> criteria, ApplicationEntry application, int index)
    {
        if (application.Requested <= 0)
            yield return new Problem(At(index, "requested"), $"{application.Requested} must be greater than 0");
        else if (!Money.HasAtMostTwoDecimals(application.Requested))
            yield return new Problem(At(index, "requested"), $"{application.Requested} has more than 2 decimal places");

        if (string.IsNullOrWhiteSpace(application.Organisation.Name))
            yield return new Problem(At(index, "organisation.name"), "the organisation needs a name");
        if (application.Organisation.AnnualIncome < 0)
            yield return new Problem(At(index, "organisation.annualIncome"), $"{application.Organisation.AnnualIncome} must not be negative");

        var reviews = application.Reviews;
        for (var r = 0; r < reviews.Count; r++)
        {
            var review = reviews[r];
            if (string.IsNullOrWhiteSpace(review.Reviewer))
                yield return new Problem(At(index, r, "reviewer"), "a review needs its reviewer");
            else if (ReviewedBefore(reviews, r))
                yield return new Problem(At(index, r, "reviewer"), $"{review.Reviewer} has already reviewed this application");

            if (review.Scores.Count != criteria.Count)
            {
                yield return new Problem(At(index, r, "scores"), $"has {review.Scores.Count} scores for {criteria.Count} criteria");
                continue;
            }
            for (var c = 0; c < criteria.Count; c++)
            {
                var criterion = criteria[c];
                var score = review.Scores[c];
                if (score < criterion.Min || score > criterion.Max)
                    yield return new Problem(At(index, r, "scores." + criterion.Key), $"{score} is outside the scale {criterion.Min}..{criterion.Max}");
            }
        }
    }

    /// <summary>A panel has a handful of reviews per application, so a scan beats a set.</summary>
    private static bool ReviewedBefore(IReadOnlyList<Scoring.Review> reviews, int index)
    {
        for (var earlier = 0; earlier < index; earlier++)
        {
            if (string.Equals(reviews[earlier].Reviewer, reviews[index].Reviewer, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string At(int application, string field) => $"applications[{application}].{field}";

    private static string At(int application, int review, string field) => $"applications[{application}].reviews[{review}].{field}";
}
