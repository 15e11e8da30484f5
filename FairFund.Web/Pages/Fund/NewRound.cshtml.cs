using System.Text.RegularExpressions;
using FairFund.Domain.Allocation;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Starts a new round as a draft: its reference, details and the choices that shape the allocation.
/// Criteria, equity rules and ring-fenced pots are added on the edit page it leads to.
/// </summary>
public sealed partial class NewRoundModel(FairFundDbContext db) : PageModel
{
    public const string ExampleCriteria = "example";
    public const string NoCriteria = "none";

    [BindProperty]
    public NewInput Input { get; set; } = new();

    [BindProperty]
    public RoundDetailsInput Details { get; set; } = RoundDetailsInput.Defaults();

    public FormErrors Errors { get; } = new();

    public IReadOnlyList<Criterion> Examples { get; } = DemoCriteria.Value;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var reference = (Input.Reference ?? "").Trim();
        if (reference.Length == 0) Errors.Add("reference", "Enter a reference for the round");
        else if (reference.Length > 60 || !ReferencePattern().IsMatch(reference))
            Errors.Add("reference", "The reference must be 60 characters or fewer and use only letters, numbers and hyphens, like CW-MH-2027-R2");
        // References are compared without regard to case, so two rounds can never be told apart by case alone.
        else if (await db.Rounds.AnyAsync(SameReference(reference), cancellationToken))
            Errors.Add("reference", Taken(reference));

        if (Input.StartWith is not (ExampleCriteria or NoCriteria)) Errors.Add("start-with", "Select which criteria to start with");

        var details = Details.Read(Errors);
        if (details is null || Errors.Any) return Page();

        var rules = details.ApplyTo(new RoundSettings(reference, details.Name, "GBP", details.Budget, Seed: "",
            Input.StartWith == ExampleCriteria ? Examples : [], details.Aggregation, details.MinReviews, details.Threshold, details.LotteryBand,
            details.GrantMin, details.GrantMax, details.WhenTooBig, details.PartialMinFraction, IncomeBands.Default, Rules: [], Pots: [], details.Rollover));
        foreach (var problem in RoundProblems.Of(rules)) Errors.Add(problem);
        if (Errors.Any) return Page();

        db.Rounds.Add(new Round(Guid.NewGuid(), reference, details.Name, details.Purpose, details.OpensAt, details.ClosesAt, rules));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone else took the reference between the check and the save.
            db.ChangeTracker.Clear();
            if (!await db.Rounds.AnyAsync(SameReference(reference), cancellationToken)) throw;
            Errors.Add("reference", Taken(reference));
            return Page();
        }
        return RedirectToPage("/Fund/EditRound", new { reference });
    }

    /// <summary>A round whose reference is this one in any case: references are letters, digits and hyphens, so capitals compare them alike on every database.</summary>
    internal static System.Linq.Expressions.Expression<Func<Round, bool>> SameReference(string reference)
    {
        var inCapitals = reference.ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // SQL's upper(), run by the database, where no .NET culture or comparison applies.
        return round => round.Reference.ToUpper() == inCapitals;
#pragma warning restore CA1304, CA1311, CA1862
    }

    internal static string Taken(string reference) => $"There is already a round with the reference {reference}; enter a different reference";

    /// <summary>The demo round's four criteria, offered as a starting point that the fund manager then changes.</summary>
    private static readonly Lazy<IReadOnlyList<Criterion>> DemoCriteria = new(() =>
        DemoData.ReadDemoRound(System.IO.File.ReadAllBytes(Path.Combine(DemoData.DemoFolder, "round.json")), DateTimeOffset.UnixEpoch).Rules.Criteria);

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    internal static partial Regex ReferencePattern();

    public sealed class NewInput
    {
        public string? Reference { get; set; }
        public string? StartWith { get; set; } = ExampleCriteria;
    }
}
