using System.Text.Json;
using FairFund.Domain.Allocation;
using FairFund.Domain.RoundFiles;

namespace FairFund.Tests.Domain.Allocation;

/// <summary>
/// Every round file in Scenarios/ (found by globbing, so new pairs are picked up) is allocated and
/// compared field by field with its expected result.
/// </summary>
public sealed class ScenarioTests
{
    public static string ScenarioFolder => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    public static TheoryData<string> Scenarios()
    {
        var names = Directory.GetFiles(ScenarioFolder, "*.round.json")
            .Select(path => Path.GetFileName(path)[..^".round.json".Length])
            .Order(StringComparer.Ordinal);
        return new TheoryData<string>(names);
    }

    [Fact]
    public void Scenarios_AreFoundByGlobbing()
    {
        Assert.True(Scenarios().Count >= 4, $"expected the shared scenarios in {ScenarioFolder}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Allocate_Scenario_MatchesExpectedFieldByField(string scenario)
    {
        var read = RoundFileReader.Read(File.ReadAllText(Path.Combine(ScenarioFolder, scenario + ".round.json")));
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Problems));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScenarioFolder, scenario + ".expected.json")));

        var result = read.File!.Allocate();

        var mismatches = Compare(result, expected.RootElement).ToList();
        Assert.True(mismatches.Count == 0, $"{scenario}: {mismatches.Count} mismatches:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches.Take(40))}");
    }

    private static IEnumerable<string> Compare(AllocationResult actual, JsonElement expected)
    {
        if (actual.Allocated != expected.GetProperty("allocated").GetDecimal())
            yield return $"allocated: {actual.Allocated} but expected {expected.GetProperty("allocated").GetDecimal()}";

        var expectedPots = expected.GetProperty("pots").EnumerateArray().ToList();
        if (expectedPots.Count != actual.Pots.Count) yield return $"pots: {actual.Pots.Count} but expected {expectedPots.Count}";
        foreach (var (pot, want) in actual.Pots.Zip(expectedPots))
        {
            var at = $"pots[{want.GetProperty("key").GetString()}]";
            if (pot.Key != want.GetProperty("key").GetString()) yield return $"{at}.key: {pot.Key}";
            if (pot.Amount != want.GetProperty("amount").GetDecimal()) yield return $"{at}.amount: {pot.Amount} but expected {want.GetProperty("amount")}";
            if (pot.Allocated != want.GetProperty("allocated").GetDecimal()) yield return $"{at}.allocated: {pot.Allocated} but expected {want.GetProperty("allocated")}";
            if (want.TryGetProperty("rollover", out var rollover) && pot.Rollover != rollover.GetDecimal())
                yield return $"{at}.rollover: {pot.Rollover} but expected {rollover}";
        }

        var expectedApplications = expected.GetProperty("applications").EnumerateArray().ToList();
        if (expectedApplications.Count != actual.Applications.Count)
            yield return $"applications: {actual.Applications.Count} but expected {expectedApplications.Count}";
        foreach (var (application, want) in actual.Applications.Zip(expectedApplications))
        {
            foreach (var mismatch in CompareApplication(application, want)) yield return $"{application.Reference}.{mismatch}";
        }
    }

    private static IEnumerable<string> CompareApplication(ApplicationResult actual, JsonElement want)
    {
        if (actual.Reference != want.GetProperty("reference").GetString()) yield return $"reference: expected {want.GetProperty("reference")}";
        if (actual.Band != want.GetProperty("band").GetString()) yield return $"band: {actual.Band} but expected {want.GetProperty("band")}";
        var scores = want.GetProperty("reviewScores").EnumerateArray().Select(score => score.GetDecimal()).ToList();
        if (!actual.ReviewScores.SequenceEqual(scores))
            yield return $"reviewScores: [{string.Join(", ", actual.ReviewScores)}] but expected [{string.Join(", ", scores)}]";
        if (actual.BaseScore != NullableDecimal(want, "baseScore")) yield return $"baseScore: {actual.BaseScore} but expected {want.GetProperty("baseScore")}";
        if (actual.FinalScore != NullableDecimal(want, "finalScore")) yield return $"finalScore: {actual.FinalScore} but expected {want.GetProperty("finalScore")}";
        var rank = want.GetProperty("rank");
        if (actual.Rank != (rank.ValueKind == JsonValueKind.Null ? null : rank.GetInt32())) yield return $"rank: {actual.Rank} but expected {rank}";
        if (actual.LotteryKey.ToString() != want.GetProperty("lotteryKey").GetString()) yield return $"lotteryKey: {actual.LotteryKey}";
        if (Names.Of(actual.Decision) != want.GetProperty("decision").GetString()) yield return $"decision: {actual.Decision} but expected {want.GetProperty("decision")}";
        var reason = want.GetProperty("reason");
        if ((actual.Reason is { } r ? Names.Of(r) : null) != (reason.ValueKind == JsonValueKind.Null ? null : reason.GetString()))
            yield return $"reason: {actual.Reason} but expected {reason}";
        if (actual.Amount != want.GetProperty("amount").GetDecimal()) yield return $"amount: {actual.Amount} but expected {want.GetProperty("amount")}";
        var pot = want.GetProperty("pot");
        if (actual.Pot != (pot.ValueKind == JsonValueKind.Null ? null : pot.GetString())) yield return $"pot: {actual.Pot} but expected {pot}";
        if (actual.Partial != want.GetProperty("partial").GetBoolean()) yield return $"partial: {actual.Partial} but expected {want.GetProperty("partial")}";
    }

    private static decimal? NullableDecimal(JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();
    }
}
