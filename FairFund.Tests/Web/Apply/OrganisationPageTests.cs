using System.Net;
using FairFund.Domain.Organisations;
using FairFund.Web.Forms;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>The group's profile page: filled from the applicant's own group, saved only when all is well, and never another group's.</summary>
/// <remarks>Each test has an app and database of its own, since most change the demo group.</remarks>
public sealed class OrganisationPageTests(SharedFairFundApp app) : IClassFixture<SharedFairFundApp>
{
    private const string Path = "/apply/organisation";

    private readonly FairFundFactory factory = app.ForNextTest();

    [Fact]
    public async Task Get_DemoApplicant_ShowsTheirGroupsSavedValues()
    {
        var (foleshill, _) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var html = await client.GetStringAsync(new Uri(Path, UriKind.Relative));

        Assert.Contains("value=\"Foleshill Peer Support\"", html);
        Assert.Contains($"value=\"{WebUtility.HtmlEncode(foleshill.AreaServed)}\"", html);
        Assert.Contains($"value=\"{foleshill.Postcode}\"", html);
        Assert.Contains($"value=\"{WebUtility.HtmlEncode(foleshill.Contacts[0].Email)}\"", html);
        Assert.Matches("value=\"UnregisteredGroup\"\\s+checked=\"checked\"", html);
    }

    [Fact]
    public async Task Post_MostOfThoseRunningItFromRacialisedCommunities_SavesTheCountAndDerivesTheFlag()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        Assert.DoesNotContain(KnownFlags.RacialisedCommunitiesLed, before.Flags);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var form = FormOf(before.Details with { PeopleRunningTheGroup = 5, OfThemFromRacialisedCommunities = 3 }, version);

        using var response = await client.PostFormAsync(Path, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (after, _) = await GroupOf(SignedInClient.Applicant);
        Assert.Equal(3, after.OfThemFromRacialisedCommunities);
        Assert.Contains(KnownFlags.RacialisedCommunitiesLed, after.Flags);
        Assert.Contains(KnownFlags.RacialisedCommunitiesLed, after.ForAllocation([]).Flags);
    }

    [Fact]
    public async Task Post_MoreFromRacialisedCommunitiesThanRunTheGroup_IsRefusedAtThatFieldAndNothingIsSaved()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var form = FormOf(before.Details with { PeopleRunningTheGroup = 4 }, version);
        form["Input.OfThemFromRacialisedCommunities"] = "9";

        using var response = await client.PostFormAsync(Path, form);

