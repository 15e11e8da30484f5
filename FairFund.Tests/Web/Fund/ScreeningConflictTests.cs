using System.Net;
using FairFund.Domain.Applications;
using FairFund.Tests.Web.Apply;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Forms;
using static FairFund.Tests.Web.Fund.Screenings;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// Two fund managers screen the same application from the same version of its page: the first decision stands,
/// and the second gets the one outcome (docs/edit-conflicts.md): the application as it is now, with its history
/// saying what changed, and the decision and reason typed kept.
/// </summary>
public sealed class ScreeningConflictTests : IDisposable
{
    private const string Reason = "The project is outside Coventry and Warwickshire, which this fund serves.";
    private readonly FairFundFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Decide_SecondOfTwoManagersFromTheSameVersion_ShowsChangedMeanwhileKeepsTheReasonAndTheFirstStands()
    {
        var seed = await PanelRounds.SeedAsync(_factory, applications: 1, members: 0, PanelRoundStage.Screening);
        var reference = seed.Applications[0];
        using var first = await SignedInClient.As(_factory, SignedInClient.Manager);
        using var second = await SignedInClient.As(_factory, SignedInClient.Manager);
        var eligible = new Dictionary<string, string> { ["Input.Decision"] = "eligible", ["Input.Reason"] = "" };
        var notEligible = new Dictionary<string, string> { ["Input.Decision"] = "not-eligible", ["Input.Reason"] = Reason };
        var firstForm = await first.FormAsync(ApplicationPage(reference), eligible);
        var secondForm = await second.FormAsync(ApplicationPage(reference), notEligible);

        using (var saved = await firstForm.SubmitAsync(first, eligible))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var response = await secondForm.SubmitAsync(second, notEligible);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(ChangedMeanwhile.Heading, page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Reason), page);
        Assert.Equal(ApplicationState.Eligible, (await SeededApplications.StoredAsync(_factory, reference)).State);
    }
}
