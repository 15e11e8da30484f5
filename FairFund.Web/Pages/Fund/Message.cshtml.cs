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
/// The fund manager writes to one group (<c>?to=group&amp;application=…</c>), to every group the applications list's
/// filter finds (<c>?to=groups</c> and the list's own query), or to the round's panel (<c>?to=panel</c>). Each
/// message is kept on the application's record (a group's) or the round's (the panel's) with who and when, and goes
/// through the outbox in the same save, once to each person; replies go to the funder's reply-to address.
/// </summary>
public sealed class MessageModel(FairFundDbContext db, Mailer mailer, MailLinks links, TimeProvider time) : PageModel
{
    public const string ToGroup = "group";
    public const string ToGroups = "groups";
    public const string ToPanel = "panel";

    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "application")] public string? ApplicationReference { get; set; }
    [BindProperty(SupportsGet = true, Name = "search")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "state")] public List<string> States { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "band")] public string? Band { get; set; }
    [BindProperty(SupportsGet = true, Name = "area")] public string? Area { get; set; }
    [BindProperty(SupportsGet = true, Name = "flag")] public List<string> Flags { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "amountFrom")] public string? AmountFrom { get; set; }
    [BindProperty(SupportsGet = true, Name = "amountTo")] public string? AmountTo { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "order")] public string? Order { get; set; }

    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }

    public FormErrors Errors { get; } = new();

    public string RoundReference { get; private set; } = "";
    public string RoundName { get; private set; } = "";

    /// <summary>Who the message goes to, in words: "Foleshill Peer Support, about CW-…-0001", "the 12 groups the filter finds".</summary>
    public string Recipients { get; private set; } = "";

    /// <summary>How many people will be emailed.</summary>
    public int People { get; private set; }

    /// <summary>Why nothing can be sent from here, when nothing can: nobody to write to, or a filter that cannot be read.</summary>
    public string? Refusal { get; private set; }

    /// <summary>After sending: what was sent to whom.</summary>
    public string? Sent { get; private set; }

    public const string SentKey = "MessageSent";

    /// <summary>The messages already on the record this one joins: the application's, or the round's for the panel.</summary>
    public IReadOnlyList<SentMessageView> Earlier { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken) is not { } round) return NotFound();
        Sent = TempData[SentKey] as string;
        if (await AudienceAsync(round, cancellationToken) is null) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken) is not { } round) return NotFound();
        if (await AudienceAsync(round, cancellationToken) is not { } audience) return NotFound();
        foreach (var problem in FundMessage.Check(Subject, Body)) Errors.Add(problem.Location, problem.Message);
        if (Errors.Any || Refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = time.GetUtcNow();
        var actor = Apply.GrantRecords.ActorOf(User);
        var batch = Guid.NewGuid();
        var subject = Subject!;
        var body = Body!;
        if (audience.Panel.Count > 0 || To == ToPanel)
        {
            var message = FundMessage.ToPanel(Guid.NewGuid(), round.Id, subject, body, now, actor);
            db.FundMessages.Add(message);
            foreach (var member in audience.Panel)
            {
                var mail = new FundMessageMail(null, message.Subject, $"the panel for {round.Name}", message.Body, links.To(Url, "/Panel/Round", new { reference = round.Reference }), "Go to the panel's page for this round");
                await mailer.QueueAsync<FundMessageEmail, FundMessageMail>(member, mail, round.Reference, $"message:{message.Id:N}:{member.ToLowerInvariant()}", cancellationToken);
            }
        }
        else
        {
            var people = await GroupAddresses.OfAsync(db, [.. audience.Applications.Select(application => application.GroupId).Distinct()], cancellationToken);
            foreach (var application in audience.Applications)
            {
                var message = FundMessage.ToGroup(Guid.NewGuid(), batch, round.Id, application.Id, subject, body, now, actor);
                db.FundMessages.Add(message);
                foreach (var person in people[application.GroupId])
                {
                    var mail = new FundMessageMail(person.Name, message.Subject, $"your application {application.Reference} to {round.Name}", message.Body,
                        links.StatusPage(Url, application.Reference), "See your application");
                    await mailer.QueueAsync<FundMessageEmail, FundMessageMail>(person.Email, mail, application.Reference, $"message:{message.Id:N}:{person.Email.ToLowerInvariant()}", cancellationToken);
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        TempData[SentKey] = $"Your message “{FairFund.Domain.Validation.FreeText.CleanLine(subject)}” was sent to {Recipients}.";
        return Redirect(Request.Path + Request.QueryString);
    }

    /// <summary>Who the message goes to; null when what was asked for does not exist (not found).</summary>
    private async Task<Audience?> AudienceAsync(Round round, CancellationToken cancellationToken)
    {
        (RoundReference, RoundName) = (round.Reference, round.Name);
        switch (To)
        {
            case ToGroup:
            {
                var reference = (ApplicationReference ?? "").Trim();
                var found = await db.Applications.AsNoTracking().Where(a => a.RoundId == round.Id && a.Reference == reference)
                    .Join(db.Organisations, a => a.OrganisationId, g => g.Id, (a, g) => new { a.Id, a.Reference, GroupId = g.Id, g.Name }).SingleOrDefaultAsync(cancellationToken);
                if (found is null) return null;
                Recipients = $"{found.Name}, about {found.Reference}";
                People = (await GroupAddresses.OfAsync(db, [found.GroupId], cancellationToken))[found.GroupId].Count();
                if (People == 0) Refusal = "Nobody in this group has an account to write to.";
                Earlier = await SentMessages.ToApplicationAsync(db, found.Id, cancellationToken);
                return new Audience([new Recipient(found.Id, found.Reference, found.GroupId)], []);
            }
            case ToGroups:
            {
                var filter = ApplicationsModel.ReadFilter(Search, States, Band, Area, Flags, AmountFrom, AmountTo, Sort, Order, null, round.Rules.IncomeBands, Errors);
                if (Errors.Any)
                {
                    Refusal = "The list's filter cannot be read, so there is nobody to write to. Go back to the list and filter it again.";
                    return new Audience([], []);
                }
                var rows = await new ApplicationList(db).AllAsync(round.Id, round.Rules.IncomeBands, filter, cancellationToken);
                Recipients = filter.Narrows ? $"the {rows.Count} {(rows.Count == 1 ? "group" : "groups")} the list's filter finds" : $"all {rows.Count} {(rows.Count == 1 ? "group" : "groups")} with an application";
                People = (await GroupAddresses.OfAsync(db, [.. rows.Select(row => row.GroupId).Distinct()], cancellationToken)).Sum(group => group.Count());
                if (rows.Count == 0) Refusal = "The list's filter finds no applications, so there is nobody to write to.";
                return new Audience([.. rows.Select(row => new Recipient(row.Id, row.Reference, row.GroupId))], []);
            }
            case ToPanel:
            {
                var members = await db.PanelMembers.AsNoTracking().Where(m => m.RoundId == round.Id && m.UserName != null).Select(m => m.Email).ToListAsync(cancellationToken);
                Recipients = $"the panel ({members.Count} {(members.Count == 1 ? "member" : "members")})";
                People = members.Count;
                if (members.Count == 0) Refusal = "Nobody has joined this round's panel yet, so there is nobody to write to.";
                Earlier = await SentMessages.ToPanelAsync(db, round.Id, cancellationToken);
                return new Audience([], members);
            }
            default:
                return null;
        }
    }

    private sealed record Recipient(Guid Id, string Reference, Guid GroupId);

    private sealed record Audience(IReadOnlyList<Recipient> Applications, IReadOnlyList<string> Panel);
}
