using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Bench;

/// <summary>
/// <c>seed-applicants DATA_DIR [--applicants 201]</c>: prepares a deadline rush in a data folder made by one
/// start of FairFund.Web. Each applicant <c>rush{N}@applicant.fairfund.test</c> (password <see cref="Password"/>)
/// has a confirmed account, a group of its own and a draft application to the demo round with every question
/// answered, ready to send. Registering and confirming through the pages would take minutes and is not what a
/// rush does, so this is put straight into the database through FairFund.Web's own mapping; everything the
/// rush itself does goes through the pages. The round's application counter is moved on past the drafts.
/// </summary>
public static class RushSeed
{
    public const string Command = "seed-applicants";
    public const string Password = "deadline-rush-2027";

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] == Command;

    public static string Email(int number) => string.Create(CultureInfo.InvariantCulture, $"rush{number}@applicant.fairfund.test");

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: {Command} DATA_DIR [--applicants 200]");
            return 2;
        }
        var dataDirectory = Path.GetFullPath(args[1]);
        var count = BenchArgs.Int(args, "--applicants", 200);
        if (!File.Exists(Path.Combine(dataDirectory, "fairfund.db")))
        {
            await Console.Error.WriteLineAsync($"No database in {dataDirectory}: start FairFund.Web once with FairFund__DataDirectory={dataDirectory} first.");
            return 2;
        }

        var builder = new DbContextOptionsBuilder<FairFundDbContext>();
        builder.UseFairFundSqlite(dataDirectory);
        var options = builder.Options;
        await using var db = new FairFundDbContext(options);
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == SeedModeration.Round);
        if (round.State != RoundState.Open) throw new InvalidOperationException($"{SeedModeration.Round} is {round.State}; seed a fresh data folder.");
        if (await db.Applications.AnyAsync(a => a.RoundId == round.Id))
            throw new InvalidOperationException($"{SeedModeration.Round} already has applications; seed a fresh data folder.");
        var applicantRole = await db.Roles.Where(role => role.Name == Roles.Applicant).Select(role => role.Id).SingleAsync();
        var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);

        // One hash for every account: the default hasher's salt is random and the user plays no part, and hashing
        // 200 times over would take as long as the rush.
        var hash = new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(), Password);
        for (var number = 1; number <= count; number++)
        {
            var email = Email(number);
            var user = new IdentityUser(email)
            {
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                NormalizedUserName = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = applicantRole });
            var group = new OrganisationProfile(Guid.NewGuid(), SeedModeration.GroupDetails(number));
            db.Organisations.Add(group);
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = group.Id, UserId = user.Id });
            var application = new Application(Guid.NewGuid(), round.Id, group.Id, string.Create(CultureInfo.InvariantCulture, $"{round.Reference}-{number:0000}"));
            SeedModeration.AnswerEverything(application, number, SeedModeration.AmountFor(number, grants));
            // The demo round's form asks groups asking more than £10,000 how they will manage it; a form without those questions refuses them, which is fine.
            application.SaveAnswers(round.Form, [
                ("managedLargerGrant", new Answer.YesNo(true)),
                ("largerGrantPlan", new Answer.Text("Our treasurer keeps the accounts and a second signatory checks every payment.")),
            ]);
            db.Applications.Add(application);
        }
        await db.SaveChangesAsync();
        await db.Rounds.Where(r => r.Id == round.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => EF.Property<int>(r, RoundConfiguration.LastApplicationNumber), count));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {count} applicants, each with a group and a draft ready to send, in {dataDirectory}."));
        return 0;
    }
}

/// <summary>The bench commands' <c>--name value</c> options.</summary>
internal static class BenchArgs
{
    public static int Int(string[] args, string name, int fallback) =>
        Text(args, name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"{name} needs a whole number.")
            : fallback;

    public static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return null;
        return at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"{name} needs a value.");
    }

    public static bool Flag(string[] args, string name) => Array.IndexOf(args, name) >= 0;
}
