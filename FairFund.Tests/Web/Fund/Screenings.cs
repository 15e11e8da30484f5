using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>The screening pages' addresses, and changes a test makes to the seeded round's data behind the pages' backs.</summary>
internal static partial class Screenings
{
    public const string Round = Panel.PanelRounds.Round;
    public const string ScreeningPage = $"/fund/rounds/{Round}/screening";

    public static string ApplicationPage(string reference, string round = Round) => $"/fund/rounds/{round}/applications/{reference}";

    /// <summary>The version token the page's screening form carries.</summary>
    public static string VersionIn(string page) => VersionField().Match(page).Groups[1].Value;

    /// <summary>The table row of one application on the screening page.</summary>
    public static string RowOf(string page, string reference)
    {
        var start = page.IndexOf($"id=\"application-{reference}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{reference} is not listed");
        var end = page.IndexOf("</tr>", start, StringComparison.Ordinal);
        return page[start..end];
    }

    /// <summary>The outcome tag shown for one check in a row or on the application page.</summary>
    public static string OutcomeOf(string html, string check)
    {
        var match = Regex.Match(html, $"data-check=\"{check}\">.*?<strong class=\"govuk-tag[^\"]*\">([^<]+)</strong>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no {check} check shown");
        return match.Groups[1].Value;
    }

    /// <summary>
    /// Sets the amount an application asks for, straight in the database: the form never lets a group send an amount
    /// outside the range, but the check must still catch one that arrived another way (an import, a changed range).
    /// </summary>
    public static Task SetAmountAsync(FairFundFactory factory, string reference, decimal amount) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            await StoredRows.SetBudgetCostsAsync(db, reference, amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    /// <summary>Moves the group behind an application, as the group would by updating its profile.</summary>
    public static Task SetPostcodeAsync(FairFundFactory factory, string reference, string postcode) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var groupId = await db.Applications.Where(a => a.Reference == reference).Select(a => a.OrganisationId).SingleAsync();
            var group = await db.Organisations.SingleAsync(g => g.Id == groupId);
            group.Update(group.Details with { Postcode = postcode });
            await db.SaveChangesAsync();
        });

    /// <summary>A second round, in draft, for addresses that mix one round with another's application.</summary>
    public static Task<string> OtherRoundAsync(FairFundFactory factory, string reference = "CW-MH-2027-R2", string name = "Round 2") =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var demo = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == Round);
            var other = new Round(Guid.NewGuid(), reference, name, demo.Purpose, demo.OpensAt.AddMonths(6), demo.ClosesAt.AddMonths(6),
                demo.Rules with { Reference = reference, Name = name });
            db.Rounds.Add(other);
            await db.SaveChangesAsync();
            return other.Reference;
        });

    /// <summary>The demo group's own application, sent with a supporting document while the round was open.</summary>
    public static Task<string> SendWithDocumentAsync(FairFundFactory factory, string fileName) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == Round);
            var group = await db.Organisations.SingleAsync(g => g.Name == Apply.Drafts.DemoGroup);
            var now = factory.Clock.GetUtcNow();
            var application = new Application(Guid.NewGuid(), round.Id, group.Id, $"{Round}-0100");
            Apply.Drafts.AnswerEverything(application);
            var pdf = Builders.DocumentBytes.Pdf();
            application.AddDocument(Guid.NewGuid(), fileName, pdf.Length, pdf, now, SignedInClient.Applicant);
            application.Submit(now, SignedInClient.Applicant, new SubmissionWindow(true, round.ClosesAt, now), new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax));
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application.Reference;
        });

    [GeneratedRegex("name=\"Input.Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
