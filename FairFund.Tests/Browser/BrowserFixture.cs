using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using FairFund.Tests.Web;

namespace FairFund.Tests.Browser;

/// <summary>
/// The real app on Kestrel on a loopback port, one per test class, and Debian's Chromium driven by Playwright (no
/// browser download: test.sh installs the chromium package). Chromium and Playwright's driver start once for the
/// whole run, about a second of CPU each time saved; every page gets a browser context of its own, closed with
/// its class's fixture, so no cookie or storage passes between tests.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly Lazy<Task<IBrowser>> SharedChromium = new(LaunchChromiumAsync);

    private readonly System.Collections.Concurrent.ConcurrentQueue<IBrowserContext> _contexts = new();

    public BrowserFixture()
        : this(runRoundClock: true)
    {
    }

    /// <param name="runRoundClock">See <see cref="FairFundFactory.RunRoundClock"/>: off for a class that moves the clock by weeks.</param>
    protected BrowserFixture(bool runRoundClock) => App = new FairFundFactory { RunRoundClock = runRoundClock };

    public FairFundFactory App { get; }
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());

        Browser = await SharedChromium.Value;
    }

    private static async Task<IBrowser> LaunchChromiumAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
            playwright.Dispose();
        };
        return browser;
    }

    public async Task<IPage> NewPageAsync(int width = 1280, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            JavaScriptEnabled = javaScript,
        });
        // Playwright's 30 s is too short for a test machine running many tests and browsers at once.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        _contexts.Enqueue(context);
        return await context.NewPageAsync();
    }

    /// <summary>A new browser, signed in through the sign-in page as <paramref name="email"/> (a demo account or a seeded panel member).</summary>
    public async Task<IPage> SignedInPageAsync(string email, int width = 1280, bool javaScript = true)
    {
        var page = await NewPageAsync(width, javaScript);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Web.SignedInClient.Passwords.GetValueOrDefault(email, Web.Panel.PanelRounds.MemberPassword));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return page;
    }

    public async Task DisposeAsync()
    {
        while (_contexts.TryDequeue(out var context)) await context.CloseAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Runs axe-core (from the project's npm packages) in the page and lists every violation.</summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() =>
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "FairFund.sln"))) folder = folder.Parent;
        return File.ReadAllText(Path.Combine(folder!.FullName, "node_modules", "axe-core", "axe.min.js"));
    });

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol rather than added as a script tag, which the pages'
        // Content-Security-Policy (scripts from FairFund's own files only) rightly refuses.
        await page.EvaluateAsync(Script.Value);
        return await page.EvaluateAsync<string[]>(
            "async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] })).violations" +
            ".map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)");
    }
}
