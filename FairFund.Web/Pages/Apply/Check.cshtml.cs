using System.Security.Claims;
using FairFund.Domain.Auditing;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Email;
using FairFund.Web.Email.Templates;
using FairFund.Web.Forms;
using FairFund.Web.Pages.Shared;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using static FairFund.Web.Pages.Shared.AnswerRows;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// Check your answers, then send (the GOV.UK check answers pattern): the group's details and every answer,
/// each with a way to change it; what still needs doing, linked to where to do it; and the declaration and
/// button that send the application. Sending counts when it reaches the server before the round's closing
/// instant, and is safe to repeat: a second press, a retried request or a second tab finds it already sent.
/// </summary>
[EnableRateLimiting(SendLimits.Policy)]
public sealed class CheckModel(FairFundDbContext db, ApplicantRecords records, UserManager<IdentityUser> users, Mailer mailer, MailLinks links, TimeProvider time) : PageModel
{
    public string Reference { get; private set; } = "";

    /// <summary>The application changed while it was being sent, so it was not sent.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }
    public string RoundName { get; private set; } = "";
    public Deadline Deadline { get; private set; } = null!;
    public string GroupName { get; private set; } = "";
    public IReadOnlyList<Row> Group { get; private set; } = [];
    public IReadOnlyList<Section> Sections { get; private set; } = [];

    /// <summary>What must still be done before the application can be sent, each linked to where to do it.</summary>
    public IReadOnlyList<ToDo> Problems { get; private set; } = [];

    /// <summary>Why pressing "Send application" did not send it.</summary>
    public IReadOnlyList<string> NotSent { get; private set; } = [];

    /// <summary>The round is taking applications, so the button to send is shown.</summary>
    public bool RoundTakesApplications { get; private set; }

    public bool CanSend => !IsSent && Problems.Count == 0 && RoundTakesApplications;

    /// <summary>The application has been sent: the page shows what was sent, with nothing to change.</summary>
    public bool IsSent { get; private set; }