        // The page shows its errors, as it does for every other field, rather than redirecting.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#of-them-from-racialised-communities\"", page);
        Assert.Contains("The number who are from racialised communities cannot be more than the 4 people running your group", page);
        var (after, _) = await GroupOf(SignedInClient.Applicant);
        Assert.Equal(before.OfThemFromRacialisedCommunities, after.OfThemFromRacialisedCommunities);
        Assert.Equal(before.PeopleRunningTheGroup, after.PeopleRunningTheGroup);
    }

    [Fact]
    public async Task Post_ChangedArea_SavesItAndConfirmsOnTheStartPage()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var form = FormOf(before.Details with { AreaServed = "Foleshill, Longford and Radford in Coventry" }, version);

        using var response = await client.PostFormAsync(Path, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/apply", response.Headers.Location!.OriginalString);
        var (after, newVersion) = await GroupOf(SignedInClient.Applicant);
        Assert.Equal("Foleshill, Longford and Radford in Coventry", after.AreaServed);
        Assert.NotEqual(version, newVersion);
        var start = await client.GetStringAsync(new Uri("/apply", UriKind.Relative));
        Assert.Contains("Your group&#x27;s details are saved", start);
        Assert.Contains("Foleshill, Longford and Radford in Coventry", start);
        Assert.Contains("href=\"/apply/organisation\"", start);
    }

    [Fact]
    public async Task Post_PostcodeIsAHomeAddress_IsSavedAndShownTicked()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        Assert.False(before.PostcodeIsHomeAddress);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        using var response = await client.PostFormAsync(Path, FormOf(before.Details with { PostcodeIsHomeAddress = true }, version));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((await GroupOf(SignedInClient.Applicant)).Profile.PostcodeIsHomeAddress);
        var html = await client.GetStringAsync(new Uri(Path, UriKind.Relative));
        Assert.Matches("name=\"Input.PostcodeIsHomeAddress\" type=\"checkbox\" value=\"true\"\\s+checked=\"checked\"", html);
    }

    [Fact]
    public async Task Post_HomeAddressUnticked_IsSavedAsNotAHomeAddress()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        using (var ticked = await client.PostFormAsync(Path, FormOf(before.Details with { PostcodeIsHomeAddress = true }, version)))
            Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
        var (home, newVersion) = await GroupOf(SignedInClient.Applicant);

        using var response = await client.PostFormAsync(Path, FormOf(home.Details with { PostcodeIsHomeAddress = false }, newVersion));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await GroupOf(SignedInClient.Applicant)).Profile.PostcodeIsHomeAddress);
    }

    [Fact]
    public async Task Post_RegisteredCharityWithBadNumber_ShowsTheLocatedErrorAndSavesNothing()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var form = FormOf(before.Details with
        {
            Type = OrganisationType.RegisteredCharity,
            CharityRegulator = CharityRegulator.EnglandAndWales,
            CharityNumber = "12AB",
            AreaServed = "Somewhere new",
        }, version);

        using var response = await client.PostFormAsync(Path, form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a href=\"#charity-number\">Enter a charity number like 1234567 or SC012345</a>", html);
        Assert.Contains("id=\"charity-number-error\"", html);
        Assert.Contains("value=\"12AB\"", html);
        Assert.Contains("value=\"Somewhere new\"", html);
        var (after, newVersion) = await GroupOf(SignedInClient.Applicant);
        Assert.Equal(version, newVersion);
        Assert.Equal(OrganisationType.UnregisteredGroup, after.Type);
        Assert.Equal(before.AreaServed, after.AreaServed);
    }

    [Theory]
    [InlineData("Input.AnnualIncome", "lots", "<a href=\"#annual-income\">Enter your income as an amount of money, like 8400 or £8,400.50</a>")]
    [InlineData("Input.IncomeYearEnd.Day", "31", "<a href=\"#income-year-end-day\">The date your year ended must be a real date, like 27 3 2027</a>")]
    [InlineData("Input.PeopleRunningTheGroup", "five", "<a href=\"#people-running-the-group\">Enter how many people run your group as a whole number, like 5, or 0 for none</a>")]
    public async Task Post_EntryThatIsNotANumberOrDate_ShowsAGovUkMessageAndSavesNothing(string field, string value, string expected)
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var form = FormOf(before.Details with { IncomeYearEnd = new DateOnly(2026, 3, 31) }, version);
        form[field] = value;
        if (field.EndsWith(".Day", StringComparison.Ordinal)) form["Input.IncomeYearEnd.Month"] = "2";

        using var response = await client.PostFormAsync(Path, form);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains(System.Net.WebUtility.HtmlDecode(expected), html);
        Assert.Equal(version, (await GroupOf(SignedInClient.Applicant)).Version);
    }

    [Fact]
    public async Task Post_UnreadableIncomeAndBadCharityNumber_ShowsBothProblems()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var form = FormOf(before.Details with { Type = OrganisationType.RegisteredCharity, CharityRegulator = CharityRegulator.EnglandAndWales, CharityNumber = "12AB" }, version);
        form["Input.AnnualIncome"] = "about 8k";

        using var response = await client.PostFormAsync(Path, form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"#annual-income\">", html);
        Assert.Contains("<a href=\"#charity-number\">Enter a charity number like 1234567 or SC012345</a>", html);
        Assert.Contains("value=\"about 8k\"", html);
        Assert.Equal(version, (await GroupOf(SignedInClient.Applicant)).Version);
    }

    [Fact]
    public async Task Post_MoneyWithPoundSignAndCommas_IsRead()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var form = FormOf(before.Details, version);
        form["Input.AnnualIncome"] = "£8,400.50";

        using var response = await client.PostFormAsync(Path, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(8400.50m, (await GroupOf(SignedInClient.Applicant)).Profile.AnnualIncome);
    }

    [Fact]
    public async Task Post_SecondContactOnly_SavesItUnderANewVersion()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        var form = FormOf(before.Details with { Contacts = [.. before.Contacts, new Contact("Ali Khan", "Treasurer", "ali@example.org", "024 7600 0000")] }, version);

        using var response = await client.PostFormAsync(Path, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (after, newVersion) = await GroupOf(SignedInClient.Applicant);
        Assert.Equal(["Ali Khan"], after.Contacts.Skip(1).Select(contact => contact.Name));
        Assert.NotEqual(version, newVersion);
    }

    [Fact]
    public async Task Post_StaleVersion_ShowsItChangedMeanwhileKeepsWhatWasTypedAndSavesNothing()
    {
        var (before, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        // Two tabs open on the same details: the other one is saved first.
        var form = FormOf(before.Details with { AreaServed = "Too late" }, version);
        var staleTab = await client.FormAsync(Path, form);
        using (var other = await client.PostFormAsync(Path, FormOf(before.Details with { AreaServed = "Saved in the other tab" }, version)))
            Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        (_, version) = await GroupOf(SignedInClient.Applicant);

        using var response = await staleTab.SubmitAsync(client, form);

        // The one outcome (docs/edit-conflicts.md): the page again, what was typed kept, over the version now saved.
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(ChangedMeanwhile.Heading, page);
        Assert.Contains("value=\"Too late\"", page);
        Assert.Contains($"value=\"{version}\"", page);
        var (after, stored) = await GroupOf(SignedInClient.Applicant);
        Assert.Equal(version, stored);
        Assert.Equal("Saved in the other tab", after.Details.AreaServed);
    }

    [Fact]
    public async Task Get_FundManager_IsRefused()
    {
        using var client = await SignedInClient.As(factory, SignedInClient.Manager);

        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Post_AnotherGroupsDetails_ChangesOnlyTheApplicantsOwnGroup()
    {
        Guid southamId;
        ProfileDetails southam;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
            var profile = await db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "Southam Befriending Network");
            (southamId, southam) = (profile.Id, profile.Details);
        }
        var (_, version) = await GroupOf(SignedInClient.Applicant);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var html = await client.GetStringAsync(new Uri(Path, UriKind.Relative));
        Assert.DoesNotContain("Southam Befriending Network", html);
        // Even posting the other group's every detail, with an id the form does not have, lands on the applicant's own group.
        var form = FormOf(southam with { AreaServed = "Taken over" }, version);
        form["id"] = southamId.ToString();
        form["Input.Id"] = southamId.ToString();
        // Forged on purpose: the address and fields carry another group's id, which no form of the applicant's has.
        using var response = await client.PostComposedAsync(Path + "?id=" + southamId, form, formPage: Path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (mine, _) = await GroupOf(SignedInClient.Applicant);
        Assert.Equal("Taken over", mine.AreaServed);
        using var check = factory.Services.CreateScope();
        var untouched = await check.ServiceProvider.GetRequiredService<FairFundDbContext>().Organisations.AsNoTracking().SingleAsync(o => o.Id == southamId);
        Assert.Equal(southam.AreaServed, untouched.AreaServed);
    }

    [Fact]
    public async Task Post_ApplicantWithNoGroup_CreatesTheirGroupAndMembership()
    {
        const string email = "new.applicant@demo.fairfund.test";
        const string password = "new-applicant-2027";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, "Applicant")).Succeeded);
        }
        using var client = SignedInClient.Anonymous(factory);
        using (var signIn = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password }))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var empty = await client.GetStringAsync(new Uri(Path, UriKind.Relative));
        Assert.DoesNotContain("Foleshill", empty);
        var details = new ProfileDetails("Radford Walking Group", OrganisationType.UnregisteredGroup, null, null, null, 1200m, new DateOnly(2026, 12, 31),
            "cv6 3ab", "Radford", 4, 3, 1, [new Contact("Sam Patel", "Organiser", "sam@example.org")]);
        using var response = await client.PostFormAsync(Path, FormOf(details, Guid.Empty));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (mine, _) = await GroupOf(email);
        Assert.Equal("Radford Walking Group", mine.Name);
        Assert.Equal("CV6 3AB", mine.Postcode);
        Assert.Equal("Foleshill Peer Support", (await GroupOf(SignedInClient.Applicant)).Profile.Name);
    }

    private async Task<(OrganisationProfile Profile, Guid Version)> GroupOf(string email)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email);
        var id = await db.OrganisationMembers.Where(m => m.UserId == user!.Id).Select(m => m.OrganisationId).SingleAsync();
        var profile = await db.Organisations.SingleAsync(o => o.Id == id);
        return (profile, (Guid)db.Entry(profile).Property(FairFundDbContext.VersionColumn).CurrentValue!);
    }

    private static Dictionary<string, string> FormOf(ProfileDetails details, Guid version)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Version"] = version.ToString(),
            ["Input.Name"] = details.Name,
            ["Input.Type"] = details.Type.ToString(),
            ["Input.CharityRegulator"] = details.CharityRegulator?.ToString() ?? "",
            ["Input.CharityNumber"] = details.CharityNumber ?? "",
            ["Input.CompanyNumber"] = details.CompanyNumber ?? "",
            ["Input.AnnualIncome"] = details.AnnualIncome.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.IncomeYearEnd.Day"] = details.IncomeYearEnd.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.IncomeYearEnd.Month"] = details.IncomeYearEnd.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.IncomeYearEnd.Year"] = details.IncomeYearEnd.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Postcode"] = details.Postcode,
            ["Input.AreaServed"] = details.AreaServed,
            ["Input.PeopleRunningTheGroup"] = details.PeopleRunningTheGroup.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OfThemWithLivedExperience"] = details.OfThemWithLivedExperience.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OfThemWhoUseTheServices"] = details.OfThemWhoUseTheServices.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OfThemFromRacialisedCommunities"] = details.OfThemFromRacialisedCommunities.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // Unticked, the box sends nothing at all.
        form["Input.PostcodeIsHomeAddress"] = details.PostcodeIsHomeAddress ? "true" : "";
        for (var i = 0; i < details.Contacts.Count; i++)
        {
            form[$"Input.Contacts[{i}].Name"] = details.Contacts[i].Name;
            form[$"Input.Contacts[{i}].Role"] = details.Contacts[i].Role;
            form[$"Input.Contacts[{i}].Email"] = details.Contacts[i].Email;
            form[$"Input.Contacts[{i}].Phone"] = details.Contacts[i].Phone ?? "";
        }
        return form;
    }
}
