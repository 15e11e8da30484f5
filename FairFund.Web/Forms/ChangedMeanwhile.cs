using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Forms;

/// <summary>
/// The one thing a person sees when their save lost to another made after their page was shown
/// (docs/edit-conflicts.md): the same page, answered 409, showing the record as it is now with what they
/// entered still in the form, and this notice above it. Nothing of either save is lost.
/// </summary>
/// <param name="What">What changed, as the notice's sentence starts: "This application", "Your review of this application".</param>
/// <param name="Again">What to do to make the change after all: "select “Save and continue” again".</param>
public sealed record ChangedMeanwhile(string What, string Again)
{
    /// <summary>What was typed into a form the page no longer shows (its button no longer applies), so it is not lost.</summary>
    public string? TypedWithoutAForm { get; init; }

    public const string Heading = "Your change has not been saved";
    public const string Id = "changed-meanwhile";

    /// <summary>Answers the page's request with 409 Conflict and gives the notice the page shows.</summary>
    public static ChangedMeanwhile On(PageModel page, string what, string again)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Response.StatusCode = StatusCodes.Status409Conflict;
        return new ChangedMeanwhile(what, again);
    }
}
