using System.Globalization;
using FairFund.Domain.Applications;
using FairFund.Domain.Auditing;
using FairFund.Domain.Forms;
using FairFund.Domain.Reviews;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using FairFund.Web.Conflicts;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Panel;

/// <summary>
/// One application a panel member was given, in the order the review goes: first the question whether they
/// have a conflict of interest, showing only what is needed to judge it; then the answers, read-only, and the
/// rubric, saved as a draft or submitted explicitly; once submitted, their scores beside the other members'
/// (unnamed) and the spread, with a form to change their scores while scoring is open. Other members' scores
/// appear only after the member's own submission, and a member with a conflict sees nothing of the application.
/// Every save goes through the review's intent methods, over the version the member was looking at.
/// </summary>
public sealed class ReviewModel(FairFundDbContext db, PanelRecords records, TimeProvider time) : PageModel
{
    public const string DraftAction = "draft";
    public const string SubmitAction = "submit";
    public const string CommentId = "comment-for-applicant";
    public const string NoteId = "note-for-panel";
    private const string SavedKey = "PanelReviewSaved";

    [BindProperty]
    public ConflictInput Declaration { get; set; } = new();

    [BindProperty]
    public SheetInput Sheet { get; set; } = new();

    /// <summary>The review's version when the page was shown, so that a save can tell whether it is still current.</summary>
    [BindProperty]
    public Guid Version { get; set; }

    public ReviewView View { get; private set; } = null!;

    public FormErrors Errors { get; private set; } = new();

    /// <summary>What the last save did, shown once after the redirect.</summary>
    public string? Saved { get; private set; }

    /// <summary>Why what the member entered was not saved, when it is not a problem with a field.</summary>
    public string? NotSaved { get; private set; }

    /// <summary>The review changed after the member opened the page (another tab), so nothing was saved.</summary>
    public ChangedMeanwhile? Stale { get; private set; }

    /// <summary>A submission was refused for problems at fields, but the draft was saved.</summary>
    public bool DraftKeptNotSubmitted { get; private set; }

    /// <summary>The id of a criterion's first radio, where its errors link to: the domain's location <c>scores.need</c> as <c>scores-need</c>.</summary>
    public static string ScoreFieldId(string key) => FieldIds.Of(Location.Field("scores", key));

    public string Title => View.Conflict is { } conflict
        ? conflict.RecordedByFundManager ? "A conflict of interest has been recorded" : "You declared a conflict of interest"
        : View.State == ReviewState.AwaitingDeclaration ? "Check for a conflict of interest"
        : View.GroupName;

