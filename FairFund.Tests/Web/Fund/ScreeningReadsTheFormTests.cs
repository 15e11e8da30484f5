using System.Net;
using FairFund.Domain.Applications;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// The fund manager screens an application on the round's own form: the page shows every section and question the
/// group was shown, a section only larger asks answer included, and nothing the form hid from it; the automatic
/// checks read the fixed questions (the budget's total, the dates).
/// </summary>
public sealed class ScreeningReadsTheFormTests : IDisposable
{
    private readonly FairFundFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static string ApplicationPage(string reference) => $"/fund/rounds/{Panel.PanelRounds.Round}/applications/{reference}";

    private static string QuestionPart(string page, string key)
    {
        var start = page.IndexOf($"data-question=\"{key}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has no question {key}");
        var end = page.IndexOf("</div>", page.IndexOf("</dd>", start, StringComparison.Ordinal), StringComparison.Ordinal);
        return page[start..end];
    }

    [Fact]
    public async Task ApplicationPage_ALargerAsk_ShowsTheProportionateSectionWithItsAnswersAndChecksTheFixedQuestions()
    {
        await AnsweredForms.SeedAsync(_factory);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var response = await manager.GetAsync(new Uri(ApplicationPage(AnsweredForms.LargerAsk), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("<h2 class=\"govuk-heading-m\" id=\"answers-largerGrant\">Managing a larger grant</h2>", page);
        Assert.Contains(">Yes<", QuestionPart(page, "managedLargerGrant").Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Contains(AnsweredForms.LargerGrantPlan, QuestionPart(page, "largerGrantPlan"));
        Assert.Contains($"<td class=\"govuk-table__cell\">{AnsweredForms.CoFunder}</td>", QuestionPart(page, AnsweredForms.CoFunders));
        Assert.Contains("data-total>£12,000.00<", QuestionPart(page, "budget"));
        // The screening checks read the fixed questions, whatever else the form asks.
        Assert.Contains("£12,000 is within the grants this round gives", page);
        Assert.Contains("The project runs from 1 June 2027 to 31 May 2028.", page);
    }

    [Fact]
    public async Task ApplicationPage_ASmallerAsk_LeavesOutTheSectionItWasNotShownAndItsSavedAnswer()
    {
        await AnsweredForms.SeedAsync(_factory);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri(ApplicationPage(AnsweredForms.SmallerAsk), UriKind.Relative)));

        Assert.Contains("id=\"answers-project\"", page);
        Assert.DoesNotContain("answers-largerGrant", page, StringComparison.Ordinal);
        Assert.DoesNotContain(AnsweredForms.HiddenPlan, page, StringComparison.Ordinal);
        Assert.Contains("data-total>£4,500.00<", QuestionPart(page, "budget"));
    }

    [Fact]
    public async Task ScreeningPage_BothAsks_ShowTheBudgetsTotalAndTheAmountCheck()
    {
        await AnsweredForms.SeedAsync(_factory);
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(new Uri($"/fund/rounds/{Panel.PanelRounds.Round}/screening", UriKind.Relative)));

        var larger = page[page.IndexOf($"id=\"application-{AnsweredForms.LargerAsk}\"", StringComparison.Ordinal)..];
        larger = larger[..larger.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("£12,000", larger);
        Assert.Contains($"data-check=\"{EligibilityChecks.Amount}\"", larger);
    }
}
