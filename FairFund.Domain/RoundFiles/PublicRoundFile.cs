using System.Globalization;
using FairFund.Domain.Allocation;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;

namespace FairFund.Domain.RoundFiles;

/// <summary>
/// The round file a decided round publishes with its results, so that anyone can run <c>allocate</c> on it and
/// get the allocation the rules gave. It keeps everything the allocation reads (the settings and seed, each
/// application's reference, income, flags, request and eligibility, and every review's conflict and scores) and
/// removes what would tell the public about people rather than the allocation:
/// <list type="bullet">
/// <item>the name of every group not funded, since an unsuccessful application is the group's own business;
/// funded groups are named, as every published grant is;</item>
/// <item>the screener's reason for finding an application ineligible, which is free text and may name people;</item>
/// <item>the reviewers' labels, replaced by each review's place in its application (<c>review-1</c>,
/// <c>review-2</c>…), so nobody can follow one panel member's scores across applications and, knowing who sat
/// on the panel, work out who scored what;</item>
/// <item>every group's answers to the form, which are its own words, may name people or give contact details, and
/// play no part in the allocation. The form itself stays: it was published when the round opened.</item>
/// </list>
/// </summary>
public static class PublicRoundFile
{
    /// <summary>What stands for a group's name when it is not published: the round file reader needs a name that is not blank.</summary>
    public const string WithheldName = "Name not published";

    /// <param name="full">The round file as the funder holds it.</param>
    /// <param name="funded">The references of the applications funded in the end, after moderation: only their groups are named.</param>
    public static RoundFile Of(RoundFile full, IReadOnlyCollection<string> funded)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(funded);
        var named = funded.ToHashSet(StringComparer.Ordinal);
        var applications = full.Applications.Select(application => application with
        {
            Organisation = named.Contains(application.Reference)
                // Cleaned on the way out: a name stored before names were cleaned must not publish a direction override.
                ? application.Organisation with { Name = FreeText.CleanLine(application.Organisation.Name) }
                : application.Organisation with { Name = WithheldName },
            IneligibleReason = null,
            // Within one application a review's label only has to differ from the others', which is all the allocation checks.
            Reviews = [.. application.Reviews.Select((review, index) => review with { Reviewer = ReviewLabel(index) })],
            Answers = FormAnswers.Empty,
        }).ToList();
        return full with { Applications = applications };
    }

    private static string ReviewLabel(int index) => "review-" + (index + 1).ToString(CultureInfo.InvariantCulture);
}