    public async Task<IActionResult> OnGetAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(User, reference, applicationReference, cancellationToken) is not { } assigned) return NotFound();
        Saved = TempData[SavedKey] as string;
        FillFrom(assigned.Review);
        return await ShowAsync(assigned, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeclareAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(User, reference, applicationReference, cancellationToken) is not { } assigned) return NotFound();
        var review = assigned.Review;
        if (review.State != ReviewState.AwaitingDeclaration) return Here(reference, applicationReference);
        if (!assigned.DeclaringOpen) return await RefuseAsync(assigned, "This round is no longer taking declarations. If you have a conflict of interest, tell the fund team.", cancellationToken);
        if (!db.IsStillAt(review, Version)) return await StaleAsync(reference, applicationReference, cancellationToken);

        var now = time.GetUtcNow();
        if (Declaration.Conflict == ConflictInput.No)
        {
            try
            {
                review.DeclareNoConflict(now, assigned.Member, await ApplicantPeopleRecords.OfAsync(db, assigned.Application.Id, cancellationToken));
            }
            catch (DomainRuleException refused)
            {
                // The member is one of the group's own people: the domain says why, at the question.
                Errors.Add(ConflictInput.ConflictId, refused.Message);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return await ShowAsync(assigned, cancellationToken);
            }
        }
        else if (Declaration.Conflict == ConflictInput.Yes)
        {
            Declaration.CheckConflict(Errors);
            if (Errors.Any) return await ShowAsync(assigned, cancellationToken);
            review.DeclareConflict(Declaration.ChosenKind, Declaration.Note, now, assigned.Member);
        }
        else
        {
            Errors.Add(ConflictInput.ConflictId, "Select yes if you have a conflict of interest with this group");
            return await ShowAsync(assigned, cancellationToken);
        }

        if (await db.SaveOverAsync(review, Version, cancellationToken) == EditSave.ChangedMeanwhile) return await StaleAsync(reference, applicationReference, cancellationToken);
        if (review.State == ReviewState.Conflicted) return ConflictRecorded(reference, assigned.Application.Reference);
        TempData[SavedKey] = "You said you have no conflict of interest with this group. You can now read the application.";
        return Here(reference, applicationReference);
    }

    public async Task<IActionResult> OnPostScoresAsync(string reference, string applicationReference, string? action, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(User, reference, applicationReference, cancellationToken) is not { } assigned) return NotFound();
        var review = assigned.Review;
        // A second press after submitting, or a form from before a conflict: the page as it is now says what happened.
        if (review.State != ReviewState.Scoring) return Here(reference, applicationReference);
        if (!assigned.ScoringOpen) return await RefuseAsync(assigned, "Scoring is not open for this round, so your scores have not been saved.", cancellationToken);
        if (!db.IsStillAt(review, Version)) return await StaleAsync(reference, applicationReference, cancellationToken);

        var criteria = assigned.Round.Rules.Criteria;
        var sheet = ReadSheet(criteria);
        AddProblems(sheet.CheckDraft(criteria));
        if (Errors.Any) return await ShowAsync(assigned, cancellationToken);

        var now = time.GetUtcNow();
        review.SaveDraft(sheet, criteria, now);
        var submitting = action == SubmitAction;
        if (submitting)
        {
            AddProblems(review.Sheet.CheckSubmission(criteria));
            if (!Errors.Any) review.Submit(criteria, now, assigned.ScoringOpen);
        }
        if (await db.SaveOverAsync(review, Version, cancellationToken) == EditSave.ChangedMeanwhile) return await StaleAsync(reference, applicationReference, cancellationToken);

        if (Errors.Any)
        {
            // The draft was saved: the form shown again carries its new version.
            Version = db.VersionOf(review);
            DraftKeptNotSubmitted = true;
            return await ShowAsync(assigned, cancellationToken);
        }
        TempData[SavedKey] = submitting
            ? "Your scores have been submitted. You can now see the other panel members' scores."
            : $"Your draft was saved at {UkTime.Format(now)} (UK time). It does not count until you submit it.";
        return Here(reference, applicationReference);
    }

    public async Task<IActionResult> OnPostReviseAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(User, reference, applicationReference, cancellationToken) is not { } assigned) return NotFound();
        var review = assigned.Review;
        if (review.State != ReviewState.Submitted) return Here(reference, applicationReference);
        if (!assigned.ScoringOpen) return await RefuseAsync(assigned, "Scoring has closed, so your scores can no longer be changed. Your submitted scores still count.", cancellationToken);
        if (!db.IsStillAt(review, Version)) return await StaleAsync(reference, applicationReference, cancellationToken);

        var criteria = assigned.Round.Rules.Criteria;
        var sheet = ReadSheet(criteria);
        AddProblems(sheet.CheckSubmission(criteria));
        if (Errors.Any)
        {
            NotSaved = "Your change has not been saved. The scores you submitted before still count.";
            return await ShowAsync(assigned, cancellationToken);
        }

        review.Revise(sheet, criteria, time.GetUtcNow(), assigned.ScoringOpen);
        if (await db.SaveOverAsync(review, Version, cancellationToken) == EditSave.ChangedMeanwhile) return await StaleAsync(reference, applicationReference, cancellationToken);
        TempData[SavedKey] = $"Your changed scores have been submitted as version {review.Revisions.Count}. Earlier versions are kept.";
        return Here(reference, applicationReference);
    }

    /// <summary>After a conflict is recorded the member cannot open the application again, so they go back to their list.</summary>
    private RedirectToPageResult ConflictRecorded(string reference, string applicationReference)
    {
        TempData[RoundModel.NoticeKey] = $"Your conflict of interest with {applicationReference} has been recorded. You will not see that application or anyone's scores for it.";
        return RedirectToPage("/Panel/Round", new { reference });
    }

    private RedirectToPageResult Here(string reference, string applicationReference) =>
        RedirectToPage("/Panel/Review", new { reference, applicationReference });

    /// <summary>Shows the review as it is now, with what the member entered kept in the form (unsaved) where the form still applies.</summary>
    private async Task<IActionResult> StaleAsync(string reference, string applicationReference, CancellationToken cancellationToken)
    {
        // What made the save fail is told instead of problems with what was entered, which was never saved.
        Errors = new FormErrors();
        if (await records.FindAsync(User, reference, applicationReference, cancellationToken) is not { } now) return NotFound();
        Version = db.VersionOf(now.Review);
        var result = await ShowAsync(now, cancellationToken);
        // A review that became conflicted meanwhile is refused (403) as any such review is; otherwise the one outcome.
        if (result is PageResult && Response.StatusCode == StatusCodes.Status200OK)
            Stale = ChangedMeanwhile.On(this, "Your review of this application", "save again");
        return result;
    }

    private async Task<IActionResult> RefuseAsync(AssignedApplication assigned, string why, CancellationToken cancellationToken)
    {
        NotSaved = why;
        return await ShowAsync(assigned, cancellationToken);
    }

    private void FillFrom(PanelReview review)
    {
        Version = db.VersionOf(review);
        Sheet = new SheetInput
        {
            Scores = review.Sheet.Scores.ToDictionary(score => score.Key, score => (string?)score.Value.ToString(CultureInfo.InvariantCulture)),
            CommentForApplicant = review.Sheet.CommentForApplicant,
            NoteForPanel = review.Sheet.NoteForPanel,
        };
    }

    /// <summary>The scores chosen, one per criterion; a value that is not a whole number is an error at its criterion.</summary>
    private ScoreSheet ReadSheet(IReadOnlyList<Criterion> criteria)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var criterion in criteria)
        {
            var text = Sheet.Scores.GetValueOrDefault(criterion.Key);
            if (FormNumbers.IsBlank(text)) continue;
            if (FormNumbers.TryWhole(text, out var score)) scores[criterion.Key] = score;
            else Errors.Add(ScoreFieldId(criterion.Key), $"Choose a score for {criterion.Title} from {criterion.Min} to {criterion.Max}");
        }
        // Cleaned as the review will keep them, so their limits are checked on what would be stored.
        return new ScoreSheet(scores, FreeText.Clean(Sheet.CommentForApplicant), FreeText.Clean(Sheet.NoteForPanel));
    }

    private void AddProblems(IReadOnlyList<Problem> problems)
    {
        foreach (var problem in problems) Errors.Add(FieldIds.Of(problem.Location), problem.Message);
    }

    private async Task<IActionResult> ShowAsync(AssignedApplication assigned, CancellationToken cancellationToken)
    {
        var (round, application, group, review, _) = assigned;
        var criteria = round.Rules.Criteria;
        if (review.State == ReviewState.Conflicted)
        {
            var conflict = review.Conflict!;
            View = ReviewView.Refused(round.Reference, round.Name, application.Reference, new ConflictView(
                ConflictDeclaration.Describe(conflict.Kind), UkTime.Format(conflict.At), conflict.RecordedByFundManager));
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var sections = new List<AnswerRows.Section>();
        var form = round.Form;
        FormAnswersView? answers = null;
        IReadOnlyList<AnswerRows.Row> conflictFacts = [];
        if (review.State == ReviewState.AwaitingDeclaration)
        {
            conflictFacts =
            [
                new("Group", [group.Name], null),
                new("Area it works in", [group.AreaServed], null),
                new(group.Contacts.Count == 1 ? "Contact" : "Contacts", group.Contacts.Count == 0 ? ["None given"] : [.. group.Contacts.Select(contact => contact.Name)], null),
                new("Working with partners", [application.IsPartnershipBidOn(form) ? "Yes" : "No"], null),
                .. PartnersNamed(form, application),
            ];
        }
        if (review.CanSeeApplication)
        {
            sections.Add(new AnswerRows.Section("About the group",
            [
                new("Name", [group.Name], null),
                new("Area it works in", [group.AreaServed], null),
                new("Income in its latest year", [Money.Pounds(group.AnnualIncome)], null),
                new("People who run it", [
                    $"{group.PeopleRunningTheGroup} in all",
                    $"{group.OfThemWithLivedExperience} with lived experience of mental ill health",
                    $"{group.OfThemWhoUseTheServices} who use the group's services"], null),
            ]));
            // The answers as the round's form asks them: every section and question shown for them, a conditional one included.
            answers = FormAnswersView.Of(form, FormAnswers.Of(application));
        }

        View = new ReviewView(
            round.Reference,
            round.Name,
            application.Reference,
            group.Name,
            review.State,
            assigned.DeclaringOpen,
            assigned.ScoringOpen,
            assigned.ScoringOver,
            PanelWords.RoundStage(round.State),
            conflictFacts,
            sections,
            answers,
            criteria,
            ReadingFor(form, criteria, answers),
            review.CanSeeOthersScores ? await SubmittedAsync(assigned, cancellationToken) : null,
            null)
        {
            Documents = review.CanSeeApplication
                ? [.. application.Documents.Select(document => new DocumentLink(document.FileName, AnswerRows.DocumentSize(document.SizeInBytes),
                    Url.Page("/Panel/Document", new { reference = round.Reference, applicationReference = application.Reference, id = document.Id })!))]
                : [],
        };
        return Page();
    }

    private async Task<SubmittedView> SubmittedAsync(AssignedApplication assigned, CancellationToken cancellationToken)
    {
        var criteria = assigned.Round.Rules.Criteria;
        var own = assigned.Review;
        var others = await records.OthersSubmittedAsync(assigned, cancellationToken);
        var counted = new List<(string Who, Revision Version, Review Scores)> { ("You", own.Submitted!, own.ForAllocation(criteria)!) };
        for (var i = 0; i < others.Count; i++)
        {
            if (others[i].ForAllocation(criteria) is { Conflict: false } scores)
                counted.Add(($"Panel member {PanelWords.Letter(i)}", others[i].Submitted!, scores));
        }
        var spread = ScoreSpread.Of(criteria, [.. counted.Select(review => review.Scores)]);
        var possible = Domain.Scoring.Scores.PossiblePoints(criteria);
        return new SubmittedView(
            [.. counted.Select(review => review.Who)],
            [.. criteria.Select((criterion, index) => new CriterionRow(criterion.Title,
                [.. counted.Select(review => review.Scores.Scores[index])], spread.Criteria[index].Lowest, spread.Criteria[index].Highest))],
            spread,
            [.. counted.Select(review => new CommentView(review.Who, review.Version.CommentForApplicant, review.Version.NoteForPanel))],
            [.. own.Revisions.Select(version => new VersionRow(version.Number, UkTime.Format(version.At), version.At,
                Domain.Scoring.Scores.ReviewScore(criteria, [.. criteria.Select(criterion => version.Scores[criterion.Key])], possible)))]);
    }

    /// <summary>
    /// Every organisation the group names in a partners table the round's form shows it, table by table, so a member
    /// can tell whether they know any before reading more: the default form's partners, or any table a funder added.
    /// </summary>
    private static IEnumerable<AnswerRows.Row> PartnersNamed(ApplicationForm form, Application application) =>
        from counted in form.AnswersThatCount(application.Answers)
        where counted.Answer is Answer.PartnerRows { Partners.Count: > 0 }
        let partners = ((Answer.PartnerRows)counted.Answer).Partners
        select new AnswerRows.Row(
            counted.Question.Key == DefaultForm.Partners ? (partners.Count == 1 ? "Partner" : "Partners") : counted.Question.Name,
            [.. partners.Select(partner => partner.Name)], null);

    /// <summary>The form's scores (keyed by criterion, as the radios post them) and comments.</summary>
    public sealed class SheetInput
    {
        public Dictionary<string, string?> Scores { get; set; } = [];
        public string? CommentForApplicant { get; set; }
        public string? NoteForPanel { get; set; }
    }

    /// <summary>What the <c>_ScoreFields</c> partial shows; <paramref name="Reading"/> gives, by criterion key, the sections of the form to read for it.</summary>
    public sealed record ScoreFields(IReadOnlyList<Criterion> Criteria, SheetInput Input, FormErrors Errors, IReadOnlyDictionary<string, IReadOnlyList<SectionLink>>? Reading = null);

    /// <summary>A section of the form to read for a criterion: its title, and the id of its heading among the answers (null when it is not shown for this application).</summary>
    public sealed record SectionLink(string Title, string? Id);

    /// <summary>
    /// For each criterion the form names sections for, those sections, in the form's order: the ones shown for this
    /// application link to its answers; a section hidden for it is still named, as the panel reads the form's advice.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<SectionLink>> ReadingFor(ApplicationForm form, IReadOnlyList<Criterion> criteria, FormAnswersView? answers)
    {
        var reading = new Dictionary<string, IReadOnlyList<SectionLink>>(StringComparer.Ordinal);
        if (answers is null) return reading;
        foreach (var criterion in criteria)
        {
            var keys = form.SectionsFor(criterion.Key);
            var links = form.Sections.Where(section => keys.Contains(section.Key))
                .Select(section => new SectionLink(section.Title, answers.Sections.Any(shown => shown.Key == section.Key) ? FormAnswersView.SectionId(section.Key) : null)).ToList();
            if (links.Count > 0) reading[criterion.Key] = links;
        }
        return reading;
    }

    /// <summary>The page as the member may see it; parts the review does not allow are empty or null.</summary>
    public sealed record ReviewView(
        string RoundReference,
        string RoundName,
        string Reference,
        string GroupName,
        ReviewState State,
        bool DeclaringOpen,
        bool ScoringOpen,
        bool ScoringOver,
        string Stage,
        IReadOnlyList<AnswerRows.Row> ConflictFacts,
        IReadOnlyList<AnswerRows.Section> Group,
        FormAnswersView? Answers,
        IReadOnlyList<Criterion> Criteria,
        IReadOnlyDictionary<string, IReadOnlyList<SectionLink>> Reading,
        SubmittedView? Submitted,
        ConflictView? Conflict)
    {
        /// <summary>A conflicted review: the reference and the declaration, nothing of the application.</summary>
        public static ReviewView Refused(string roundReference, string roundName, string reference, ConflictView conflict) =>
            new(roundReference, roundName, reference, "", ReviewState.Conflicted, false, false, false, "", [], [], null, [], new Dictionary<string, IReadOnlyList<SectionLink>>(), null, conflict);

        /// <summary>The application's supporting documents, linked for download; empty until the member may read the application.</summary>
        public IReadOnlyList<DocumentLink> Documents { get; init; } = [];
    }

    public sealed record DocumentLink(string FileName, string Size, string Href);

    public sealed record ConflictView(string Kind, string When, bool RecordedByFundManager);

    /// <summary>After submission: every counted review side by side (the member's first), the spread and the member's versions.</summary>
    public sealed record SubmittedView(
        IReadOnlyList<string> Reviewers,
        IReadOnlyList<CriterionRow> Criteria,
        ScoreSpread Spread,
        IReadOnlyList<CommentView> Comments,
        IReadOnlyList<VersionRow> Versions)
    {
        public decimal YourReviewScore => Spread.ReviewScores[0];
    }

    public sealed record CriterionRow(string Title, IReadOnlyList<int> Scores, int Lowest, int Highest);

    public sealed record CommentView(string Who, string CommentForApplicant, string NoteForPanel);

    public sealed record VersionRow(int Number, string When, DateTimeOffset At, decimal ReviewScore);
}
