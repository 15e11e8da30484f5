using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Bench;

/// <summary>
/// <c>seed-moderation DATA_DIR [--applications 1000] [--members 6]</c>: takes the demo round in an app's data
/// folder (made by one start of FairFund.Web) all the way to moderation, with many groups, one submitted
/// application each, screening, three submitted reviews per eligible application and scoring closed, so the
/// moderation page can be timed against a realistic round. Everything goes through the domain's intent
/// methods and FairFund.Web's own database mapping, as the app would do it, never raw SQL.
/// </summary>
public static class SeedModeration
{
    public const string Command = "seed-moderation";
    public const string Round = "CW-MH-2027-R1";
    private const string Actor = "FairFund.Bench seed-moderation";
    private const int BatchSize = 250;
    private const int ReviewsPerApplication = 3;

    private static readonly string[] Places =
        ["Foleshill", "Hillfields", "Canley", "Tile Hill", "Bell Green", "Binley", "Radford", "Kenilworth", "Nuneaton", "Leamington Spa", "Rugby", "Southam"];

    private static readonly string[] Kinds =
        ["Carers' Circle", "Men's Shed", "Peer Support", "Community Kitchen", "Sanctuary Walks", "Hearing Voices Group", "Women's Group", "Allotment Project", "Youth Club", "Talking Space"];

    // Urban Coventry postcodes, and some in the demo funder's rural areas (CV47, CV36, B50).
    private static readonly string[] Postcodes = ["CV1 1AA", "CV2 4DW", "CV4 8FE", "CV6 5HN", "CV47 0AB", "CV36 4AA", "B50 4BB", "CV32 5EX"];

    public static bool IsInvokedBy(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: {Command} DATA_DIR [--applications 1000] [--members 6]");
            return 2;
        }
        var dataDirectory = Path.GetFullPath(args[1]);
        var applications = Option(args, "--applications", 1000);
        var members = Option(args, "--members", 6);
        if (applications < 1 || members < ReviewsPerApplication)
        {
            await Console.Error.WriteLineAsync($"Needs at least 1 application and {ReviewsPerApplication} members.");
            return 2;
        }
        var database = Path.Combine(dataDirectory, "fairfund.db");
        if (!File.Exists(database))
        {
            await Console.Error.WriteLineAsync($"No database at {database}: start FairFund.Web once with FairFund__DataDirectory={dataDirectory} first.");
            return 2;
        }

        var options = new DbContextOptionsBuilder<FairFundDbContext>().UseSqlite(DataSetup.SqliteConnectionString(dataDirectory)).Options;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await SeedAsync(options, applications, members, DateTimeOffset.UtcNow);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {Round} in {dataDirectory}: {applications} applications, {members} panel members, {ReviewsPerApplication} reviews each, scoring closed ({started.Elapsed.TotalSeconds:0.0} s)."));
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        if (at + 1 >= args.Length || !int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw new ArgumentException($"{name} needs a whole number.");
        return value;
    }

