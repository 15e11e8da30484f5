using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Bench;

/// <summary>
/// <c>check-rush DATA_DIR ACKS_FILE [--results FILE]</c>: after a rush (and after a kill and restart), checks that
/// the database holds everything the rush was told: for each application, the answer of its last acknowledged
/// save (or of a save made after it, whose answer was lost with the connection), and for each acknowledged send,
/// a sent application. Then runs SQLite's <c>PRAGMA integrity_check</c>. Exits 1 if anything is missing.
/// </summary>
public static class RushCheck
{
    public const string Command = "check-rush";

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: {Command} DATA_DIR ACKS_FILE [--results FILE]");
            return 2;
        }
        var dataDirectory = Path.GetFullPath(args[1]);
        var resultsFile = BenchArgs.Text(args, "--results");

        // For each application: the answers it may hold (the last acknowledged, and any tried after it), and whether it was sent.
        var mayHold = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(args[2]))
        {
            var parts = line.Split('\t');
            switch (parts[0])
            {
                case "try" when mayHold.TryGetValue(parts[1], out var answers):
                    answers.Add(parts[2]);
                    break;
                case "saved":
                    mayHold[parts[1]] = new HashSet<string>(StringComparer.Ordinal) { parts[2] };
                    break;
                case "sent":
                    sent.Add(parts[1]);
                    break;
            }
        }

        var builder = new DbContextOptionsBuilder<FairFundDbContext>();
        builder.UseFairFundSqlite(dataDirectory);
        var options = builder.Options;
        await using var db = new FairFundDbContext(options);
        var stored = await db.Applications.AsNoTracking()
            .Select(application => new { application.Reference, application.WhoBenefits, application.State, application.SubmittedAt })
            .ToDictionaryAsync(application => application.Reference, StringComparer.Ordinal);
        var lost = new List<string>();
        foreach (var (reference, answers) in mayHold)
        {
            if (!stored.TryGetValue(reference, out var application) || !answers.Contains(application.WhoBenefits))
                lost.Add($"{reference}: the acknowledged answer is not stored (it holds \"{application?.WhoBenefits}\")");
        }
        foreach (var reference in sent)
        {
            if (!stored.TryGetValue(reference, out var application) || application.State == ApplicationState.Draft || application.SubmittedAt is null)
                lost.Add($"{reference}: acknowledged as sent, but stored as {application?.State.ToString() ?? "missing"}");
        }

        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var integrity = (string?)await command.ExecuteScalarAsync() ?? "";

        foreach (var problem in lost.Take(20)) Console.WriteLine($"   LOST {problem}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   checked {mayHold.Count} applications' last acknowledged answers and {sent.Count} acknowledged sends: {lost.Count} lost; integrity_check: {integrity}"));
        if (resultsFile is not null)
        {
            await File.WriteAllLinesAsync(resultsFile,
            [
                string.Create(CultureInfo.InvariantCulture, $"CHECKED_SAVES={mayHold.Count}"),
                string.Create(CultureInfo.InvariantCulture, $"CHECKED_SENDS={sent.Count}"),
                string.Create(CultureInfo.InvariantCulture, $"LOST={lost.Count}"),
                $"INTEGRITY='{integrity.Replace("'", "", StringComparison.Ordinal)}'",
            ]);
        }
        return lost.Count == 0 && integrity == "ok" ? 0 : 1;
    }
}
