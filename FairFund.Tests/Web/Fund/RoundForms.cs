using System.Net;
using System.Text.RegularExpressions;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>The new-round form filled in as a fund manager would, and ways to read back what was stored.</summary>
public static partial class RoundForms
{
    public const string NewRoundPage = "/fund/rounds/new";

    /// <summary>A valid new round opening at 9am on 1 June 2027 and closing at midday on 30 June 2027, both in British Summer Time.</summary>
    public static Dictionary<string, string> NewRound(string reference) => new()
    {
        ["Input.Reference"] = reference,
        ["Input.StartWith"] = "example",
        ["Details.Name"] = "Neighbourhood Food Fund 2027",
        ["Details.Purpose"] = "Small grants for community food projects.",
        ["Details.Budget"] = "£25,000.50",
        ["Details.Opens.Day"] = "1",
        ["Details.Opens.Month"] = "6",
        ["Details.Opens.Year"] = "2027",
        ["Details.Opens.Time"] = "9am",
        ["Details.Closes.Day"] = "30",
        ["Details.Closes.Month"] = "6",
        ["Details.Closes.Year"] = "2027",
        ["Details.Closes.Time"] = "12:00",
        ["Details.GrantMin"] = "500",
        ["Details.GrantMax"] = "5,000",
        ["Details.Threshold"] = "55",
        ["Details.MinReviews"] = "3",
        ["Details.Aggregation"] = "Median",
        ["Details.WhenTooBig"] = "Partial",
        ["Details.PartialPercent"] = "60",
        ["Details.LotteryFrom"] = "55",
        ["Details.LotteryTo"] = "65",
        ["Details.Rollover"] = "no",
    };

    public static async Task<string> CreateAsync(HttpClient client, string reference, Action<Dictionary<string, string>>? change = null)
    {
        var fields = NewRound(reference);
        change?.Invoke(fields);
        using var response = await client.PostFormAsync(NewRoundPage, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static Round? Stored(FairFundFactory factory, string reference)
    {
        using var scope = factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<FairFundDbContext>().Rounds.AsNoTracking().SingleOrDefault(r => r.Reference == reference);
    }

    public static string Version(string page) => VersionField().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"(?:Input\\.)?Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
