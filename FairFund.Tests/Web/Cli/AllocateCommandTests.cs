using System.Diagnostics;
using System.Text.Json;
using ClosedXML.Excel;
using FairFund.Tests.Domain.Allocation;
using FairFund.Web.Cli;

namespace FairFund.Tests.Web.Cli;

public sealed class AllocateCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fairfund-allocate-");

    private static string Scenario(string name) => Path.Combine(ScenarioTests.ScenarioFolder, name + ".round.json");

    private string InFolder(string name) => Path.Combine(_folder.FullName, name);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = AllocateCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Allocate_SharedScenario_WritesResultAndPrintsSummary()
    {
        var json = InFolder("result.json");

        var (exit, output, error) = Run("allocate", Scenario("small-round"), "--json", json);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var written = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(32_500m, written.RootElement.GetProperty("allocated").GetDecimal());
        Assert.Equal(10, written.RootElement.GetProperty("applications").GetArrayLength());
        Assert.Contains("Budget     £40,000.00", output);
        Assert.Contains("Allocated  £32,500.00 (£7,500.00 left)", output);
        Assert.Contains("Awards     4", output);
        Assert.Contains("Waitlist   3", output);
        Assert.Contains("Declines   3", output);
    }

    [Fact]
    public void Allocate_WithXlsx_WritesAWorkbookWithTypedCells()
    {
        var xlsx = InFolder("result.xlsx");

        var (exit, _, _) = Run("allocate", Scenario("small-round"), "--json", InFolder("result.json"), "--xlsx", xlsx);

        Assert.Equal(0, exit);
        using var workbook = new XLWorkbook(xlsx);
        var sheet = workbook.Worksheet("Allocations");
        Assert.Equal("Reference", sheet.Cell(1, 1).GetString());
        Assert.Equal(11, sheet.LastRowUsed().RowNumber());
        // Rows come in the ranked order, as on the moderation page.
        var first = sheet.Table("Allocations").DataRange.Rows().Single(row => row.Field("Reference").GetString() == "APP-0001");
        Assert.Equal(XLDataType.Number, first.Field("Requested").DataType);
        Assert.Equal(1_000m, first.Field("Requested").GetValue<decimal>());
        Assert.Equal("\"£\"#,##0.00;\"\u2212£\"#,##0.00", first.Field("Amount after moderation").Style.NumberFormat.Format);
        Assert.Single(sheet.Tables);
    }

    [Fact]
    public void Allocate_BadFile_ExitsTwoWithLocatedProblemsAndWritesNothing()
    {
        var round = InFolder("bad.round.json");
        var text = File.ReadAllText(Scenario("small-round"))
            .Replace("\"budget\": 40000.0", "\"budget\": -5", StringComparison.Ordinal);
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        node["applications"]![1]!["reviews"]![0]!["scores"]!["need"] = 7;
        File.WriteAllText(round, node.ToJsonString());
        var json = InFolder("result.json");
        var xlsx = InFolder("result.xlsx");

        var (exit, output, error) = Run("allocate", round, "--json", json, "--xlsx", xlsx);

        Assert.Equal(2, exit);
        Assert.Contains("round.budget: -5 must be greater than 0", error);
        Assert.Contains("applications[1].reviews[0].scores.need: 7 is outside the scale 0..4", error);
        Assert.DoesNotContain("Wrote", output);
        Assert.False(File.Exists(json));
        Assert.False(File.Exists(xlsx));
        Assert.Equal(["bad.round.json"], _folder.GetFiles().Select(file => file.Name));
    }

    [Fact]
    public void Allocate_BadFile_LeavesAnEarlierResultUntouched()
    {
        var round = InFolder("broken.round.json");
        File.WriteAllText(round, "{ \"round\": ");
        var json = InFolder("result.json");
        File.WriteAllText(json, "earlier result");

        var (exit, _, error) = Run("allocate", round, "--json", json);

        Assert.Equal(2, exit);
        Assert.Contains("not valid JSON", error);
        Assert.Equal("earlier result", File.ReadAllText(json));
    }

    [Fact]
    public void Allocate_MissingRoundFile_ExitsTwoAndSaysWhichFile()
    {
        var (exit, _, error) = Run("allocate", InFolder("nowhere.json"), "--json", InFolder("result.json"));

        Assert.Equal(2, exit);
        Assert.Contains("nowhere.json: cannot be read", error);
    }

    [Fact]
    public void Allocate_AsARealProcess_ExitCodesAreWhatTheShellSees()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "FairFund.Web.dll");
        var bad = InFolder("bad.round.json");
        File.WriteAllText(bad, "{ \"round\": {}, \"applications\": [] }");

        var good = RunProcess(program, "allocate", Scenario("ties-and-lottery"), "--json", "good.json");
        var refused = RunProcess(program, "allocate", "bad.round.json", "--json", "bad.json");

        Assert.Equal(0, good.Exit);
        Assert.True(File.Exists(InFolder("good.json")), "a relative --json path is written where the command was run");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("round.budget: is missing", refused.Error);
        Assert.False(File.Exists(InFolder("bad.json")));
    }

    private (int Exit, string Error) RunProcess(string program, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder.FullName, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Result);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
