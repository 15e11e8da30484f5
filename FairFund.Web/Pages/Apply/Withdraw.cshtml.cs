using System.Security.Claims;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// The group withdraws its application, after confirming (GOV.UK: ask before something that cannot be
/// undone), with an optional reason. Only before a decision, as the application's lifecycle allows; a
/// refusal says why in words. The withdrawal applies only to the version of the application the person
/// was looking at, so a change the fund team made in the meantime is never overtaken unseen.
/// </summary>
public sealed class WithdrawModel(FairFundDbContext db, ApplicantRecords records, TimeProvider time) : PageModel
{
    public static int ReasonCharacters => Application.WithdrawalReasonLimit.Characters;
    public const string ReasonFieldId = "reason";

    [BindProperty]
    public WithdrawInput Input { get; set; } = new();

    public WithdrawView View { get; private set; } = null!;

    public FormErrors Errors { get; } = new();

    /// <summary>The application changed after the person opened this page, so it was not withdrawn.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    /// <summary>Why the application cannot be withdrawn now, or why nothing was withdrawn this time; null when it can be.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        Show(own);
        Input = new WithdrawInput { Version = db.VersionOf(own.Application) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        var application = own.Application;

        // Act only on the version the person confirmed: if the application changed since, they see it as it is now.
        if (!db.IsStillAt(application, Input.Version)) return Changed(own);

        var reason = FreeText.Clean(Input.Reason);
        if (Application.CheckWithdrawalReason(reason) is { } problem)
        {
            Errors.Add(ReasonFieldId, problem.Message);
            Show(own);
            return Page();
        }

        try
        {
            application.Withdraw(time.GetUtcNow(), ActorOf(User), reason.Length == 0 ? null : reason);
        }
        catch (DomainRuleException)
        {
            // The application's own refusal, in words, is what Show puts on the page.
            db.ChangeTracker.Clear();
            var fresh = await records.FindAsync(User, reference, cancellationToken);
            if (fresh is null) return NotFound();
            Show(fresh);
            return Page();
        }
        if (await db.SaveOverAsync(application, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile)
        {
            var fresh = await records.FindAsync(User, reference, cancellationToken);
            if (fresh is null) return NotFound();
            return Changed(fresh);
        }
        TempData[StatusModel.WithdrawnKey] = "Your application has been withdrawn";
        return RedirectToPage("/Apply/Status", new { reference });
    }

    /// <summary>The one outcome of a save that lost to another (docs/edit-conflicts.md): the reason typed stays in the form.</summary>
    private PageResult Changed(OwnApplication own)
    {
        Show(own);
        Input = new WithdrawInput { Reason = Input.Reason, Version = db.VersionOf(own.Application) };
        ModelState.Clear();
        ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "Your application", "withdraw it again");
        return Page();
    }

    private void Show(OwnApplication own)
    {
        var (application, round) = own;
        var whyNot = application.WhyGroupCannotWithdraw(round.State);
        View = new WithdrawView(application.Reference, round.Name, application.Title, ApplicantWords.Tag(Application.StateForGroup(application.State, round.State)), whyNot.Count == 0);
        if (whyNot.Count == 0) return;
        Refusal = $"This application cannot be withdrawn: {string.Join("; ", whyNot)}.";
        if (application.State != ApplicationState.Withdrawn) Refusal += " If your group's plans have changed, contact the fund team.";
    }

    /// <summary>Who withdrew it, as the history records people: by email address, as they sign in.</summary>
    private static string ActorOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

    public sealed class WithdrawInput
    {
        public string? Reason { get; set; }
        public Guid Version { get; set; }
    }

    public sealed record WithdrawView(string Reference, string RoundName, string Title, StatusTag Status, bool CanWithdraw);
}
