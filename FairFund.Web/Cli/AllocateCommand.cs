using System.CommandLine;
using System.Globalization;
using FairFund.Domain.Allocation;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Scoring;
using FairFund.Web.Export;

namespace FairFund.Web.Cli;

/// <summary>
/// <c>allocate ROUND.json --json RESULT.json [--xlsx RESULT.xlsx]</c>: recomputes a round's allocation
/// from its round file with the same domain code the web app uses, so anyone can check a published round.
/// </summary>
public static class AllocateCommand
{
    public const int Ok = 0;
    public const int BadRoundFile = 2;

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] == "allocate";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // Problems and the summary read the same on every machine: 1.10, not 1,10.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var roundFile = new Argument<FileInfo>("round") { Description = "The round file (JSON) to allocate." };
        var jsonOut = new Option<FileInfo>("--json") { Description = "Where to write the result as JSON.", Required = true };
        var xlsxOut = new Option<FileInfo?>("--xlsx") { Description = "Where to write the allocation as an Excel workbook." };
        var allocate = new Command("allocate", "Compute a round's allocation from its round file, exactly as the published rules say.")
        {
            roundFile, jsonOut, xlsxOut,
        };
        allocate.SetAction(parsed => Allocate(parsed.GetValue(roundFile)!, parsed.GetValue(jsonOut)!, parsed.GetValue(xlsxOut), output, error));

        var root = new RootCommand("FairFund: fair, explainable grant allocation.") { allocate };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static int Allocate(FileInfo roundFile, FileInfo jsonOut, FileInfo? xlsxOut, TextWriter output, TextWriter error)
    {
        byte[] text;
        try
        {
            text = File.ReadAllBytes(roundFile.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{roundFile.FullName}: cannot be read: {exception.Message}");
            return BadRoundFile;
        }

        var read = RoundFileReader.Read(text);
        if (read.File is not { } file)
        {
            error.WriteLine($"{roundFile.Name} is refused; nothing was written. {read.Problems.Count} {(read.Problems.Count == 1 ? "problem" : "problems")}:");
            foreach (var problem in read.Problems) error.WriteLine(problem);
            return BadRoundFile;
        }

        var result = file.Allocate();
        var outputs = new List<(FileInfo Target, Action<Stream> Write)> { (jsonOut, stream => ResultJson.Write(result, stream)) };
        if (xlsxOut is not null) outputs.Add((xlsxOut, stream => AllocationWorkbook.Write(WorkbookInput.ByTheRules(file.Round, result, file.Form), stream)));
        AtomicFiles.WriteAll(outputs);

        WriteSummary(output, file.Round, result);
        foreach (var (target, _) in outputs) output.WriteLine($"Wrote {target.FullName}");
        return Ok;
    }

    private static void WriteSummary(TextWriter output, RoundSettings round, AllocationResult result)
    {
        string Money(decimal amount) => Domain.Scoring.Money.Written(amount, CurrencySymbol(result.Currency), alwaysPence: true);
        var awards = result.Applications.Where(application => application.Decision == Decision.Award).ToList();
        var declines = result.Applications.Where(application => application.Decision == Decision.Decline).ToList();
        int Declined(DeclineReason reason) => declines.Count(application => application.Reason == reason);

        output.WriteLine($"Round {round.Reference}: {round.Name}");
        output.WriteLine($"  Budget     {Money(result.Budget)}");
        output.WriteLine($"  Allocated  {Money(result.Allocated)} ({Money(result.Budget - result.Allocated)} left)");
        output.WriteLine($"  Awards     {awards.Count} ({awards.Count(award => award.Partial)} partial)");
        output.WriteLine($"  Waitlist   {result.Count(Decision.Waitlist)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Declines   {declines.Count} (ineligible {Declined(DeclineReason.Ineligible)}, too few reviews {Declined(DeclineReason.InsufficientReviews)}, below threshold {Declined(DeclineReason.BelowThreshold)})"));
        foreach (var pot in result.Pots)
        {
            var rollover = pot.Rollover > 0 ? $" + {Money(pot.Rollover)} rolled over" : "";
            output.WriteLine($"  Pot {pot.Key}: {Money(pot.Amount)}{rollover}, allocated {Money(pot.Allocated)}");
        }
    }

    private static string CurrencySymbol(string currency) => currency switch
    {
        "GBP" => "£",
        "EUR" => "€",
        "USD" => "$",
        _ => currency + " ",
    };
}

/// <summary>Writes several files so that either all of them appear whole or none is touched.</summary>
public static class AtomicFiles
{
    public static void WriteAll(IReadOnlyList<(FileInfo Target, Action<Stream> Write)> files)
    {
        var staged = new List<(string Temporary, string Target)>();
        try
        {
            foreach (var (target, write) in files)
            {
                Directory.CreateDirectory(target.DirectoryName!);
                var temporary = Path.Combine(target.DirectoryName!, $".{target.Name}.{Guid.NewGuid():N}.tmp");
                staged.Add((temporary, target.FullName));
                using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                write(stream);
            }
            foreach (var (temporary, target) in staged) File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            foreach (var (temporary, _) in staged)
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
    }
}
