using System.Net;
using FairFund.Domain.Grants;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// The group's side of a grant: the status page links to the agreement once the decisions are sent; the group
/// accepts it, through the acceptance page's own form, with a named person, outcomes and bank details, or declines
/// it; bad input is refused at its field with nothing saved; another group's grant is not found at every handler.
/// </summary>
public sealed class GrantAcceptanceTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private readonly FairFundFactory factory = app.ForNextTest();

    [Fact]
    public async Task StatusPage_FundedOnceSent_LinksToTheAgreementWithItsTerms()
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);

        var status = await group.GetStringAsync(new Uri($"/apply/applications/{GrantOffers.Own}/status", UriKind.Relative));
        var agreement = WebUtility.HtmlDecode(await group.GetStringAsync(new Uri(GrantOffers.GrantPage(GrantOffers.Own), UriKind.Relative)));

        Assert.Contains($"href=\"{GrantOffers.GrantPage(GrantOffers.Own)}\"", status, StringComparison.Ordinal);
        Assert.Contains(GrantLabels.ForGroup(GrantState.Offered), agreement, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"govuk-summary-list__value\" id=\"grant-amount\">£1,500</dd>", agreement, StringComparison.Ordinal);
        Assert.Contains("The whole grant, £1,500, paid when the group accepts the offer", agreement, StringComparison.Ordinal);
        Assert.Contains("Final report: 12 months after the offer is accepted", agreement, StringComparison.Ordinal);
        Assert.Contains("Please accept or decline the grant by 29 March 2027.", agreement, StringComparison.Ordinal);
        Assert.Contains($"href=\"{GrantOffers.AcceptPage(GrantOffers.Own)}\"", agreement, StringComparison.Ordinal);
        Assert.Contains($"href=\"{GrantOffers.DeclinePage(GrantOffers.Own)}\"", agreement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_WithAddedIndicatorOutcomesAndBankDetails_IsAcceptedWithWhoAndWhen()
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        var acceptPage = GrantOffers.AcceptPage(GrantOffers.Own);
        var first = await group.GetStringAsync(new Uri(acceptPage, UriKind.Relative));
        // The form starts from what the application said about its outcomes.
        Assert.Contains("Fewer people feel isolated; we will ask walkers every three months.</textarea>", first, StringComparison.Ordinal);

        // Adding a second way to count the first outcome, without JavaScript: the form comes back with a row more and what was typed.
        var typed = GrantOffers.GoodAcceptance();
        typed["add"] = "indicator-0";
        using var added = await PageForms.For(first, acceptPage, acceptPage, typed).SubmitAsync(group, typed);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var withRow = await added.Content.ReadAsStringAsync();
        Assert.Contains("name=\"Input.Outcomes[0].Indicators[1].Target\"", withRow, StringComparison.Ordinal);
        Assert.Contains("value=\"Amina Hussain\"", withRow, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", withRow, StringComparison.Ordinal);

        var fields = GrantOffers.GoodAcceptance();
        fields["Input.Outcomes[0].Indicators[1].WhatIsCounted"] = "Walks held";
        fields["Input.Outcomes[0].Indicators[1].Unit"] = "walks";
        fields["Input.Outcomes[0].Indicators[1].Target"] = "1,000";
        using var accepted = await PageForms.For(withRow, acceptPage, acceptPage, fields).SubmitAsync(group, fields, button: "Accept the grant");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(GrantOffers.GrantPage(GrantOffers.Own), accepted.Headers.Location?.OriginalString);
        var stored = await GrantOffers.StoredAsync(factory, GrantOffers.Own);
        Assert.Equal(GrantState.Accepted, stored.State);
        Assert.Equal(new Signatory("Amina Hussain", "Treasurer", new DateOnly(2027, 3, 1), true), stored.Signatory);
        var outcome = Assert.Single(stored.Outcomes);
        Assert.Equal("Fewer people feel isolated", outcome.Description);
        Assert.Equal([new Indicator("People who say they feel less alone", "people", 40), new Indicator("Walks held", "walks", 1000)], outcome.Indicators);
        Assert.Equal("Foleshill Peer Support, **-**-50, ****5678", stored.MaskedBank);
        Assert.Equal(SignedInClient.Applicant, stored.LastActor);
        Assert.Equal(factory.Clock.GetUtcNow(), stored.LastAt);

        var agreement = WebUtility.HtmlDecode(await group.GetStringAsync(new Uri(GrantOffers.GrantPage(GrantOffers.Own), UriKind.Relative)));
        Assert.Contains(GrantLabels.ForGroup(GrantState.Accepted), agreement, StringComparison.Ordinal);
        Assert.Contains("You have accepted the grant.", agreement, StringComparison.Ordinal);
        Assert.Contains("Amina Hussain", agreement, StringComparison.Ordinal);
        Assert.Contains("People who say they feel less alone: 40 people", agreement, StringComparison.Ordinal);
        Assert.Contains("Walks held: 1,000 walks", agreement, StringComparison.Ordinal);
        Assert.Contains("9:30am on Monday 1 March 2027 (UK time)", agreement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_BadInput_GivesLocatedErrorsAndSavesNothing()
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        var before = await GrantOffers.StoredAsync(factory, GrantOffers.Own);
        var fields = GrantOffers.GoodAcceptance(sortCode: "44-55", accountNumber: "1234567x");
        fields["Input.Name"] = "";
        fields["Input.SignedOn.Day"] = "31";
        fields["Input.SignedOn.Month"] = "2";
        fields["Input.MaySign"] = "";
        fields["Input.Outcomes[0].Description"] = string.Join(' ', Enumerable.Repeat("word", 61));
        fields["Input.Outcomes[0].Indicators[0].Target"] = "lots";

        using var response = await GrantOffers.AcceptAsync(group, GrantOffers.Own, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var summary = page[page.IndexOf("govuk-error-summary__list", StringComparison.Ordinal)..page.IndexOf("</ul>", page.IndexOf("govuk-error-summary__list", StringComparison.Ordinal), StringComparison.Ordinal)];
        string[] expected =
        [
            "<a href=\"#signatory-name\">Enter the full name of the person accepting for the group</a>",
            "<a href=\"#signatory-signed-on-day\">The date signed must be a real date, like 27 3 2027</a>",
            "<a href=\"#signatory-may-sign-for-group\">Confirm that you may sign agreements for the group</a>",
            "<a href=\"#outcomes-0-description\">",
            "<a href=\"#outcomes-0-indicators-0-target\">Enter the target for indicator 1 of outcome 1 as a whole number, like 20</a>",
            "<a href=\"#sort-code\">Enter a valid sort code, like 30-99-50: six digits</a>",
            "<a href=\"#account-number\">Enter a valid account number",
        ];
        var at = expected.Select(error => summary.IndexOf(error, StringComparison.Ordinal)).ToList();
        Assert.All(at.Zip(expected), found => Assert.True(found.First >= 0, $"the error summary does not have {found.Second}"));
        Assert.Equal(at.Order(), at);
        Assert.Contains("id=\"outcomes-0-indicators-0-target\"", page, StringComparison.Ordinal);
        // What was typed is kept, but for the bank's numbers, which are never written back into the page.
        Assert.Contains("value=\"Treasurer\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"lots\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567x", page, StringComparison.Ordinal);
        Assert.DoesNotContain("44-55", page, StringComparison.Ordinal);
        Assert.Contains("please enter them again", page, StringComparison.Ordinal);

        var after = await GrantOffers.StoredAsync(factory, GrantOffers.Own);
        Assert.Equal(before, after with { Outcomes = before.Outcomes });
        Assert.Equal(GrantState.Offered, after.State);
        Assert.Empty(after.Outcomes);
        Assert.Null(after.MaskedBank);
    }

    [Fact]
    public async Task Accept_TypedNonsenseEverywhere_IsNeverAServerError()
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = new string('n', 5_000),
            ["Input.Role"] = "\u0000\u0001",
            ["Input.SignedOn.Day"] = "99999999999",
            ["Input.SignedOn.Month"] = "-1",
            ["Input.SignedOn.Year"] = "1e9",
            ["Input.Outcomes[0].Description"] = new string('x', 10_000),
            ["Input.Outcomes[0].Indicators[0].WhatIsCounted"] = "",
            ["Input.Outcomes[0].Indicators[0].Unit"] = new string('u', 500),
            ["Input.Outcomes[0].Indicators[0].Target"] = "99999999999999999999",
            ["Input.AccountName"] = new string('a', 500),
            ["Input.SortCode"] = "\u0663\u0663\u0663\u0663\u0663\u0663",
            ["Input.AccountNumber"] = "-1",
        };

        using var response = await GrantOffers.AcceptAsync(group, GrantOffers.Own, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(GrantState.Offered, (await GrantOffers.StoredAsync(factory, GrantOffers.Own)).State);
    }

    [Fact]
    public async Task Decline_WithAReason_IsDeclinedWithWhoAndWhen()
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        var page = GrantOffers.DeclinePage(GrantOffers.Own);

        using var tooLong = await group.PostFormAsync(page, new() { ["Input.Reason"] = string.Join(' ', Enumerable.Repeat("word", 301)) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("<a href=\"#reason\">", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(GrantState.Offered, (await GrantOffers.StoredAsync(factory, GrantOffers.Own)).State);

        using var declined = await group.PostFormAsync(page, new() { ["Input.Reason"] = "We found the money elsewhere." });

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var stored = await GrantOffers.StoredAsync(factory, GrantOffers.Own);
        Assert.Equal(GrantState.DeclinedByGroup, stored.State);
        Assert.Equal(SignedInClient.Applicant, stored.LastActor);
        Assert.Equal(factory.Clock.GetUtcNow(), stored.LastAt);
        var agreement = WebUtility.HtmlDecode(await group.GetStringAsync(new Uri(GrantOffers.GrantPage(GrantOffers.Own), UriKind.Relative)));
        Assert.Contains("Your reason for declining: We found the money elsewhere.", agreement, StringComparison.Ordinal);
        Assert.DoesNotContain("accept-link", agreement, StringComparison.Ordinal);
    }

    /// <summary>
    /// Forged on purpose: no page of this group's offers a form for another group's grant. The fields are its own
    /// grant's forms' fields, with the other grant's version, so a post that got through would change it.
    /// </summary>
    private static Dictionary<string, string> Forged(Guid version, bool adding)
    {
        var fields = new Dictionary<string, string>(GrantOffers.GoodAcceptance())
        {
            ["Input.Version"] = version.ToString(),
            ["Input.Reason"] = "Declined by another group",
            ["Input.SignedOn.Day"] = "1", ["Input.SignedOn.Month"] = "3", ["Input.SignedOn.Year"] = "2027",
        };
        if (adding) fields["add"] = "outcome";
        return fields;
    }

    public static TheoryData<string, string> Handlers => new()
    {
        { "GET", "grant" },
        { "GET", "grant/accept" },
        { "POST", "grant/accept" },
        { "POST", "grant/accept?add" },
        { "GET", "grant/decline" },
        { "POST", "grant/decline" },
    };

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task AnotherGroupsGrant_AtEveryHandler_IsNotFoundAndUnchanged(string method, string handler)
    {
        using var manager = await GrantOffers.SentAsync(factory);
        using var group = await SignedInClient.As(factory, SignedInClient.Applicant);
        var before = await GrantOffers.StoredAsync(factory, GrantOffers.Other);
        var path = $"/apply/applications/{GrantOffers.Other}/{handler.Replace("?add", "", StringComparison.Ordinal)}";

        using var response = method == "GET"
            ? await group.GetAsync(new Uri(path, UriKind.Relative))
            : await group.PostComposedAsync(path, Forged(before.Version, adding: handler.EndsWith("?add", StringComparison.Ordinal)),
                formPage: $"/apply/applications/{GrantOffers.Own}/{handler.Replace("?add", "", StringComparison.Ordinal)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var after = await GrantOffers.StoredAsync(factory, GrantOffers.Other);
        Assert.Equal(before, after with { Outcomes = before.Outcomes });
        Assert.Empty(after.Outcomes);

        // The other group itself reaches it.
        using var other = await GrantOffers.OtherGroupAsync(factory);
        using var own = await other.GetAsync(new Uri(GrantOffers.GrantPage(GrantOffers.Other), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