    public static async Task SeedAsync(DbContextOptions<FairFundDbContext> options, int count, int memberCount, DateTimeOffset now)
    {
        var references = Enumerable.Range(1, count).Select(number => string.Create(CultureInfo.InvariantCulture, $"{Round}-{number:0000}")).ToList();
        var members = Enumerable.Range(1, memberCount).Select(number => string.Create(CultureInfo.InvariantCulture, $"member{number}@panel.fairfund.test")).ToList();

        // 1. Groups and their submitted applications, while the round is open.
        Guid roundId;
        await using (var db = new FairFundDbContext(options))
        {
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == Round);
            if (round.State != RoundState.Open)
                throw new InvalidOperationException($"{Round} is {round.State}; seed a fresh data folder whose demo round is still open.");
            if (await db.Applications.AnyAsync(a => a.RoundId == round.Id))
                throw new InvalidOperationException($"{Round} already has applications; seed a fresh data folder.");
            roundId = round.Id;
        }
        foreach (var batch in Enumerable.Range(1, count).Chunk(BatchSize))
        {
            await using var db = new FairFundDbContext(options);
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId);
            var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);
            var window = new SubmissionWindow(RoundIsOpen: true, round.ClosesAt, now);
            foreach (var number in batch)
            {
                var profile = new OrganisationProfile(Guid.NewGuid(), GroupDetails(number));
                db.Organisations.Add(profile);
                var application = new Application(Guid.NewGuid(), roundId, profile.Id, references[number - 1]);
                AnswerEverything(application, number, AmountFor(number, grants));
                application.Submit(now, Contact(number), window, grants);
                db.Applications.Add(application);
            }
            await db.SaveChangesAsync();
        }

        // 2. The round closes, and the panel joins.
        await using (var db = new FairFundDbContext(options))
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == roundId);
            round.Close(now, Actor);
            foreach (var (email, index) in members.Select((email, index) => (email, index)))
            {
                var seat = new PanelMember(Guid.NewGuid(), roundId, email, string.Create(CultureInfo.InvariantCulture, $"seeded-invite-{index + 1}-{Guid.NewGuid():N}"), now, Actor);
                seat.Join(email, now, round.State);
                db.PanelMembers.Add(seat);
            }
            await db.SaveChangesAsync();
        }

        // 3. Screening: all eligible but one in fifty, ineligible with a reason.
        await ForEachBatchAsync(options, roundId, ApplicationState.Submitted, (application, number) =>
        {
            if (IsIneligible(number)) application.MarkIneligible(now, Actor, "The project is outside Coventry and Warwickshire, where this round funds work.");
            else application.MarkEligible(now, Actor);
        });

        // 4. Scoring starts; every eligible application gets three submitted reviews.
        await using (var db = new FairFundDbContext(options))
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == roundId);
            round.StartScoring(now, Actor, RoundProgress.None);
            await db.SaveChangesAsync();
        }
        foreach (var batch in Enumerable.Range(1, count).Where(number => !IsIneligible(number)).Chunk(BatchSize))
        {
            await using var db = new FairFundDbContext(options);
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId);
            var criteria = round.Rules.Criteria;
            var wanted = batch.Select(number => references[number - 1]).ToList();
            var ids = await db.Applications.Where(a => a.RoundId == roundId && wanted.Contains(a.Reference)).ToDictionaryAsync(a => a.Reference, a => a.Id);
            foreach (var number in batch)
            {
                for (var place = 0; place < ReviewsPerApplication; place++)
                {
                    // Three different members, spaced a third of the panel apart.
                    var reviewer = members[(number + place * (memberCount / ReviewsPerApplication)) % memberCount];
                    var review = new PanelReview(Guid.NewGuid(), ids[references[number - 1]], reviewer, now, Actor);
                    review.DeclareNoConflict(now, reviewer, FairFund.Domain.Reviews.ApplicantPeople.NoneKnown);
                    var scores = criteria.Select((criterion, index) => (criterion.Key, Score: ScoreFor(number, place, index, criterion.Min, criterion.Max)))
                        .ToDictionary(pair => pair.Key, pair => pair.Score, StringComparer.Ordinal);
                    var sheet = new ScoreSheet(scores.AsReadOnly(), $"Thank you for applying. Comment from {reviewer} on {references[number - 1]}.", "");
                    review.SaveDraft(sheet, criteria, now);
                    review.Submit(criteria, now, scoringOpen: true);
                    db.PanelReviews.Add(review);
                }
            }
            await db.SaveChangesAsync();
        }

        // 5. Scoring closes (the seed is revealed) and every eligible application is scored.
        await using (var db = new FairFundDbContext(options))
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == roundId);
            round.CloseScoring(now, Actor, RoundProgress.None);
            await db.SaveChangesAsync();
        }
        await ForEachBatchAsync(options, roundId, ApplicationState.Eligible, (application, _) => application.MarkScored(now, Actor));
    }

    /// <summary>Changes the round's applications in one state, a batch at a time, each batch saved on its own.</summary>
    private static async Task ForEachBatchAsync(DbContextOptions<FairFundDbContext> options, Guid roundId, ApplicationState state, Action<Application, int> change)
    {
        while (true)
        {
            await using var db = new FairFundDbContext(options);
            var batch = await db.Applications.Where(a => a.RoundId == roundId && a.State == state).OrderBy(a => a.Reference).Take(BatchSize).ToListAsync();
            if (batch.Count == 0) return;
            foreach (var application in batch) change(application, Number(application.Reference));
            await db.SaveChangesAsync();
        }
    }

    private static int Number(string reference) => int.Parse(reference[(Round.Length + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static bool IsIneligible(int number) => number % 50 == 17;

    private static string Contact(int number) => string.Create(CultureInfo.InvariantCulture, $"contact{number}@group.fairfund.test");

    internal static void AnswerEverything(Application application, int number, decimal amount)
    {
        var place = Places[number % Places.Length];
        application.AnswerProject(new ProjectAnswers(
            string.Create(CultureInfo.InvariantCulture, $"{Kinds[number % Kinds.Length]} in {place}, project {number}"),
            "Weekly sessions led by peer supporters, with a quiet space and a meal.",
            new DateOnly(2027, 6, 1), new DateOnly(2028, 5, 31)));
        application.AnswerWhoBenefits($"Adults in {place} who feel isolated.");
        application.AnswerOutcomes("People feel less alone; we ask them before and after.");
        application.AnswerLivedExperience("Our session leaders have lived experience and plan the sessions.");
        var sessions = decimal.Round(amount * 0.7m, 0);
        application.AnswerBudget([new BudgetLine("Sessions", sessions), new BudgetLine("Training and expenses", amount - sessions)]);
        application.AnswerPartners(false, []);
    }

    /// <summary>Incomes from micro to large, some groups led by people with lived experience, some in rural postcodes.</summary>
    internal static ProfileDetails GroupDetails(int number)
    {
        var (type, income) = (number % 5) switch
        {
            0 => (OrganisationType.UnregisteredGroup, 2_000m + 37m * (number % 200)),       // micro
            1 => (OrganisationType.UnregisteredGroup, 9_000m + 53m * (number % 150)),       // micro and small
            2 => (OrganisationType.CharitableIncorporatedOrganisation, 40_000m + 211m * (number % 300)), // small
            3 => (OrganisationType.CharitableIncorporatedOrganisation, 150_000m + 1_733m * (number % 400)), // medium
            _ => (OrganisationType.RegisteredCharity, 1_200_000m + 9_901m * (number % 500)), // large
        };
        var registered = type != OrganisationType.UnregisteredGroup;
        var running = 3 + number % 9;
        var livedExperience = number % 3 == 0 ? running : number % 7 == 0 ? running / 2 : 0;
        return new ProfileDetails(
            string.Create(CultureInfo.InvariantCulture, $"{Places[number % Places.Length]} {Kinds[(number / Places.Length) % Kinds.Length]} {number}"),
            type,
            registered ? CharityRegulator.EnglandAndWales : null,
            registered ? string.Create(CultureInfo.InvariantCulture, $"{1_100_000 + number}") : null,
            null,
            income,
            new DateOnly(2026, 3, 31),
            Postcodes[(number * 7) % Postcodes.Length],
            "Coventry and Warwickshire",
            running,
            livedExperience,
            livedExperience / 2,
            [new Contact(string.Create(CultureInfo.InvariantCulture, $"Contact {number}"), "Coordinator", Contact(number))]);
    }

    /// <summary>Whole pounds spread over the grant range.</summary>
    internal static decimal AmountFor(int number, GrantRange grants) =>
        decimal.Round(grants.Min + (grants.Max - grants.Min) * ((number * 37) % 100) / 100m, 0);

    /// <summary>
    /// A whole-number score on the criterion's scale around the application's own quality; for about one
    /// application in eight the third reviewer sees it very differently, so disagreement flags appear.
    /// </summary>
    private static int ScoreFor(int number, int place, int criterion, int min, int max)
    {
        var span = max - min;
        var quality = (number * 13 + 5) % 11 / 10.0;  // 0.0 .. 1.0, spread
        var wobble = ((number * 31 + place * 17 + criterion * 7) % 3) - 1; // -1, 0 or +1
        var score = min + (int)Math.Round(quality * span) + wobble;
        if (place == 2 && number % 8 == 3) score = quality >= 0.5 ? min : max;
        return Math.Clamp(score, min, max);
    }
}
