using System.Text.RegularExpressions;
using FairFund.Domain.Applications;
using FairFund.Tests.Web;
using FairFund.Tests.Web.Apply;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FairFund.Tests.Browser;

/// <summary>
/// A new group's whole way through, in a real browser, as a person would go: create an account, confirm it
/// from the email, sign in, enter the group's details, start an application, answer some of it, stop, carry on
/// on another device, finish, check the answers and send. Each journey registers its own address, so the
/// journeys share the class's app without meeting.
/// </summary>
public sealed partial class ApplicantJourneyBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// The journey three ways. At 1280 px with JavaScript, axe-core checks every page on the way (the same
    /// journey run twice would double the class's time for nothing); every way, no page scrolls sideways.
    /// </summary>
    [Theory]
    [InlineData(1280, true, true)]
    [InlineData(320, true, false)]
    [InlineData(1280, false, false)]
    public async Task Apply_NewGroupStopsAndCarriesOnElsewhere_SendsTheApplicationFromPagesWithoutProblems(int width, bool javaScript, bool axe)
    {
        var journey = new Journey(browser, output, width, javaScript, axe);

        await journey.RunAsync();

        Assert.True(journey.Visited.Count >= 25, $"Only {journey.Visited.Count} pages were checked: {string.Join(", ", journey.Visited)}");
        Assert.True(journey.Problems.Count == 0, journey.Report());
    }

    /// <summary>One person's journey at one width, with or without JavaScript, noting what is wrong with each page on the way.</summary>
    private sealed class Journey(BrowserFixture browser, ITestOutputHelper output, int width, bool javaScript, bool axe)
    {
        private const string Password = "three quiet walks in the park";
        private const string WhatYouWillDo = "Weekly walks in Coundon Park led by two trained peer supporters, every Saturday morning.";
        private const string WhoBenefits = "Adults in Radford who feel isolated because of their mental health.";
        private const string Outcomes = "People feel less alone; we ask each walker before they start and again after three months.";
        private const string LivedExperience = "Our walk leaders have lived experience of mental ill health and plan the routes with the walkers.";

        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

        private readonly string variant = $"{width}px-{(javaScript ? "js" : "no-js")}{(axe ? "-axe" : "")}";

        private string Email => $"walks-{variant}@example.org";

        private string GroupName => $"Radford Peer Walkers {variant}";

        /// <summary>Each page checked, by name, in order.</summary>
        public List<string> Visited { get; } = [];

        /// <summary>What was wrong with the pages, each with the page's name and address: axe-core's violations, and sideways scrolling.</summary>
        public List<string> Problems { get; } = [];

        public string Report() => $"{Problems.Count} problems on the {variant} journey:" + Environment.NewLine + string.Join(Environment.NewLine, Problems);

        public async Task RunAsync()
        {
            var firstDevice = await browser.NewPageAsync(width, javaScript);
            await RegisterAndConfirmAsync(firstDevice);
            await SignInAsync(firstDevice);
            await EnterTheGroupsDetailsAsync(firstDevice);
            var reference = await StartAndAnswerTheFirstTasksAsync(firstDevice);
            await SignOutAsync(firstDevice);
            await firstDevice.Context.CloseAsync();

            // Another device: a new browser context, sharing nothing with the first.
            var secondDevice = await browser.NewPageAsync(width, javaScript);
            await secondDevice.GotoAsync("/apply");
            Assert.Contains("/account/sign-in", secondDevice.Url, StringComparison.Ordinal);
            await SignInAsync(secondDevice, "sign in, on another device");
            await AtAsync(secondDevice, "Your group");
            await secondDevice.GetByRole(AriaRole.Link, new() { Name = $"Continue application {reference}" }).ClickAsync();
            await AtAsync(secondDevice, "Your application", "task list, on another device");
            await FindTheSavedAnswersAsync(secondDevice);
            await FinishEveryTaskAsync(secondDevice);
            await CheckAndSendAsync(secondDevice, reference);
            await secondDevice.Context.CloseAsync();
            output.WriteLine($"{variant}: {reference} sent; {Visited.Count} pages checked, {Problems.Count} problems");
        }

        private async Task RegisterAndConfirmAsync(IPage page)
        {
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).First.ClickAsync();
            await AtAsync(page, "Create a FairFund account", "register");
            // The page's own script marks the body when it runs: it must, or must not, have run.
            await Assertions.Expect(page.Locator("body.js-enabled")).ToHaveCountAsync(javaScript ? 1 : 0);
            await page.GetByLabel("Your name (optional)").FillAsync("Asha Khan");
            await page.GetByLabel("Email address").FillAsync(Email);
            await page.GetByLabel("Create a password").FillAsync(Password);
            await page.GetByLabel("Enter the password again").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await AtAsync(page, "Check your email");
            await Assertions.Expect(page.GetByText($"We have sent an email to {Email}")).ToBeVisibleAsync();

            var mail = Assert.Single(Mailbox.To(browser.App, Email));
            await page.GotoAsync(Mailbox.LinkTo(mail, "/account/confirm-email").ToString());
            await AtAsync(page, "Your email address is confirmed", "confirm email");
            await page.GetByRole(AriaRole.Link, new() { Name = "Sign in to FairFund" }).ClickAsync();
        }

        private async Task SignInAsync(IPage page, string name = "sign in")
        {
            await AtAsync(page, "Sign in to FairFund", name);
            await page.GetByLabel("Email address").FillAsync(Email);
            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        }

        private async Task EnterTheGroupsDetailsAsync(IPage page)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Your group", Exact = true }).ClickAsync();
            await AtAsync(page, "Your group", "your group, new");
            await page.GetByRole(AriaRole.Link, new() { Name = "Enter your group's details" }).ClickAsync();
            await AtAsync(page, "Your group's details", "group's details");

            await page.GetByLabel("Your group's name").FillAsync(GroupName);
            await page.GetByRole(AriaRole.Radio, new() { Name = "A group that is not registered", Exact = true }).CheckAsync();
            await page.GetByLabel("Your group's income in its latest year").FillAsync("8400");
            var yearEnd = page.GetByRole(AriaRole.Group, new() { Name = "The date that year ended" });
            await yearEnd.GetByLabel("Day").FillAsync("31");
            await yearEnd.GetByLabel("Month").FillAsync("3");
            await yearEnd.GetByLabel("Year").FillAsync("2026");
            await page.GetByLabel("Your group's postcode").FillAsync("CV6 5AA");
            await page.GetByLabel("The area you work in").FillAsync("Radford, Coventry");
            await page.GetByLabel("How many people run your group?").FillAsync("5");
            await page.GetByLabel("How many of them have lived experience of mental ill health?").FillAsync("4");
            await page.GetByLabel("How many of them use your group's services themselves?").FillAsync("3");
            // Two contacts' fields share their labels; the first person's come first.
            await page.GetByLabel("Full name").First.FillAsync("Asha Khan");
            await page.GetByLabel("Their role in your group").First.FillAsync("Secretary");
            await page.GetByLabel("Email address").First.FillAsync(Email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save your group's details" }).ClickAsync();

            await AtAsync(page, "Your group", "your group, with its details");
            await Assertions.Expect(page.GetByText("Your group's details are saved")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = GroupName })).ToBeVisibleAsync();
        }

        private async Task<string> StartAndAnswerTheFirstTasksAsync(IPage page)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Start an application" }).ClickAsync();
            await AtAsync(page, "Your application", "task list, new");
            var reference = new Uri(page.Url).AbsolutePath.Split('/')[^1];
            Assert.Matches(ReferenceFormat(), reference);
            await Assertions.Expect(page.GetByText("You have completed 1 of 7 parts")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "About your project" }).ClickAsync();
            await AtAsync(page, "About your project");
            await page.GetByLabel("Project title").FillAsync("Peer support walks");
            await page.GetByLabel("What you will do").FillAsync(WhatYouWillDo);
            await FillDateAsync(page, "When will the project start?", 1, 6, 2027);
            await FillDateAsync(page, "When will it end?", 31, 5, 2028);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

            await AtAsync(page, "Who will benefit from your project?");
            await page.GetByLabel("Who will benefit from your project?").FillAsync(WhoBenefits);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and come back later" }).ClickAsync();

            await AtAsync(page, "Your application", "task list, two tasks done");
            await Assertions.Expect(page.GetByText("You have completed 3 of 7 parts")).ToBeVisibleAsync();
            await ExpectStatusAsync(page, "About your project", "Completed");
            await ExpectStatusAsync(page, "Who will benefit", "Completed");
            await ExpectStatusAsync(page, "What will change, and how you will know", "Not yet started");
            return reference;
        }

        private async Task SignOutAsync(IPage page)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
            await AtAsync(page, "Sign out of FairFund", "sign out");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).First).ToBeVisibleAsync();
        }

        private async Task FindTheSavedAnswersAsync(IPage page)
        {
            await ExpectStatusAsync(page, "About your project", "Completed");
            await ExpectStatusAsync(page, "Who will benefit", "Completed");
            await page.GetByRole(AriaRole.Link, new() { Name = "About your project" }).ClickAsync();
            await AtAsync(page, "About your project", "about your project, saved");
            await Assertions.Expect(page.GetByLabel("Project title")).ToHaveValueAsync("Peer support walks");
            await Assertions.Expect(page.GetByLabel("What you will do")).ToHaveValueAsync(WhatYouWillDo);
            var start = page.GetByRole(AriaRole.Group, new() { Name = "When will the project start?" });
            await Assertions.Expect(start.GetByLabel("Day")).ToHaveValueAsync("1");
            await Assertions.Expect(start.GetByLabel("Year")).ToHaveValueAsync("2027");
            await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
            await AtAsync(page, "Your application", "task list, back");

            await page.GetByRole(AriaRole.Link, new() { Name = "Who will benefit" }).ClickAsync();
            await AtAsync(page, "Who will benefit from your project?", "who will benefit, saved");
            await Assertions.Expect(page.GetByLabel("Who will benefit from your project?")).ToHaveValueAsync(WhoBenefits);
        }

        private async Task FinishEveryTaskAsync(IPage page)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

            await AtAsync(page, "What will change, and how will you know?");
            await page.GetByLabel("What will change, and how will you know?").FillAsync(Outcomes);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

            await AtAsync(page, "How do people with lived experience shape the work?");
            await page.GetByLabel("How do people with lived experience shape the work?").FillAsync(LivedExperience);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

            await AtAsync(page, "How much do you need, and what for?");
            var first = page.GetByRole(AriaRole.Group, new() { Name = "Line 1", Exact = true });
            await first.GetByLabel("What it is for").FillAsync("Walk leader expenses");
            await first.GetByLabel("Cost").FillAsync("3000");
            var second = page.GetByRole(AriaRole.Group, new() { Name = "Line 2", Exact = true });
            await second.GetByLabel("What it is for").FillAsync("First aid training");
            await second.GetByLabel("Cost").FillAsync("1,500");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

            await AtAsync(page, "Will you work with partners on this project?");
            await page.GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

            await AtAsync(page, "Your application", "task list, every task done");
            await Assertions.Expect(page.GetByText("Every part is complete")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("You have completed 7 of 7 parts")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Supporting documents" }).ClickAsync();
            await AtAsync(page, "Supporting documents", "documents");
            await page.GetByRole(AriaRole.Link, new() { Name = "Continue", Exact = true }).ClickAsync();
            await AtAsync(page, "Your application", "task list, from documents");
        }

        private async Task CheckAndSendAsync(IPage page, string reference)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Check your answers" }).ClickAsync();
            await AtAsync(page, "Check your answers before sending your application", "check your answers");
            var main = page.GetByRole(AriaRole.Main);
            foreach (var answer in new[]
            {
                GroupName, "A group that is not registered", "£8,400 in the year to 31 March 2026", "CV6 5AA", "Radford, Coventry", "4 with lived experience of mental ill health",
                "Peer support walks", WhatYouWillDo, "1 June 2027", "31 May 2028", WhoBenefits, Outcomes, LivedExperience,
                "Walk leader expenses", "£3,000", "First aid training", "£1,500", "£4,500",
            })
            {
                await Assertions.Expect(main).ToContainTextAsync(answer);
            }
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change working with partners" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();
            await AtAsync(page, "Application sent", "sent");
            var panel = page.Locator(".govuk-panel__body strong");
            await Assertions.Expect(panel).ToHaveTextAsync(reference);
            Assert.Matches(ReferenceFormat(), await panel.TextContentAsync());
            var (saved, _) = await browser.App.LoadAsync(reference);
            Assert.Equal(ApplicationState.Submitted, saved.State);
            Assert.Equal(browser.App.Clock.GetUtcNow(), saved.SubmittedAt);
            Assert.Equal("Peer support walks", saved.Title);
            Assert.Equal(4_500m, saved.AmountRequested);

            await page.GetByRole(AriaRole.Link, new() { Name = "See where your application stands" }).ClickAsync();
            await AtAsync(page, "Peer support walks", "status");
            await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw this application" }).ClickAsync();
            await AtAsync(page, "Are you sure you want to withdraw your application?", "withdraw");
            await page.GetByRole(AriaRole.Link, new() { Name = "No, keep my application" }).ClickAsync();
            await AtAsync(page, "Peer support walks", "status, kept");
            Assert.Equal(ApplicationState.Submitted, (await browser.App.LoadAsync(reference)).Application.State);
        }

        /// <summary>Waits for the page with that main heading, then notes anything wrong with it.</summary>
        private async Task AtAsync(IPage page, string heading, string? name = null)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 })).ToBeVisibleAsync();
            name ??= heading;
            Visited.Add(name);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F2} s  {name}");
            var where = $"{name} ({new Uri(page.Url).AbsolutePath})";
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var found = new List<string>();
            if (scrollWidth > width) found.Add($"{where}: {scrollWidth} px wide at {width} px");
            if (axe) found.AddRange((await Axe.ViolationsAsync(page)).Select(violation => $"{where}: {violation}"));
            foreach (var problem in found) output.WriteLine($"        {problem}");
            Problems.AddRange(found);
        }

        private static async Task FillDateAsync(IPage page, string legend, int day, int month, int year)
        {
            var date = page.GetByRole(AriaRole.Group, new() { Name = legend });
            await date.GetByLabel("Day").FillAsync(day.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await date.GetByLabel("Month").FillAsync(month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await date.GetByLabel("Year").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        private static Task ExpectStatusAsync(IPage page, string task, string status) =>
            Assertions.Expect(page.Locator(".govuk-task-list__item").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = task, Exact = true }) })
                .Locator(".govuk-task-list__status")).ToHaveTextAsync(status);
    }

    /// <summary>An application's reference: the round's, and the application's number in it.</summary>
    [GeneratedRegex(@"^CW-MH-2027-R1-\d{4}$")]
    private static partial Regex ReferenceFormat();
}

