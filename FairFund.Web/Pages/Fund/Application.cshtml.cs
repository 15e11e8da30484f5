using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Pages.Shared;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// One sent application as its fund manager sees it: the group, every answer and document, the automatic
/// checks, its history, and while the round is being screened, the screening decision. A decision applies only
/// to the version of the application the fund manager was looking at, so a change made meanwhile (another
/// fund manager's decision, the group withdrawing) is never overtaken unseen.
/// </summary>
public sealed class ApplicationModel(FairFundDbContext db, IOptions<Funder> funder, TimeProvider time) : PageModel
{
    public const string DecisionFieldId = "decision";
    public const string ReasonFieldId = "reason";
    public const string Eligible = "eligible";
    public const string NotEligible = "not-eligible";
    public static int ReasonCharacters => Application.IneligibleReasonLimit.Characters;
    public const string SavedKey = "ScreeningSaved";

    [BindProperty]
    public ScreeningInput Input { get; set; } = new();

    public ApplicationView View { get; private set; } = null!;

    public FormErrors Errors { get; } = new();

    /// <summary>Why the decision was not saved, when it is not about one field: a rule, or someone else's change.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The application changed after the fund manager opened this page, so the decision was not saved.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    /// <summary>What the last decision did, shown once after it was saved.</summary>
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await CloseDueRoundsAsync(now, cancellationToken);
        if (await LoadAsync(reference, applicationReference, cancellationToken) is not ({ } round, { } application)) return NotFound();
        await ShowAsync(round, application, now, cancellationToken);
        Input = new ScreeningInput
        {
            Decision = application.State switch { ApplicationState.Eligible => Eligible, ApplicationState.Ineligible => NotEligible, _ => null },
            Reason = application.IneligibleReason,
            Version = db.VersionOf(application),
        };
        Saved = TempData[SavedKey] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await LoadAsync(reference, applicationReference, cancellationToken) is not ({ } round, { } application)) return NotFound();

        // Act only on the version the fund manager was looking at: if it changed since, they see it as it is now.
        if (!db.IsStillAt(application, Input.Version)) return await ChangedAsync(round, application, now, cancellationToken);

        if (Round.WhyScreeningIsClosed(round.State) is { } closed)
            return await RefusedAsync(round, application, now, $"{closed}, so nothing was saved.", cancellationToken);

        ScreeningDecision? decision = Input.Decision switch { Eligible => ScreeningDecision.Eligible, NotEligible => ScreeningDecision.NotEligible, _ => null };
        if (decision is null) Errors.Add(DecisionFieldId, "Select whether the application is eligible or not eligible");
        else foreach (var problem in application.CheckScreening(decision.Value, Input.Reason)) Errors.Add(ReasonFieldId, problem.Message);
        if (Errors.Any) return await RefusedAsync(round, application, now, null, cancellationToken);

        var eligible = decision == ScreeningDecision.Eligible;
        try
        {
            if (!application.Screen(decision!.Value, Input.Reason, round.State, now, ActorOf()))
                return Done(reference, applicationReference, $"No change: {application.Reference} was already {(eligible ? "eligible" : "not eligible")}");
        }
        catch (DomainRuleException refused)
        {
            db.ChangeTracker.Clear();
            if (await LoadAsync(reference, applicationReference, cancellationToken) is not ({ } freshRound, { } fresh)) return NotFound();
            return await RefusedAsync(freshRound, fresh, now, refused.Message, cancellationToken);
        }
        if (await db.SaveOverAsync(application, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile)
        {
            if (await LoadAsync(reference, applicationReference, cancellationToken) is not ({ } freshRound, { } fresh)) return NotFound();
            return await ChangedAsync(freshRound, fresh, now, cancellationToken);
        }
        return Done(reference, applicationReference, $"{application.Reference} is marked {(eligible ? "eligible" : "not eligible")}");
    }

    private RedirectToPageResult Done(string reference, string applicationReference, string message)
    {
        TempData[SavedKey] = message;
        return RedirectToPage(new { reference, applicationReference });
    }

    private async Task<PageResult> RefusedAsync(Round round, Application application, DateTimeOffset now, string? refusal, CancellationToken cancellationToken)
    {
        Refusal = refusal;
        await ShowAsync(round, application, now, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The one outcome of a save that lost to another (docs/edit-conflicts.md): the application as it is now, with its history, and what was chosen and written kept.</summary>
    private async Task<PageResult> ChangedAsync(Round round, Application application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ShowAsync(round, application, now, cancellationToken);
        Input = new ScreeningInput { Decision = Input.Decision, Reason = Input.Reason, Version = db.VersionOf(application) };
        ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "This application", "make your decision again");
        return Page();
    }

    /// <summary>The round and one of its sent applications; null for a draft, which is still the group's own, or one of another round.</summary>
    private async Task<(Round Round, Application Application)?> LoadAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return null;
        var application = await db.Applications.SingleOrDefaultAsync(
            a => a.Reference == applicationReference && a.RoundId == round.Id && a.State != ApplicationState.Draft, cancellationToken);
        return application is null ? null : (round, application);
    }

    private async Task ShowAsync(Round round, Application application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var group = await db.Organisations.AsNoTracking().FirstAsync(g => g.Id == application.OrganisationId, cancellationToken);
        var whyNoDecision = application.WhyCannotBeScreened(round.State) is { } why ? why + "." : null;

        View = new ApplicationView(
            round.Reference, round.Name, application.Reference, application.Title, group.Name,
            application.SubmittedAt is { } sent ? UkTime.Format(sent) : "", Money.Pounds(application.AmountRequested),
            Screening.Decision(application.State), application.State == ApplicationState.Ineligible ? application.IneligibleReason : null,
            Screening.ChecksFor(application, group, round, funder.Value.AreaOfBenefit, now),
            whyNoDecision,
            AnswerRows.GroupRows(group, null),
            // The answers as the round's form asks them: every section and question shown for them, a conditional one included.
            FormAnswersView.Of(round.Form, FormAnswers.Of(application)),
            [.. application.Documents.Select(document => new DocumentLink(document.FileName, AnswerRows.DocumentSize(document.SizeInBytes),
                Url.Page("/Fund/ApplicationDocument", new { reference = application.Reference, id = document.Id })!))],
            [.. application.History.OrderByDescending(change => change.At)]);
        Messages = await SentMessages.ToApplicationAsync(db, application.Id, cancellationToken);
        Requests = await InformationRequests.OfAsync(db, application.Id, cancellationToken);
        CanAskForInformation = FairFund.Domain.Messages.InformationRequest.WhyCannotAsk(round.State, application.State) is null;
    }

    /// <summary>The messages the fund wrote to the group about this application, oldest first.</summary>
    public IReadOnlyList<SentMessageView> Messages { get; private set; } = [];

    /// <summary>The questions asked of the group during screening, with its answers.</summary>
    public IReadOnlyList<InformationRequestView> Requests { get; private set; } = [];

    public bool CanAskForInformation { get; private set; }

    /// <summary>As every page that loads a round does, so that a round is never seen open after its closing instant.</summary>
    private async Task CloseDueRoundsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await RoundClock.CloseDueRoundsAsync(db, now, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request (or the background clock) closed the round in the same instant.
            db.ChangeTracker.Clear();
        }
    }

    private string ActorOf() => User.Identity?.Name ?? "unknown";

    public sealed class ScreeningInput
    {
        public string? Decision { get; set; }
        public string? Reason { get; set; }
        public Guid Version { get; set; }
    }

    public sealed record DocumentLink(string FileName, string Size, string Href);

    public sealed record ApplicationView(
        string RoundReference, string RoundName, string Reference, string Title, string GroupName, string SentAt, string Amount,
        StatusTag Decision, string? IneligibleReason, IReadOnlyList<EligibilityCheck> Checks,
        string? WhyNoDecision, IReadOnlyList<AnswerRows.Row> Group, FormAnswersView Answers,
        IReadOnlyList<DocumentLink> Documents, IReadOnlyList<StateChange> History)
    {
        public bool CanDecide => WhyNoDecision is null;
    }
}