    /// <summary>When it was sent, in UK time.</summary>
    public string? SentAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await CloseDueRoundsAsync(now, cancellationToken);
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        await ShowAsync(own, now, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        // The instant the request reached the server is the one that counts, however long the rest takes.
        var now = time.GetUtcNow();
        await CloseDueRoundsAsync(now, cancellationToken);
        var own = await records.FindAsync(User, reference, cancellationToken);
        if (own is null) return NotFound();
        var application = own.Application;
        if (application.SubmittedAt is not null) return Sent(reference);
        if (application.State != ApplicationState.Draft) return RedirectToPage("/Apply/Status", new { reference });

        await ShowAsync(own, now, cancellationToken);
        var window = own.WindowAt(now);
        if (!window.IsOpen) return NotSentBecause(Deadline.HasPassed
            ? $"This round closed at {Deadline.Closes} (UK time). Your application was not sent. Your answers are kept, so you can still see them here, but the round cannot take any more applications."
            : "This round is not taking applications at the moment, so your application was not sent. Your answers are kept.");
        if (Problems.Any(problem => problem.IsAboutTheGroup))
            return NotSentBecause("Your application was not sent, because your group's details need updating first. Your answers are kept.");
        if (Problems.Count > 0)
            return NotSentBecause("Your application was not sent, because some questions still need answers. Your answers are kept.");

        var loaded = db.VersionOf(application);
        var actor = await users.GetEmailAsync((await users.GetUserAsync(User))!) ?? users.GetUserName(User) ?? "applicant";
        try
        {
            own.Submit(now, actor);
        }
        catch (DomainRuleException refused)
        {
            db.ChangeTracker.Clear();
            return NotSentBecause(refused.Message);
        }
        // Sent to the person who pressed the button, saved with the submission: either both happen or neither.
        var received = new ApplicationReceivedMail(User.FindFirstValue(AccountMail.NameClaim), GroupName, RoundName, application.Reference,
            UkTime.Format(application.SubmittedAt!.Value), links.StatusPage(Url, application.Reference));
        await mailer.QueueAsync<ApplicationReceived, ApplicationReceivedMail>(actor, received, application.Reference, $"received:{application.Id}", cancellationToken);

        if (await db.SaveOverAsync(application, loaded, cancellationToken) == EditSave.ChangedMeanwhile)
        {
            // Another request changed the application between loading and saving: most likely the same
            // person's other press of the button, which sent it. If so, that one stands and this is success.
            var fresh = await records.FindAsync(User, reference, cancellationToken);
            if (fresh is null) return NotFound();
            if (fresh.Application.SubmittedAt is not null) return Sent(reference);
            await ShowAsync(fresh, now, cancellationToken);
            ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "This application", "send it again");
            return Page();
        }
        return Sent(reference);
    }

    private RedirectToPageResult Sent(string reference) => RedirectToPage("/Apply/Sent", new { reference });

    private PageResult NotSentBecause(string why)
    {
        NotSent = [why];
        return Page();
    }

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

    private async Task ShowAsync(OwnApplication own, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (application, round) = own;
        IsSent = application.State != ApplicationState.Draft;
        SentAt = application.SubmittedAt is { } sent ? UkTime.Format(sent) : null;
        var group = await db.Organisations.AsNoTracking().FirstAsync(group => group.Id == application.OrganisationId, cancellationToken);
        var today = DateOnly.FromDateTime(UkTime.From(now).DateTime);
        Reference = application.Reference;
        RoundName = round.Name;
        Deadline = Deadline.For(own, now);
        RoundTakesApplications = own.WindowAt(now).IsOpen;
        GroupName = group.Name;
        Group = GroupRows(group, IsSent ? null : Url.Page("/Apply/Organisation", new { returnTo = Reference }));
        var documentsHref = IsSent ? null : Url.Page("/Apply/Documents", new { reference = Reference });
        IReadOnlyList<Row> documents = application.Documents.Count == 0
            ? [new Row("Supporting documents", ["None"], documentsHref)]
            : [.. application.Documents.Select(document => new Row(document.FileName, [DocumentSize(document.SizeInBytes)], documentsHref))];
        var form = own.Form;
        var shownSections = own.Sections;
        Sections = [.. shownSections.Select(section => new Section(section.Title, RowsOf(own, section, IsSent ? null : ChangeHref(section), documents)))];
        if (IsSent) return;
        Problems =
        [
            .. group.Check(today).Select(problem => new ToDo("Your group's details", problem.Message, Url.Page("/Apply/Organisation")!, true)),
            .. shownSections.SelectMany(section => own.Check(section.Key).Select(problem =>
                new ToDo(section.Title, problem.Message, $"{ChangeHref(section)}#{SectionPages.FieldIdOf(form, problem.Location)}", false))),
        ];
    }

    /// <summary>
    /// One section's answers: in its own page's words for a default task the form has unchanged, otherwise as the
    /// form asks them; with the documents, where the section asks for them.
    /// </summary>
    private static List<Row> RowsOf(OwnApplication own, FormSection section, string? change, IReadOnlyList<Row> documents)
    {
        var rows = SectionPages.TaskOf(section) is { } task
            ? AnswerRows.For(own.Application, task, change)
            : AnswerRows.For(own.Form, section, own.Application.Answers, change);
        var shown = own.Form.ShownQuestions(own.Application.Answers);
        if (section.Questions.Any(question => question.Kind == QuestionKind.Documents && shown.Contains(question.Key))) rows.AddRange(documents);
        return rows;
    }

    private string ChangeHref(FormSection section) => SectionPages.Href(Url, section, Reference, returnToCheck: true);

    /// <summary>Something that must be done before sending, and where to do it.</summary>
    public sealed record ToDo(string Part, string Message, string Href, bool IsAboutTheGroup);
}
