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
    /// are broken still has its applications checked, and every problem is listed at once.
    /// </summary>
    public static IEnumerable<Problem> CheckApplications(IReadOnlyList<Criterion> criteria, IReadOnlyList<ApplicationEntry> applications)
    {
        var references = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < applications.Count; i++)
        {
            var at = Location.Item("applications", i);
            var application = applications[i];
            if (string.IsNullOrWhiteSpace(application.Reference))
                yield return new Problem(Location.Field(at, "reference"), "an application needs a reference");
            else if (references.TryGetValue(application.Reference, out var first))
                yield return new Problem(Location.Field(at, "reference"), $"\"{application.Reference}\" is already used by applications[{first}]");
            else references.Add(application.Reference, i);

            foreach (var problem in CheckApplication(criteria, application, at)) yield return problem;
        }
    }

    private static IEnumerable<Problem> CheckApplication(IReadOnlyList<Criterion> criteria, ApplicationEntry application, string at)
    {
        if (application.Requested <= 0)
            yield return new Problem(Location.Field(at, "requested"), $"{application.Requested} must be greater than 0");
        else if (Money.DecimalPlaces(application.Requested) > 2)
            yield return new Problem(Location.Field(at, "requested"), $"{application.Requested} has more than 2 decimal places");

        var organisation = Location.Field(at, "organisation");
        if (string.IsNullOrWhiteSpace(application.Organisation.Name))
            yield return new Problem(Location.Field(organisation, "name"), "the organisation needs a name");
        if (application.Organisation.AnnualIncome < 0)
            yield return new Problem(Location.Field(organisation, "annualIncome"), $"{application.Organisation.AnnualIncome} must not be negative");

        var reviewers = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < application.Reviews.Count; r++)
        {
            var review = application.Reviews[r];
            var here = Location.Item(Location.Field(at, "reviews"), r);
            if (string.IsNullOrWhiteSpace(review.Reviewer))
                yield return new Problem(Location.Field(here, "reviewer"), "a review needs its reviewer");
            else if (!reviewers.Add(review.Reviewer))
                yield return new Problem(Location.Field(here, "reviewer"), $"{review.Reviewer} has already reviewed this application");

            if (review.Scores.Count != criteria.Count)
            {
                yield return new Problem(Location.Field(here, "scores"), $"has {review.Scores.Count} scores for {criteria.Count} criteria");
                continue;
            }
            for (var c = 0; c < criteria.Count; c++)
            {
                var criterion = criteria[c];
                var score = review.Scores[c];
                if (score < criterion.Min || score > criterion.Max)
                    yield return new Problem(Location.Field(Location.Field(here, "scores"), criterion.Key), $"{score} is outside the scale {criterion.Min}..{criterion.Max}");
            }
        }
    }
}
