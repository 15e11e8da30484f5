using System.Text.Json;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.RoundFiles;
using FairFund.Domain.Rounds;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration.Json;

namespace FairFund.Web.Data;

/// <summary>
/// On a first run (no rounds yet), opens the demo round from <c>data/demo/round.json</c>, a round file
/// with its purpose and dates, and creates the demo accounts in <c>data/demo/people.json</c>, so that a
/// new user sees FairFund working straight away.
/// </summary>
public static class DemoData
{
    public const string Actor = "FairFund demo data";

    public static string DemoFolder => Path.Combine(AppContext.BaseDirectory, "demo");

    /// <summary>
    /// The demo funder's name and branding (<c>data/demo/funder.json</c>), added beneath every other settings
    /// source, so a funder's own settings always win.
    /// </summary>
    public static IConfigurationBuilder AddFairFundDemoFunder(this IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var demoFunder = new JsonConfigurationSource { Path = Path.Combine(DemoFolder, "funder.json"), Optional = true };
        demoFunder.ResolveFileProvider();
        configuration.Sources.Insert(0, demoFunder);
        return configuration;
    }

    public static async Task SeedAsync(IServiceProvider services, TimeProvider time, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        if (await db.Rounds.AnyAsync(cancellationToken)) return;

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        await AddPeopleAsync(users, File.ReadAllBytes(Path.Combine(DemoFolder, "people.json")));
        await AddOrganisationsAsync(db, users, File.ReadAllBytes(Path.Combine(DemoFolder, "organisations.json")), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

        var round = ReadDemoRound(File.ReadAllBytes(Path.Combine(DemoFolder, "round.json")), time.GetUtcNow());
        // The default form with a section only asks over £10,000 answer, so a newcomer sees a proportionate form.
        round.ChangeForm(ApplicationForm.DemoForm, time.GetUtcNow(), Actor);
        round.Open(time.GetUtcNow(), Actor, Seed.Draw());
        db.Rounds.Add(round);
        await SeatPanelAsync(db, users, round, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The roles exist on every start, demo or not, so that the first real fund manager can be given one.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), role);
        }
    }

    private static async Task AddPeopleAsync(UserManager<IdentityUser> users, byte[] utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        foreach (var person in document.RootElement.GetProperty("people").EnumerateArray())
        {
            var email = person.GetProperty("email").GetString()!;
            var user = new IdentityUser(email) { Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, person.GetProperty("password").GetString()!), email);
            Check(await users.AddToRoleAsync(user, person.GetProperty("role").GetString()!), email);
            // Staff give the name their emails go out with (a panel invite says who invited); groups give theirs when they register.
            if (person.TryGetProperty("displayName", out var name))
                Check(await users.AddClaimAsync(user, new System.Security.Claims.Claim(AccountMail.NameClaim, name.GetString()!)), email);
        }
    }

    private static readonly JsonSerializerOptions DemoJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private sealed record DemoOrganisation(
        IReadOnlyList<string> Members, string Name, OrganisationType Type, CharityRegulator? CharityRegulator, string? CharityNumber,
        string? CompanyNumber, decimal AnnualIncome, DateOnly IncomeYearEnd, string Postcode, string AreaServed,
        int PeopleRunningTheGroup, int OfThemWithLivedExperience, int OfThemWhoUseTheServices, IReadOnlyList<Contact> Contacts,
        bool PostcodeIsHomeAddress = false);

    private sealed record DemoOrganisations(IReadOnlyList<DemoOrganisation> Organisations);

    private static async Task AddOrganisationsAsync(FairFundDbContext db, UserManager<IdentityUser> users, byte[] utf8Json, DateOnly today)
    {
        var demo = JsonSerializer.Deserialize<DemoOrganisations>(utf8Json, DemoJson)!;
        foreach (var group in demo.Organisations)
        {
            var profile = new OrganisationProfile(Guid.NewGuid(), new ProfileDetails(group.Name, group.Type, group.CharityRegulator,
                group.CharityNumber, group.CompanyNumber, group.AnnualIncome, group.IncomeYearEnd, group.Postcode, group.AreaServed,
                group.PeopleRunningTheGroup, group.OfThemWithLivedExperience, group.OfThemWhoUseTheServices, group.Contacts, group.PostcodeIsHomeAddress));
            if (profile.Check(today) is { Count: > 0 } problems)
                throw new InvalidDataException($"Demo data: {group.Name}: " + string.Join("; ", problems));
            db.Organisations.Add(profile);
            foreach (var email in group.Members)
            {
                var user = await users.FindByEmailAsync(email) ?? throw new InvalidDataException($"Demo data: {group.Name}: no account {email}");
                db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = profile.Id, UserId = user.Id });
            }
        }
    }

    /// <summary>The demo panel members sit on the demo round's panel, as if they had accepted invites.</summary>
    private static async Task SeatPanelAsync(FairFundDbContext db, UserManager<IdentityUser> users, Round round, DateTimeOffset now)
    {
        foreach (var member in await users.GetUsersInRoleAsync(Roles.PanelMember))
        {
            // Nobody holds the invite's token: the seat is taken already, so the link is never needed.
            var seat = new FairFund.Domain.Reviews.PanelMember(Guid.NewGuid(), round.Id, member.Email!,
                Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), now, Actor);
            seat.Join(member.UserName!, now, round.State);
            db.PanelMembers.Add(seat);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidDataException($"Demo data: {what}: " + string.Join("; ", result.Errors.Select(error => error.Description)));
    }

    public static Round ReadDemoRound(byte[] utf8Json, DateTimeOffset now)
    {
        var read = RoundFileReader.Read(utf8Json);
        if (read.File is not { } file)
            throw new InvalidDataException("The demo round file is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, read.Problems));

        using var document = JsonDocument.Parse(utf8Json);
        var root = document.RootElement;
        var today = DateOnly.FromDateTime(UkTime.From(now).DateTime);
        var opensAt = now.AddDays(root.GetProperty("opensInDays").GetInt32());
        // Rounds close at midday UK time, never at midnight, when nobody is there to help.
        var closesAt = UkTime.ToUtc(today.AddDays(root.GetProperty("closesInDays").GetInt32()), new TimeOnly(12, 0));
        var rules = file.Round with { Seed = "" };
        return new Round(Guid.NewGuid(), rules.Reference, rules.Name, root.GetProperty("purpose").GetString() ?? "", opensAt, closesAt, rules);
    }
}
