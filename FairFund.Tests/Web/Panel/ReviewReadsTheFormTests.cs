using System.Net;
using FairFund.Tests.Web.Fund;

namespace FairFund.Tests.Web.Panel;

/// <summary>
/// A panel member reads an application as the round's form asks it: before declaring, the organisations the group
/// names in any partners table the form showed it, to spot a conflict; after, every section the group was shown,
/// a section only larger asks answer included.
/// </summary>
public sealed class ReviewReadsTheFormTests : IDisposable
{
    private readonly FairFundFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ReviewPage_BeforeDeclaring_NamesThePartnersFromEveryPartnersTableTheFormShowed()
    {
        var seed = await AnsweredForms.SeedAsync(_factory, members: 1);
        await AnsweredForms.StartScoringAsync(_factory);
        await PanelRounds.AssignAsync(_factory, AnsweredForms.LargerAsk, seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);

        var page = WebUtility.HtmlDecode(await member.GetStringAsync(new Uri(PanelPages.ReviewPath(AnsweredForms.LargerAsk), UriKind.Relative)));

        Assert.Contains("Who else is funding the project", page);
        Assert.Contains(AnsweredForms.CoFunder, page);
        Assert.DoesNotContain(AnsweredForms.LargerGrantPlan, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewPage_AfterDeclaring_ShowsTheProportionateSectionToALargerAskOnly()
    {
        var seed = await AnsweredForms.SeedAsync(_factory, members: 1);
        await AnsweredForms.StartScoringAsync(_factory);
        await PanelRounds.AssignAsync(_factory, AnsweredForms.LargerAsk, seed.Members[0]);
        await PanelRounds.AssignAsync(_factory, AnsweredForms.SmallerAsk, seed.Members[0]);
        using var member = await SignedInClient.As(_factory, seed.Members[0]);
        await member.DeclareNoConflictAsync(AnsweredForms.LargerAsk);
        await member.DeclareNoConflictAsync(AnsweredForms.SmallerAsk);

        using var response = await member.GetAsync(new Uri(PanelPages.ReviewPath(AnsweredForms.LargerAsk), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var larger = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var smaller = WebUtility.HtmlDecode(await member.GetStringAsync(new Uri(PanelPages.ReviewPath(AnsweredForms.SmallerAsk), UriKind.Relative)));

        Assert.Contains("<h2 class=\"govuk-heading-m\" id=\"answers-largerGrant\">Managing a larger grant</h2>", larger);
        Assert.Contains(AnsweredForms.LargerGrantPlan, larger);
        Assert.Contains(AnsweredForms.CoFunder, larger);
        Assert.Contains("id=\"answers-project\"", smaller);
        Assert.DoesNotContain("answers-largerGrant", smaller, StringComparison.Ordinal);
        Assert.DoesNotContain(AnsweredForms.HiddenPlan, smaller, StringComparison.Ordinal);
    }
}
