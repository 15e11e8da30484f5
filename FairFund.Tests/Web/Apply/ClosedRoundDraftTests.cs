using FairFund.Domain.Applications;
using FairFund.Web.Pages.Apply;

namespace FairFund.Tests.Web.Apply;

/// <summary>A group's unsent draft once its round has closed: every page says it can no longer be sent, none that it can be worked on.</summary>
public sealed class ClosedRoundDraftTests : IDisposable
{
    private const string KeepWorking = "you can keep working on it";

    private readonly FairFundFactory _factory = new() { RunRoundClock = false };

    public void Dispose() => _factory.Dispose();

    private async Task<(string Reference, HttpClient Applicant)> DraftAfterClosingAsync()
    {
        var reference = await _factory.StartAsync(complete: true);
        var round = await _factory.RoundAsync();
        _factory.Clock.SetUtcNow(round.ClosesAt.AddMinutes(1));
        return (reference, await SignedInClient.As(_factory, SignedInClient.Applicant));
    }

    [Fact]
    public async Task Get_StatusPage_DraftInAClosedRound_SaysItCanNoLongerBeSent()
    {
        var (reference, applicant) = await DraftAfterClosingAsync();

        var page = System.Net.WebUtility.HtmlDecode(await applicant.GetStringAsync(new Uri($"/apply/applications/{reference}/status", UriKind.Relative)));

        Assert.Contains(Labels.DraftAfterClosing, page);
        Assert.Contains(ApplicantWords.DraftAfterClosing, page);
        Assert.DoesNotContain(KeepWorking, page);
        Assert.DoesNotContain("Continue your application", page);
        Assert.DoesNotContain("send it before the round closes", page);
    }

    [Fact]
    public async Task Get_ApplicantStart_DraftInAClosedRound_IsListedAsNoLongerSendableToView()
    {
        var (reference, applicant) = await DraftAfterClosingAsync();

        var page = System.Net.WebUtility.HtmlDecode(await applicant.GetStringAsync(new Uri("/apply", UriKind.Relative)));

        Assert.Contains(Labels.DraftAfterClosing, page);
        Assert.DoesNotContain(KeepWorking, page);
        Assert.Contains($">View<span class=\"govuk-visually-hidden\"> application {reference}</span>", page);
    }

    [Fact]
    public async Task Get_TaskList_DraftInAClosedRound_SaysItCanNoLongerBeSentAndOffersOnlyTheAnswers()
    {
        var (reference, applicant) = await DraftAfterClosingAsync();

        var page = System.Net.WebUtility.HtmlDecode(await applicant.GetStringAsync(new Uri($"/apply/applications/{reference}", UriKind.Relative)));

        Assert.Contains(ApplicantWords.DraftAfterClosing, page);
        Assert.DoesNotContain("come back on any device", page);
        Assert.DoesNotContain("Check your answers", page);
        Assert.Contains("See your answers", page);
    }

    [Fact]
    public async Task Get_StatusPage_DraftInAnOpenRound_StillSaysItCanBeWorkedOn()
    {
        var reference = await _factory.StartAsync(complete: true);
        using var applicant = await SignedInClient.As(_factory, SignedInClient.Applicant);

        var page = System.Net.WebUtility.HtmlDecode(await applicant.GetStringAsync(new Uri($"/apply/applications/{reference}/status", UriKind.Relative)));

        Assert.Contains(Labels.ForApplicant(ApplicationState.Draft), page);
        Assert.Contains("Continue your application", page);
        Assert.DoesNotContain(Labels.DraftAfterClosing, page);
    }
}
