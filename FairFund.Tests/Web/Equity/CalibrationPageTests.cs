using System.Net;
using FairFund.Domain.Equity;
using FairFund.Domain.Reviews;
using FairFund.Domain.RoundFiles;
using FairFund.Tests.Web.Fund;
using FairFund.Tests.Web.Panel;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Equity;

/// <summary>
/// The calibration page on a round with a harsh and a generous panel member: how many each scored (counted from
/// the stored reviews), which way each leans, and every application's calibrated score and changed decision as
/// the domain works them out from the round file the fund manager downloads.
/// </summary>
public sealed class CalibrationPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const int Applications = 24;
    private const string CalibrationPage = $"/fund/rounds/{Moderating.Round}/calibration";
    private const string RoundFilePage = $"/fund/rounds/{Moderating.Round}/round-file";
    private readonly FairFundFactory _factory = app.ForNextTest();

    /// <summary>Member 1 scores low and member 2 high, and they rank the applications differently, so calibration has work to do.</summary>
    private static int[]? HarshAndGenerous(int application, int member)
    {
        var level = member == 0 ? application % 3 : 2 + (application * 2) % 3;
        return [level, level, Math.Min(4, level + application % 2), level];
    }

    [Fact]
    public async Task CalibrationPage_HarshAndGenerousMembers_ShowsEachMembersLeanAndTheDomainsCalibratedScores()
    {
        var (seed, manager) = await Moderating.InModerationAsync(_factory, Applications, members: 2, HarshAndGenerous);

        var page = await manager.GetStringAsync(new Uri(CalibrationPage, UriKind.Relative));
        var file = RoundFileReader.Read(await manager.GetByteArrayAsync(new Uri(RoundFilePage, UriKind.Relative))).File!;
        var calibration = Calibration.Of(file.Round, file.Applications);
        var submitted = await SubmittedReviewsAsync();

        var members = EquityTables.Rows(page, "members");
        Assert.Equal(seed.Members.Order(StringComparer.Ordinal), members.Keys.Order(StringComparer.Ordinal));
        foreach (var member in seed.Members) Assert.Equal(submitted[member], EquityTables.Count(members[member]["scored"]));
        Assert.StartsWith("\u2212", members[seed.Members[0]]["difference"], StringComparison.Ordinal);
        Assert.StartsWith("+", members[seed.Members[1]]["difference"], StringComparison.Ordinal);

        var scores = EquityTables.Rows(page, "scores");
        var scored = calibration.Applications.Where(application => application.RawScore is not null).ToList();
        Assert.Equal(scored.Select(application => application.Reference), scores.Keys);
        foreach (var application in scored)
        {
            Assert.Equal(application.RawScore!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), scores[application.Reference]["raw"]);
            Assert.Equal(application.CalibratedScore!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), scores[application.Reference]["calibrated"]);
        }
        Assert.Contains(scored, application => application.RawScore != application.CalibratedScore);

        var changes = calibration.Changes.Select(change => change.Reference).ToList();
        if (changes.Count == 0) Assert.Contains("None: every decision would be the same", page);
        else Assert.Equal(changes, EquityTables.Rows(page, "changes").Keys);
        manager.Dispose();
    }

    [Fact]
    public async Task CalibrationPage_BeforeScoringCloses_SaysWhenItStarts()
    {
        using var manager = await SignedInClient.As(_factory, SignedInClient.Manager);

        var page = await manager.GetStringAsync(new Uri(CalibrationPage, UriKind.Relative));

        Assert.Contains("Calibration starts when scoring closes", page);
    }

    [Fact]
    public async Task CalibrationPage_ForSomeoneNotOnTheFundTeam_IsRefused()
    {
        using var anyone = _factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await anyone.GetAsync(new Uri(CalibrationPage, UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<Dictionary<string, int>> SubmittedReviewsAsync() =>
        _factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var reviews = await db.PanelReviews.AsNoTracking().Where(review => review.State == ReviewState.Submitted).Select(review => review.ReviewerId).ToListAsync();
            return reviews.GroupBy(reviewer => reviewer).ToDictionary(group => group.Key, group => group.Count());
        });
}
