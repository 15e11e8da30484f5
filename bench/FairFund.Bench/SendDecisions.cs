using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using FairFund.Domain.Applications;
using FairFund.Domain.Rounds;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using netDumbster.smtp;

namespace FairFund.Bench;

/// <summary>
/// <c>send-decisions DATA_DIR</c>: on a data folder whose demo round <c>seed-moderation</c> took to moderation,
/// approves the round as the round page does, then times sending its decisions: phase A is
/// <see cref="RoundOperations.NotifyAsync"/> and the one <c>SaveChanges</c> (every letter written, every email
/// rendered with HtmlRenderer, queued in the outbox and committed), phase B is <see cref="OutboxDispatcher.SendDueAsync"/>
/// delivering them over SMTP to a netDumbster server on 127.0.0.1 in this process. The services are FairFund.Web's
/// own, registered with its extension methods; the hosted OutboxWorker is not started, the dispatcher is called here.
/// Fails (exit 1) unless the server received exactly one message per decided application, each with its own Message-Id.
/// </summary>
public static class SendDecisions
{
    public const string Command = "send-decisions";
    private const string Actor = "FairFund.Bench send-decisions";

    private const string Conditions =
        "Spend the grant on the project described in your application, within twelve months.\n" +
        "Tell us at once if anything changes that affects the project.\n" +
        "Send us a short report of what the grant achieved when the project ends.";

