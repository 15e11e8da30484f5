using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Messages;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using FairFund.Web.Deadlines;
using FairFund.Web.Email;
using FairFund.Web.Email.Templates;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// While a round is screened, the fund manager asks a group for more information about its application; the group is
/// emailed through the outbox and answers on its status page, and the question and answer are kept with the
/// application, each with who and when.
/// </summary>
public sealed class AskForInformationModel(FairFundDbContext db, Mailer mailer, MailLinks links, TimeProvider time) : PageModel
{
    public const string AskedKey = "InformationAsked";

    [BindProperty] public string? Question { get; set; }

    public FormErrors Errors { get; } = new();

    public AskView View { get; private set; } = null!;

    public string? Asked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, applicationReference, cancellationToken) is not ({ } round, { } application)) return NotFound();
        Asked = TempData[AskedKey] as string;
        await ShowAsync(round, application, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, applicationReference, cancellationToken) is not ({ } round, { } application)) return NotFound();
        if (InformationRequest.WhyCannotAsk(round.State, application.State) is { } closed) Errors.Add("question", closed);
        else if (InformationRequest.CheckQuestion(Question) is { } problem) Errors.Add(problem.Location, problem.Message);
        if (Errors.Any)
        {
            await ShowAsync(round, application, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var request = InformationRequest.Ask(Guid.NewGuid(), application.Id, round.State, application.State, Question!, time.GetUtcNow(), Apply.GrantRecords.ActorOf(User));
        db.InformationRequests.Add(request);
        foreach (var person in (await GroupAddresses.OfAsync(db, [application.OrganisationId], cancellationToken))[application.OrganisationId])
        {
            var mail = new InformationRequestMail(person.Name, application.Reference, request.Question, links.StatusPage(Url, application.Reference));
            await mailer.QueueAsync<InformationRequestEmail, InformationRequestMail>(person.Email, mail, application.Reference, $"information:{request.Id:N}:{person.Email.ToLowerInvariant()}", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        TempData[AskedKey] = "Your question was sent to the group. Its answer will appear here and on the application's page.";
        return RedirectToPage(new { reference, applicationReference });
    }

    private async Task<(Round?, Application?)> LoadAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return (null, null);
        return (round, await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.RoundId == round.Id && a.Reference == applicationReference, cancellationToken));
    }

    private async Task ShowAsync(Round round, Application application, CancellationToken cancellationToken)
    {
        var group = await db.Organisations.AsNoTracking().Where(g => g.Id == application.OrganisationId).Select(g => g.Name).SingleAsync(cancellationToken);
        var requests = await InformationRequests.OfAsync(db, application.Id, cancellationToken);
        View = new AskView(round.Reference, round.Name, application.Reference, group, InformationRequest.WhyCannotAsk(round.State, application.State), requests);
    }

    public sealed record AskView(string RoundReference, string RoundName, string Reference, string Group, string? WhyNot, IReadOnlyList<InformationRequestView> Requests);
}

/// <summary>A question asked of a group and its answer, as a page shows them, in UK time.</summary>
public sealed record InformationRequestView(Guid Id, string Question, string AskedBy, string AskedAt, string? Answer, string? AnsweredBy, string? AnsweredAt);

public static class InformationRequests
{
    /// <summary>An application's questions and answers, oldest first (ordered here: SQLite cannot order by a DateTimeOffset).</summary>
    public static async Task<IReadOnlyList<InformationRequestView>> OfAsync(FairFundDbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var requests = await db.InformationRequests.AsNoTracking().Where(r => r.ApplicationId == applicationId).ToListAsync(cancellationToken);
        return [.. requests.OrderBy(r => r.AskedAt).Select(r => new InformationRequestView(r.Id, r.Question, r.AskedBy, UkTime.Format(r.AskedAt), r.Answer, r.AnsweredBy,
            r.AnsweredAt is { } at ? UkTime.Format(at) : null))];
    }
}
