using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace FairFund.Bench;

/// <summary>
/// <c>deadline-rush BASE_URL --users 50 --seconds 20 --acks FILE --results FILE [--app-pid PID] [--expect-kill] [--kill-after-sends N]</c>: the deadline
/// rush, through the real pages of a running FairFund.Web. Each of the users (<see cref="RushSeed"/>'s applicants
/// 1..N) has its own HttpClient and cookies, signs in through the sign-in form and finds its application on its
/// start page. Then, for the given seconds, every user at once keeps pressing "Save and continue" on the "Who
/// will benefit" page: a GET of the page (its antiforgery token and version read from its HTML), then the POST,
/// which alone is timed. Then every user opens "Check your answers" and all press "Send application" at the same
/// moment. Every acknowledged save (the redirect onwards) and send (the redirect to "sent") is written to the
/// acks file as it happens, for <c>check-rush</c> to find in the database afterwards. Saves are warmed up, untimed,
/// for as long as they are timed (up to 10 s), and applicant N+1 sends first, so the timed presses do not pay for
/// compiling the pages. With <c>--app-pid</c>,
/// the app's CPU time per press is given too, which other work on the machine changes far less than the elapsed
/// times. With <c>--expect-kill</c>,
/// failures after the app is killed are counted, not fatal. With <c>--kill-after-sends N</c> as well, the client itself
/// kills the app (SIGKILL) the moment the Nth timed send is acknowledged, so the kill lands while the other sends are
/// still in flight: the sends of a rush take a fraction of a second, faster than a script watching the acks file.
/// </summary>
public static partial class RushClient
{
    public const string Command = "deadline-rush";

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: {Command} BASE_URL --users 50 --seconds 20 --acks FILE --results FILE [--app-pid PID] [--expect-kill] [--kill-after-sends N]");
            return 2;
        }
        var baseAddress = new Uri(args[1]);
        var count = BenchArgs.Int(args, "--users", 50);
        var seconds = BenchArgs.Int(args, "--seconds", 20);
        var acksFile = BenchArgs.Text(args, "--acks") ?? throw new ArgumentException("--acks FILE is needed.");
        var resultsFile = BenchArgs.Text(args, "--results") ?? throw new ArgumentException("--results FILE is needed.");
        var expectKill = BenchArgs.Flag(args, "--expect-kill");
        var appPid = BenchArgs.Int(args, "--app-pid", 0);
        var appCpu = new ProcessCpu(appPid);
        var killAfterSends = expectKill ? BenchArgs.Int(args, "--kill-after-sends", 0) : 0;
        if (killAfterSends > 0 && appPid <= 0) throw new ArgumentException("--kill-after-sends needs --app-pid.");

        await using var acks = new AckLog(acksFile);
        var users = Enumerable.Range(1, count).Select(number => new User(number, baseAddress)).ToList();
        using var warmUpSender = new User(count + 1, baseAddress);
        try
        {
            Console.WriteLine($"   signing in {count + 1} applicants through the sign-in form");
            await ForEachAsync([.. users, warmUpSender], 4, user => user.SignInAsync());

            // Long enough for the JIT's second tier to replace the first on the paths the rush takes.
            var warmUp = TimeSpan.FromSeconds(Math.Min(10, seconds));
            Console.WriteLine($"   warming up: {warmUp.TotalSeconds:0} s of saves and one send, not timed");
            var warm = await ClosedLoop.RunAsync(users, warmUp, user => user.SaveAsync(acks));
            if (warm.Errors > 0 && !expectKill) throw new InvalidOperationException($"{warm.Errors} saves failed while warming up.");
            await warmUpSender.OpenCheckPageAsync();
            _ = await warmUpSender.SendAsync(acks) ?? throw new InvalidOperationException($"Warm-up send failed for {warmUpSender.Email}.");

            Console.WriteLine($"   {count} users pressing \"Save and continue\" for {seconds} s");
            var cpuBefore = appCpu.Used();
            var saves = await ClosedLoop.RunAsync(users, TimeSpan.FromSeconds(seconds), user => user.SaveAsync(acks));
            var saveCpu = appCpu.Used() - cpuBefore;

            Console.WriteLine($"   {count} users pressing \"Send application\" at once");
            await ForEachAsync(users, count, user => user.OpenCheckPageAsync());
            cpuBefore = appCpu.Used();
            var acknowledgedSends = 0;
            var sends = await ClosedLoop.AllAtOnceAsync(users, async user =>
            {
                var took = await user.SendAsync(acks);
                if (took is not null && Interlocked.Increment(ref acknowledgedSends) == killAfterSends)
                {
                    using var app = Process.GetProcessById(appPid);
                    app.Kill();
                    Console.WriteLine($"   killed the app (SIGKILL) as send {killAfterSends} of {count} was acknowledged");
                }
                return took;
            });
            var sendCpu = appCpu.Used() - cpuBefore;

            var results = new List<string>();
            results.AddRange(saves.AsResults("SAVE"));
            results.AddRange(sends.AsResults("SEND"));
            results.Add(string.Create(CultureInfo.InvariantCulture, $"SAVE_CPU_MS={saveCpu.TotalMilliseconds / Math.Max(1, saves.Milliseconds.Count):0.0}"));
            results.Add(string.Create(CultureInfo.InvariantCulture, $"SEND_CPU_MS={sendCpu.TotalMilliseconds / Math.Max(1, sends.Milliseconds.Count):0.0}"));
            await File.WriteAllLinesAsync(resultsFile, results);
            Console.WriteLine($"   saves: {saves.Describe()}; the app's CPU {saveCpu.TotalSeconds:0.00} s");
            Console.WriteLine($"   sends: {sends.Describe()}; the app's CPU {sendCpu.TotalSeconds:0.00} s");
            if (expectKill) return 0;
            return saves.Errors + sends.Errors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var user in users) user.Dispose();
        }
    }

    private static async Task ForEachAsync(IEnumerable<User> users, int atOnce, Func<User, Task> work) =>
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = atOnce }, async (user, _) => await work(user));

    /// <summary>One applicant in a browser of their own: cookies kept, redirects not followed.</summary>
    private sealed class User(int number, Uri baseAddress) : IDisposable
    {
        private readonly HttpClient http = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        private string reference = "";
        private string checkToken = "";
        private int saves;

        public string Email => RushSeed.Email(number);

        public async Task SignInAsync()
        {
            var page = await http.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
            using var signIn = await PostAsync("/account/sign-in", new()
            {
                ["Input.Email"] = Email,
                ["Input.Password"] = RushSeed.Password,
                ["__RequestVerificationToken"] = Token(page),
            });
            if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {Email} answered {(int)signIn.StatusCode}.");
            var start = await http.GetStringAsync(new Uri("/apply", UriKind.Relative));
            reference = ApplicationLink().Match(start) is { Success: true } link ? link.Groups[1].Value
                : throw new InvalidOperationException($"{Email}'s start page links to no application.");
        }

        /// <summary>Opens the question page and presses "Save and continue"; the POST's time in ms, or null when it was not acknowledged.</summary>
        public async Task<double?> SaveAsync(AckLog acks)
        {
            var path = $"/apply/applications/{reference}/who-benefits";
            var page = await http.GetStringAsync(new Uri(path, UriKind.Relative));
            var answer = string.Create(CultureInfo.InvariantCulture, $"Adults in ward {number} who feel isolated, and their carers (save {++saves}).");
            acks.Trying(reference, answer);
            var started = Stopwatch.GetTimestamp();
            using var response = await PostAsync(path, new()
            {
                ["Answer"] = answer,
                ["Version"] = Version(page),
                ["action"] = "continue",
                ["__RequestVerificationToken"] = Token(page),
            });
            var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Redirect) return null;
            acks.Saved(reference, answer);
            return took;
        }

        public async Task OpenCheckPageAsync()
        {
            var page = await http.GetStringAsync(new Uri($"/apply/applications/{reference}/check", UriKind.Relative));
            if (!page.Contains(">Send application<", StringComparison.Ordinal)) throw new InvalidOperationException($"{reference}'s check page offers no \"Send application\".");
            checkToken = Token(page);
        }

        /// <summary>Presses "Send application"; the time in ms, or null when it was not acknowledged as sent.</summary>
        public async Task<double?> SendAsync(AckLog acks)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await PostAsync($"/apply/applications/{reference}/check", new() { ["__RequestVerificationToken"] = checkToken });
            var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.EndsWith("/sent", StringComparison.Ordinal) != true) return null;
            acks.Sent(reference);
            return took;
        }

        private async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields)
        {
            using var form = new FormUrlEncodedContent(fields);
            return await http.PostAsync(new Uri(path, UriKind.Relative), form);
        }

        public void Dispose() => http.Dispose();
    }

    /// <summary>The antiforgery token of the page's form.</summary>
    internal static string Token(string page) =>
        AntiforgeryToken().Match(page) is { Success: true } token ? token.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    /// <summary>The edit version the page's form was rendered with.</summary>
    internal static string Version(string page) => VersionField().Match(page).Groups[1].Value;

    [GeneratedRegex("href=\"/apply/applications/([A-Z0-9-]+)\"")]
    private static partial Regex ApplicationLink();
}

/// <summary>A process's CPU time so far (user and system), from /proc; zero when no process was given.</summary>
internal sealed class ProcessCpu(int pid)
{
    // Linux counts /proc/PID/stat times in clock ticks of 1/100 s.
    private const double TicksPerSecond = 100;

    public TimeSpan Used()
    {
        if (pid <= 0) return TimeSpan.Zero;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in brackets and may hold spaces: utime and stime are the 12th and 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}

/// <summary>
/// What the rush was told, one line at a time as it happens (written through at once, so a kill of the app loses
/// none): <c>try</c> before a save is sent, <c>saved</c> once it was acknowledged, <c>sent</c> for an acknowledged send.
/// </summary>
public sealed class AckLog(string path) : IAsyncDisposable
{
    private readonly StreamWriter writer = new(path, append: false) { AutoFlush = true };
    private readonly Lock gate = new();

    public void Trying(string reference, string answer) => Write($"try\t{reference}\t{answer}");

    public void Saved(string reference, string answer) => Write($"saved\t{reference}\t{answer}");

    public void Sent(string reference) => Write($"sent\t{reference}");

    private void Write(string line)
    {
        lock (gate) writer.WriteLine(line);
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
