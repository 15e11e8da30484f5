using System.Text.RegularExpressions;
using FairFund.Domain.Allocation;
using FairFund.Domain.Auditing;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicRound = FairFund.Web.Pages.Rounds.RoundModel.RoundView;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Changes a draft round: its details, criteria, equity rules and ring-fenced pots. Each section is its
/// own form with a named handler, so the page works without JavaScript; every save checks the whole of
/// the round's settings, saves nothing if anything is wrong, and is refused if someone else saved first.
/// Once the round has opened, its rules are shown as they were fixed, with their hash.
/// </summary>
public sealed partial class EditRoundModel(FairFundDbContext db) : PageModel
{
    public const string DetailsSection = "details";

    public EditView Round { get; private set; } = null!;

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public RoundDetailsInput Details { get; set; } = new();

    [BindProperty]
    public CriterionInput Criterion { get; set; } = new();

    [BindProperty]
    public RuleInput Rule { get; set; } = new();

    [BindProperty]
    public PotInput Pot { get; set; } = new();

    /// <summary>The section whose posted input is shown back, with its errors: "details", "criteria-2", "pots-0".</summary>
    public string? Posted { get; private set; }

    public FormErrors Errors { get; } = new();

    public string? Refusal { get; private set; }

    /// <summary>The round changed after the page was shown, so the section posted was not saved.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        // Tracked, not AsNoTracking: the version is a shadow property, which only a tracked entity carries.
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        Round = ViewOf(round, db.VersionOf(round));
        return Page();
    }

    public Task<IActionResult> OnPostSaveDetailsAsync(string reference, CancellationToken cancellationToken) =>
        EditAsync(reference, DetailsSection, "details", round => Details.Read(Errors) is { } details
            ? new Proposal(details.Name, details.Purpose, details.OpensAt, details.ClosesAt, details.ApplyTo(round.Rules))
            : null, cancellationToken);

    public Task<IActionResult> OnPostAddCriterionAsync(string reference, CancellationToken cancellationToken) =>
        EditAsync(reference, null, "criteria", round => SaveCriterion(round, round.Rules.Criteria.Count), cancellationToken);

    public Task<IActionResult> OnPostSaveCriterionAsync(string reference, int index, CancellationToken cancellationToken) =>
        EditAsync(reference, null, "criteria", round => SaveCriterion(round, index), cancellationToken);

    public Task<IActionResult> OnPostRemoveCriterionAsync(string reference, int index, CancellationToken cancellationToken) =>
        EditAsync(reference, null, "criteria", round => Unchanged(round) with { Rules = round.Rules with { Criteria = Without(round.Rules.Criteria, index) } },
            cancellationToken);

    public Task<IActionResult> OnPostAddRuleAsync(string reference, CancellationToken cancellationToken) =>
        EditAsync(reference, null, "rules", round => SaveRule(round, round.Rules.Rules.Count), cancellationToken);

    public Task<IActionResult> OnPostSaveRuleAsync(string reference, int index, CancellationToken cancellationToken) =>
        EditAsync(reference, null, "rules", round => SaveRule(round, index), cancellationToken);

    public Task<IActionResult> OnPostRemoveRuleAsync(string reference, int index, CancellationToken cancellationToken) =>
        EditAsync(reference, null, "rules", round => Unchanged(round) with { Rules = round.Rules with { Rules = Without(round.Rules.Rules, index) } },
            cancellationToken);

    public Task<IActionResult> OnPostAddPotAsync(string reference, CancellationToken cancellationToken) =>
        EditAsync(reference, null, "pots", round => SavePot(round, round.Rules.Pots.Count), cancellationToken);

    public Task<IActionResult> OnPostSavePotAsync(string reference, int index, CancellationToken cancellationToken) =>
        EditAsync(reference, null, "pots", round => SavePot(round, index), cancellationToken);

    public Task<IActionResult> OnPostRemovePotAsync(string reference, int index, CancellationToken cancellationToken) =>
        EditAsync(reference, null, "pots", round => Unchanged(round) with { Rules = round.Rules with { Pots = Without(round.Rules.Pots, index) } },
            cancellationToken);

    /// <summary>
    /// Loads the round, checks it is the version the person saw, reads the section's form into the round's
    /// next details and rules, checks them all, and only then asks the round to change.
    /// </summary>
    private async Task<IActionResult> EditAsync(string reference, string? posted, string fragment, Func<Round, Proposal?> propose, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return NotFound();
        try
        {
            // Whether the round can change at all is the round's to say, before anything typed is read.
            if (round.State != RoundState.Draft) round.Edit(round.Name, round.Purpose, round.OpensAt, round.ClosesAt, round.Rules);

            Posted = posted ?? Posted;
            var proposal = propose(round);
            // Act only on the version the person was looking at: if someone has saved since, theirs stands.
            if (!db.IsStillAt(round, Version)) return await ChangedAsync(reference, cancellationToken);
            if (proposal is not null)
            {
                var potInFocus = Posted is { } section && section.StartsWith("pots-", StringComparison.Ordinal) ? int.Parse(section[5..], System.Globalization.CultureInfo.InvariantCulture) : 0;
                foreach (var problem in RoundProblems.Of(proposal.Rules, potInFocus)) Errors.Add(problem);
            }
            if (proposal is null || Errors.Any)
            {
                Round = ViewOf(round, Version);
                return Page();
            }
            round.Edit(proposal.Name, proposal.Purpose, proposal.OpensAt, proposal.ClosesAt, proposal.Rules);
        }
        catch (DomainRuleException refused)
        {
            Refusal = refused.Message;
            Posted = null;
            db.ChangeTracker.Clear();
            var fresh = await db.Rounds.SingleAsync(r => r.Reference == reference, cancellationToken);
            Round = ViewOf(fresh, db.VersionOf(fresh));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (await db.SaveOverAsync(round, Version, cancellationToken) == EditSave.ChangedMeanwhile)
            return await ChangedAsync(reference, cancellationToken);
        return RedirectToPage(null, null, new { reference }, fragment);
    }

    /// <summary>
    /// The one outcome of a save that lost to another (docs/edit-conflicts.md): the round as it is now in every
    /// section, except the one posted, which keeps what was typed, over the version now shown.
    /// </summary>
    private async Task<IActionResult> ChangedAsync(string reference, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = await db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (now is null) return NotFound();
        ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "This round", "save the section again");
        Round = ViewOf(now, db.VersionOf(now));
        return Page();
    }

    private Proposal? SaveCriterion(Round round, int index)
    {
        var criteria = round.Rules.Criteria;
        if (index < 0 || index > criteria.Count) return null;
        Posted = $"criteria-{index}";
        var otherKeys = criteria.Where((_, i) => i != index).Select(c => c.Key);
        return Criterion.Read($"criteria-{index}-", otherKeys, Errors) is { } criterion
            ? Unchanged(round) with { Rules = round.Rules with { Criteria = Replace(criteria, index, criterion) } }
            : null;
    }

    private Proposal? SaveRule(Round round, int index)
    {
        var rules = round.Rules.Rules;
        if (index < 0 || index > rules.Count) return null;
        Posted = $"rules-{index}";
        return Rule.Read($"rules-{index}-", Errors) is { } rule
            ? Unchanged(round) with { Rules = round.Rules with { Rules = Replace(rules, index, rule) } }
            : null;
    }

    private Proposal? SavePot(Round round, int index)
    {
        var pots = round.Rules.Pots;
        if (index < 0 || index > pots.Count) return null;
        Posted = $"pots-{index}";
        var otherKeys = pots.Where((_, i) => i != index).Select(p => p.Key);
        return Pot.Read($"pots-{index}-", otherKeys, Errors) is { } pot
            ? Unchanged(round) with { Rules = round.Rules with { Pots = Replace(pots, index, pot) } }
            : null;
    }

    private static Proposal Unchanged(Round round) => new(round.Name, round.Purpose, round.OpensAt, round.ClosesAt, round.Rules);

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> items, int index, T item) =>
        index == items.Count ? [.. items, item] : [.. items.Select((existing, i) => i == index ? item : existing)];

    private static IReadOnlyList<T> Without<T>(IReadOnlyList<T> items, int index) => [.. items.Where((_, i) => i != index)];

    /// <summary>The page as it shows: stored values in every section, except the posted one, whose input is shown back as typed.</summary>
    private EditView ViewOf(Round round, Guid version)
    {
        var rules = round.Rules;
        if (Posted != DetailsSection) Details = RoundDetailsInput.From(round);
        IReadOnlyList<CriterionInput> criteria = [.. rules.Criteria.Select(CriterionInput.From).Append(CriterionInput.New())];
        IReadOnlyList<RuleInput> equityRules = [.. rules.Rules.Select(RuleInput.From).Append(new RuleInput())];
        IReadOnlyList<PotInput> pots = [.. rules.Pots.Select(PotInput.From).Append(new PotInput())];
        if (Posted is { } section && section.Split('-') is [var list, var at] && int.TryParse(at, out var index))
        {
            if (list == "criteria" && index < criteria.Count) criteria = Replace(criteria, index, Criterion);
            if (list == "rules" && index < equityRules.Count) equityRules = Replace(equityRules, index, Rule);
            if (list == "pots" && index < pots.Count) pots = Replace(pots, index, Pot);
        }
        var bands = rules.IncomeBands.Bands
            .Select(band => new Choice(band.Key, band.UpTo is { } upTo ? $"{band.Key}: income under £{FormNumbers.Money(upTo)}" : $"{band.Key}: any larger income"))
            .ToList();
        return new EditView(round.Reference, round.Name, round.State, Domain.Rounds.Round.Describe(round.State), version,
            round.State == RoundState.Draft ? null : PublicRound.Of(round), criteria, equityRules, pots, bands,
            rules.Criteria.Select(c => c.Title).ToList(), rules.Rules.Select(r => r.Describe()).ToList(),
            rules.Pots.Select(p => $"{p.Name}: {FormNumbers.Percent(p.Share)}% of the budget (£{FormNumbers.Money(p.AmountOf(rules.Budget))})").ToList());
    }

    /// <summary>Flags offered as checkboxes: the ones FairFund knows, and any others the round already uses.</summary>
    public static IReadOnlyList<Choice> FlagChoices(IEnumerable<string> inUse) =>
        [.. KnownFlags.All.Union(inUse, StringComparer.Ordinal).Select(flag => new Choice(flag, Capitalised(KnownFlags.InWords(flag))))];

    private static string Capitalised(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    /// <summary>A key made from a title: "Local need and who benefits" becomes "local-need-and-who-benefits".</summary>
    public static string KeyFrom(string title, IEnumerable<string> taken)
    {
        var key = NotKey().Replace(title.ToLowerInvariant(), "-").Trim('-');
        if (key.Length > 40) key = key[..40].TrimEnd('-');
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var candidate = key;
        for (var n = 2; used.Contains(candidate); n++) candidate = $"{key}-{n}";
        return candidate;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotKey();

    private static Condition ConditionOf(IReadOnlyList<string> bands, IReadOnlyList<string> flags) => new(
        bands.Count == 0 ? null : [.. bands.Distinct(StringComparer.Ordinal)],
        flags.Count == 0 ? null : [.. flags.Distinct(StringComparer.Ordinal)]);

    public sealed record Proposal(string Name, string Purpose, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, RoundSettings Rules);

    public sealed class CriterionInput
    {
        public string? Title { get; set; }
        public string? Key { get; set; }
        public string? Guidance { get; set; }
        public string? Weight { get; set; }
        public string? Min { get; set; }
        public string? Max { get; set; }
        public string? Descriptors { get; set; }

        public static CriterionInput New() => new() { Weight = "1", Min = "0", Max = "4" };

        public static CriterionInput From(Criterion criterion) => new()
        {
            Title = criterion.Title,
            Key = criterion.Key,
            Guidance = criterion.Guidance,
            Weight = FormNumbers.Number(criterion.Weight),
            Min = FormNumbers.Number(criterion.Min),
            Max = FormNumbers.Number(criterion.Max),
            Descriptors = string.Join('\n', criterion.Descriptors),
        };

        public Criterion? Read(string id, IEnumerable<string> otherKeys, FormErrors errors)
        {
            // Cleaned as every typed text is: the rules are published, and an invisible character must not change how they read.
            var title = FreeText.CleanLine(Title);
            if (title.Length == 0) errors.Add(id + "title", "Enter the criterion's title");
            var key = (Key ?? "").Trim();
            if (key.Length > 0 && !KeyPattern().IsMatch(key))
                errors.Add(id + "key", "The key must use only letters, numbers and hyphens, like need or local-need");
            if (!FormNumbers.TryNumber(Weight, out var weight)) errors.Add(id + "weight", "Enter the weight as a number, like 2");
            if (!FormNumbers.TryWhole(Min, out var min)) errors.Add(id + "min", "Enter the lowest score as a whole number, like 0");
            if (!FormNumbers.TryWhole(Max, out var max)) errors.Add(id + "max", "Enter the highest score as a whole number, like 4");
            if (errors.Any) return null;
            return new Criterion(key.Length > 0 ? key : KeyFrom(title, otherKeys), title, weight, min, max)
            {
                Guidance = FreeText.Clean(Guidance),
                Descriptors = [.. FreeText.Clean(Descriptors).Split('\n').Select(FreeText.CleanLine).Where(line => line.Length > 0)],
            };
        }
    }

    public sealed class RuleInput
    {
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? Amount { get; set; }
        public IList<string> IncomeBands { get; set; } = [];
        public IList<string> Flags { get; set; } = [];

        public static RuleInput From(EquityRule rule) => new()
        {
            Kind = rule.Kind.ToString(),
            Name = rule.Name,
            Amount = FormNumbers.Number(rule.Kind == EquityRuleKind.Multiplier ? rule.Factor : rule.Points),
            IncomeBands = [.. rule.When.IncomeBands ?? []],
            Flags = [.. rule.When.Flags ?? []],
        };

        public EquityRule? Read(string id, FormErrors errors)
        {
            EquityRuleKind? kind = Enum.TryParse<EquityRuleKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
            if (kind is null) errors.Add(id + "kind", "Select whether the rule multiplies the score or adds points to it");
            var name = FreeText.CleanLine(Name);
            if (name.Length == 0) errors.Add(id + "name", "Enter a name for the rule that applicants will understand");
            if (!FormNumbers.TryNumber(Amount, out var amount))
                errors.Add(id + "amount", kind == EquityRuleKind.Bonus ? "Enter the points as a number, like 5" : "Enter the multiplier as a number, like 1.2");
            if (errors.Any) return null;
            var when = ConditionOf([.. IncomeBands], [.. Flags]);
            return kind == EquityRuleKind.Bonus ? EquityRule.Bonus(name, when, amount) : EquityRule.Multiplier(name, when, amount);
        }
    }

    public sealed class PotInput
    {
        public string? Name { get; set; }
        public string? Key { get; set; }
        public string? Share { get; set; }
        public IList<string> IncomeBands { get; set; } = [];
        public IList<string> Flags { get; set; } = [];

        public static PotInput From(RingFencedPot pot) => new()
        {
            Name = pot.Name,
            Key = pot.Key,
            Share = FormNumbers.Percent(pot.Share),
            IncomeBands = [.. pot.When.IncomeBands ?? []],
            Flags = [.. pot.When.Flags ?? []],
        };

        public RingFencedPot? Read(string id, IEnumerable<string> otherKeys, FormErrors errors)
        {
            var name = FreeText.CleanLine(Name);
            if (name.Length == 0) errors.Add(id + "name", "Enter the pot's name");
            var key = (Key ?? "").Trim();
            if (key.Length > 0 && !KeyPattern().IsMatch(key))
                errors.Add(id + "key", "The key must use only letters, numbers and hyphens, like micro or lived-experience");
            if (FormNumbers.IsBlank(Share)) errors.Add(id + "share", "Enter the pot's share of the budget, as a percentage");
            else if (!FormNumbers.TryPercent(Share, out _)) errors.Add(id + "share", "Enter the share as a percentage of the budget, like 15");
            if (errors.Any) return null;
            FormNumbers.TryPercent(Share, out var share);
            return new RingFencedPot(key.Length > 0 ? key : KeyFrom(name, otherKeys.Append(RoundSettings.GeneralPotKey)), name, share, ConditionOf([.. IncomeBands], [.. Flags]));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex KeyPattern();

    public sealed record EditView(
        string Reference, string Name, RoundState State, string StateInWords, Guid Version, PublicRound? Fixed,
        IReadOnlyList<CriterionInput> Criteria, IReadOnlyList<RuleInput> Rules, IReadOnlyList<PotInput> Pots, IReadOnlyList<Choice> Bands,
        IReadOnlyList<string> CriterionTitles, IReadOnlyList<string> RuleDescriptions, IReadOnlyList<string> PotDescriptions);
}