    private static readonly ApplicationState[] Decided =
        [ApplicationState.Awarded, ApplicationState.Waitlisted, ApplicationState.Declined, ApplicationState.Ineligible];

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: {Command} DATA_DIR (a data folder made by FairFund.Web and {SeedModeration.Command})");
            return 2;
        }
        var dataDirectory = Path.GetFullPath(args[1]);
        if (!File.Exists(Path.Combine(dataDirectory, "fairfund.db")))
        {
            await Console.Error.WriteLineAsync($"No database in {dataDirectory}: start FairFund.Web once on it, then run {SeedModeration.Command}.");
            return 2;
        }
        var cancellationToken = CancellationToken.None;
        var loadBefore = LoadAverage();

        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var provider = Services(dataDirectory, smtp.Configuration.Port);
        var time = provider.GetRequiredService<TimeProvider>();

        // Not timed with the sending: the fund manager's "Approve the allocation", then the waiting list's closing date.
        var approving = Stopwatch.StartNew();
        int applications;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
            var operations = scope.ServiceProvider.GetRequiredService<RoundOperations>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == SeedModeration.Round, cancellationToken);
            if (round.State != RoundState.Moderation)
            {
                await Console.Error.WriteLineAsync($"{round.Reference} is {round.State}, not in moderation: use a fresh folder seeded with {SeedModeration.Command}.");
                return 2;
            }
            applications = await db.Applications.CountAsync(a => a.RoundId == round.Id, cancellationToken);
            var now = time.GetUtcNow();
            await operations.ApproveAsync(round, now, Actor, cancellationToken);
            round.SetAfterTheDecision(Conditions, DateOnly.FromDateTime(now.UtcDateTime).AddMonths(3), now, Actor);
            await db.SaveChangesAsync(cancellationToken);
        }
        approving.Stop();

        // Phase A: the round page's Notify, and its one SaveChanges.
        int queued;
        var cpuAtStart = CpuTime();
        var phaseA = new Stopwatch();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
            var operations = scope.ServiceProvider.GetRequiredService<RoundOperations>();
            var round = await db.Rounds.SingleAsync(r => r.Reference == SeedModeration.Round, cancellationToken);
            phaseA.Start();
            queued = await operations.NotifyAsync(round, time.GetUtcNow(), Actor, reference => $"https://fund.example/apply/applications/{reference}/status", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            phaseA.Stop();
        }
        var cpuAfterA = CpuTime();

        // Phase B: the dispatcher's passes, as the OutboxWorker would run them, until a pass finds nothing due.
        var phaseB = Stopwatch.StartNew();
        var sent = 0;
        var passes = 0;
        while (true)
        {
            passes++;
            var accepted = await provider.GetRequiredService<OutboxDispatcher>().SendDueAsync(cancellationToken);
            if (accepted == 0) break;
            sent += accepted;
        }
        phaseB.Stop();
        var cpuAfterB = CpuTime();

        // Checks, not timed.
        int decided, inOutbox, sentInOutbox;
        HashSet<string> outboxIds;
        long mimeBytes;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == SeedModeration.Round, cancellationToken);
            decided = await db.Applications.CountAsync(a => a.RoundId == round.Id && Decided.Contains(a.State), cancellationToken);
            var related = await db.OutboxMessages.AsNoTracking().Where(m => m.DedupKey != null && m.DedupKey.StartsWith("decision:"))
                .Select(m => new { m.MessageId, m.SentAt, Length = m.Mime.Length }).ToListAsync(cancellationToken);
            inOutbox = related.Count;
            sentInOutbox = related.Count(m => m.SentAt != null);
            outboxIds = related.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
            mimeBytes = related.Sum(m => (long)m.Length);
        }
        var received = smtp.ReceivedEmail
            .Select(email => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(email.Data))).MessageId)
            .ToList();
        var receivedIds = received.ToHashSet(StringComparer.Ordinal);

        var total = phaseA.Elapsed + phaseB.Elapsed;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Round {SeedModeration.Round} in {dataDirectory}
            Applications:     {applications:#,##0} ({decided:#,##0} decided)
            Approval:         {approving.Elapsed.TotalSeconds:0.00} s (not counted below)
            Emails:           {queued:#,##0} queued, {sent:#,##0} accepted by the server in {passes} dispatcher passes, {received.Count:#,##0} received, {receivedIds.Count:#,##0} distinct Message-Ids
            Average size:     {(inOutbox == 0 ? 0 : mimeBytes / inOutbox):#,##0} characters of MIME
            Phase A (render, queue, commit): {phaseA.Elapsed.TotalSeconds:0.00} s, {(cpuAfterA - cpuAtStart).TotalSeconds:0.00} s CPU
            Phase B (deliver over SMTP):     {phaseB.Elapsed.TotalSeconds:0.00} s, {(cpuAfterB - cpuAfterA).TotalSeconds:0.00} s CPU
            Total:            {total.TotalSeconds:0.00} s, {(queued == 0 ? 0 : queued / total.TotalSeconds):0} emails/s
            Peak working set: {peak / (1024.0 * 1024.0):0} MiB
            Load average:     {loadBefore} before, {LoadAverage()} after ({Environment.ProcessorCount} CPUs)
            """));

        var problems = new List<string>();
        if (decided == 0) problems.Add("no application was decided");
        if (queued != decided) problems.Add($"{queued} emails queued for {decided} decided applications");
        if (inOutbox != queued) problems.Add($"{inOutbox} decision emails in the outbox, {queued} queued");
        if (sent != queued || sentInOutbox != queued) problems.Add($"{sent} accepted ({sentInOutbox} marked sent) of {queued} queued");
        if (received.Count != queued) problems.Add($"the server received {received.Count} of {queued}");
        if (receivedIds.Count != received.Count) problems.Add($"{received.Count - receivedIds.Count} Message-Ids received more than once");
        if (!receivedIds.SetEquals(outboxIds)) problems.Add("the Message-Ids received are not the outbox's");
        foreach (var problem in problems) await Console.Error.WriteLineAsync($"FAILED: {problem}.");
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>FairFund.Web's services as its Program.cs registers those that sending decisions uses, on the given data folder and SMTP port.</summary>
    private static ServiceProvider Services(string dataDirectory, int smtpPort)
    {
        var configuration = new ConfigurationBuilder()
            // As the app: the demo funder (the data folder holds the demo round) under everything else.
            .AddJsonFile(Path.Combine(DemoData.DemoFolder, "funder.json"), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FairFund:DataDirectory"] = dataDirectory,
                [$"{SmtpOptions.Section}:Host"] = "127.0.0.1",
                [$"{SmtpOptions.Section}:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
                [$"{SmtpOptions.Section}:Security"] = nameof(SmtpSecurity.None),
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Warnings and errors only, as in Production with EF's per-command log turned down.
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.Configure<Funder>(configuration.GetSection(Funder.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddFairFundData(configuration);
        services.AddFairFundRounds();
        services.AddFairFundMail(configuration);
        // As the app: £, é and the like written as themselves, which the HtmlRenderer's encoder follows.
        services.AddWebEncoders(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = false });
    }

    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