/// <summary>A class's app with the background round clock off, for tests that move the clock on by weeks.</summary>
public sealed class StoppedRoundClockBrowserFixture() : BrowserFixture(runRoundClock: false);

/// <summary>Sending a moment too late, in a real browser: refused plainly, and nothing lost.</summary>
public sealed class LateSubmissionBrowserTests(StoppedRoundClockBrowserFixture browser) : IClassFixture<StoppedRoundClockBrowserFixture>
{
    [Fact]
    public async Task Send_AfterTheRoundClosesWhileCheckingAnswers_IsRefusedAndKeepsEveryAnswer()
    {
        var reference = await browser.App.StartAsync(complete: true);
        var round = await browser.App.RoundAsync();
        var (before, version) = await browser.App.LoadAsync(reference);
        // A sign-in lasts days, not weeks: the person signs in a few minutes before the round closes.
        browser.App.Clock.SetUtcNow(round.ClosesAt.AddMinutes(-5));
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(SignedInClient.Applicant);
        await page.GetByLabel("Password").FillAsync(SignedInClient.Passwords[SignedInClient.Applicant]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        await page.GotoAsync($"/apply/applications/{reference}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check your answers" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Last day: send your application by")).ToBeVisibleAsync();

        browser.App.Clock.SetUtcNow(round.ClosesAt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send application" }).ClickAsync();

        var refusal = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refusal).ToContainTextAsync("Your application has not been sent");
        await Assertions.Expect(refusal).ToContainTextAsync("This round closed at midday on");
        await Assertions.Expect(refusal).ToContainTextAsync("Your application was not sent. Your answers are kept");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send application" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Peer support walks");
        var violations = await Axe.ViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

        var (after, versionAfter) = await browser.App.LoadAsync(reference);
        Assert.Equal(ApplicationState.Draft, after.State);
        Assert.Null(after.SubmittedAt);
        Assert.Equal(version, versionAfter);
        Assert.Equal(
            (before.Title, before.WhatYouWillDo, before.StartDate, before.EndDate, before.WhoBenefits, before.Outcomes, before.LivedExperience, before.AmountRequested, before.WorkingWithPartners),
            (after.Title, after.WhatYouWillDo, after.StartDate, after.EndDate, after.WhoBenefits, after.Outcomes, after.LivedExperience, after.AmountRequested, after.WorkingWithPartners));
        Assert.Equal(before.Budget, after.Budget);

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to your application" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your application", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("You have completed 7 of 7 parts")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Applications can no longer be sent, but your answers are kept")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "About your project" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Project title")).ToHaveValueAsync("Peer support walks");
        await Assertions.Expect(page.GetByLabel("What you will do")).ToHaveValueAsync(before.WhatYouWillDo);
    }
}
