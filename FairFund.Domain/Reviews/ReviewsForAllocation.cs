using FairFund.Domain.Scoring;

namespace FairFund.Domain.Reviews;

/// <summary>
/// Turns an application's panel reviews into the reviews the allocator reads, so that moderation runs the
/// same engine, on the same kind of input, as <c>allocate</c> does on a round file.
/// </summary>
public static class ReviewsForAllocation
{
    /// <summary>
    /// Every review with a submitted version, by reviewer in ordinal order so the result does not depend on how
    /// they were loaded. Drafts are left out; a review ended by a conflict after it was submitted is kept,
    /// marked as a conflict, so the explanation shows it was excluded rather than silently dropping it.
    /// </summary>
    public static IReadOnlyList<Review> For(IEnumerable<PanelReview> reviews, IReadOnlyList<Criterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var result = new List<Review>();
        Guid? application = null;
        foreach (var review in reviews.OrderBy(review => review.ReviewerId, StringComparer.Ordinal))
        {
            if (application is { } first && review.ApplicationId != first)
                throw new ArgumentException("Reviews for different applications cannot be allocated together.", nameof(reviews));
            application = review.ApplicationId;
            if (review.ForAllocation(criteria) is { } counted) result.Add(counted);
        }
        return result;
    }
}
