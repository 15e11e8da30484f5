using System.Globalization;
using System.Text;
using FairFund.Domain.Auditing;
using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// What the form builder's pages share: loading the round, and the one way an edit is saved. The domain makes the
/// edit (<see cref="ApplicationForm"/>'s editing methods), the round takes it (<see cref="Round.ChangeForm"/>, which
/// records who and when and refuses once the round has opened), and it is saved only over the version shown.
/// </summary>
public abstract class FormBuilderPage(FairFundDbContext db, TimeProvider time) : PageModel
{
    protected FairFundDbContext Db { get; } = db;

    [BindProperty]
    public Guid Version { get; set; }

    public Round Round { get; private set; } = null!;

    public FormErrors Errors { get; } = new();

    /// <summary>Why the round's form cannot change (it has opened), or why an edit was refused as a whole.</summary>
    public string? Refusal { get; protected set; }

    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    /// <summary>
    /// The answers the edit would take out of the form (<see cref="AnswersAtRisk.Fingerprint"/>) that the fund manager
    /// has seen and agreed to, posted by the confirm step; an edit that would lose others is shown again first.
    /// </summary>
    [BindProperty]
    public string? ConfirmedLoss { get; set; }

    /// <summary>The saved answers the edit would take out of the form, shown before anything is saved; null when it takes none.</summary>
    public AnswersAtRisk? AtRisk { get; private set; }

    /// <summary>Whether the page offers edits: only while the round is a draft.</summary>
    public bool CanEdit => Round.WhyFormCannotChange is null;

    /// <summary>Loads the round, tracked (its version is a shadow property); false when there is none.</summary>
    protected async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var round = await Db.Rounds.SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return false;
        Round = round;
        if (Request.Method == HttpMethods.Get) Version = Db.VersionOf(round);
        return true;
    }

    /// <summary>
    /// Makes an edit to the loaded round's form and saves it. Null when saved; otherwise the page to show: refused
    /// (400, with the round's reason) once the round has opened; the problems at their fields; or, when someone saved
    /// the round after the page was shown, the notice that nothing was saved.
    /// </summary>
    /// <param name="edit">The edit, from the round's current form.</param>
    /// <param name="fieldOf">The input a problem's location is about, on this page.</param>
    protected async Task<IActionResult?> SaveEditAsync(Func<ApplicationForm, FormEdit> edit, Func<string, string> fieldOf, CancellationToken cancellationToken)
    {
        if (Round.WhyFormCannotChange is { } closed) return Refused(closed + ".");
        if (!Db.IsStillAt(Round, Version)) return await ChangedAsync(cancellationToken);
        var made = edit(Round.Form);
        IReadOnlyList<Problem> problems = made.Succeeded ? Round.CheckForm(made.Form) : made.Problems;
        foreach (var problem in problems) Errors.Add(fieldOf(problem.Location), problem.Message);
        if (Errors.Any) return ShowAgain();
        // Never lose a group's saved answer silently: the fund manager sees each one the edit would drop, and confirms.
        if (await AnswersAtRiskAsync(made.Form, cancellationToken) is { } atRisk && ConfirmedLoss != atRisk.Fingerprint)
        {
            AtRisk = atRisk;
            return ShowAgain();
        }
        try
        {
            Round.ChangeForm(made.Form, time.GetUtcNow(), User.Identity?.Name ?? "unknown");
        }
        catch (DomainRuleException refused)
        {
            return Refused(refused.Message);
        }
        return await Db.SaveOverAsync(Round, Version, cancellationToken) == EditSave.ChangedMeanwhile ? await ChangedAsync(cancellationToken) : null;
    }

    /// <summary>Each application of the round with a saved answer that <paramref name="changed"/> would take out of the form; null when none has.</summary>
    private async Task<AnswersAtRisk?> AnswersAtRiskAsync(ApplicationForm changed, CancellationToken cancellationToken)
    {
        var form = Round.Form;
        var applications = await Db.Applications.AsNoTracking().Where(application => application.RoundId == Round.Id)
            .OrderBy(application => application.Reference).ToListAsync(cancellationToken);
        var losing = applications.Select(application => (application, lost: form.AnswersLostTo(changed, application.Answers)))
            .Where(pair => pair.lost.Count > 0).ToList();
        if (losing.Count == 0) return null;
        var groupIds = losing.Select(pair => pair.application.OrganisationId).Distinct().ToList();
        var groups = await Db.Organisations.AsNoTracking().Where(group => groupIds.Contains(group.Id))
            .Select(group => new { group.Id, group.Name }).ToDictionaryAsync(group => group.Id, group => group.Name, cancellationToken);
        return new AnswersAtRisk([.. losing.Select(pair => new ApplicationAtRisk(
            pair.application.Reference, groups.GetValueOrDefault(pair.application.OrganisationId, ""),
            [.. pair.lost.Select(lost => new AnswerAtRisk(lost.Question.Key, lost.Question.Text, AnswerLines(lost.Answer)))]))]);
    }

    private static IReadOnlyList<string> AnswerLines(Answer answer) => answer switch
    {
        Answer.BudgetRows budget => [.. budget.Lines.Select(line => $"{line.Item}: {QuestionInWords.Pounds(line.Cost)}")],
        Answer.PartnerRows partners => [.. partners.Partners.Select(partner => partner.Role.Length == 0 ? partner.Name : $"{partner.Name}: {partner.Role}")],
        _ => QuestionInWords.Lines(answer),
    };

    /// <summary>The page shown again with its errors, keeping what was typed.</summary>
    protected virtual IActionResult ShowAgain() => Page();

    protected IActionResult Refused(string why)
    {
        Refusal = why;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return ShowAgain();
    }

    private async Task<IActionResult> ChangedAsync(CancellationToken cancellationToken)
    {
        var reference = Round.Reference;
        Db.ChangeTracker.Clear();
        Round = await Db.Rounds.SingleAsync(r => r.Reference == reference, cancellationToken);
        Version = Db.VersionOf(Round);
        ModelState.Remove(nameof(Version));
        ChangedMeanwhile = ChangedMeanwhile.On(this, "This round's form", "save again");
        return ShowAgain();
    }

    /// <summary>The condition as the builder shows it: "Always", "When the amount asked for is over £10,000".</summary>
    public static string InWords(ShowWhen? condition, ApplicationForm form) => condition switch
    {
        null => "Always",
        ShowWhen.YesNoIs yesNo => $"When the answer to “{NameOf(yesNo.Question, form)}” is {(yesNo.Is ? "yes" : "no")}",
        ShowWhen.Chosen chosen => $"When the answer to “{NameOf(chosen.Question, form)}” is “{chosen.Choice}”",
        ShowWhen.AmountOver over => $"When the amount asked for is over {Money.Pounds(over.Amount)}",
        ShowWhen.AmountAtMost atMost => $"When the amount asked for is {Money.Pounds(atMost.Amount)} or less",
        _ => "Always",
    };

    private static string NameOf(string key, ApplicationForm form) => form.Find(key)?.Name ?? key;

    /// <summary>A key made from words, as the form's keys are: "Who will benefit?" gives whoWillBenefit, unique among <paramref name="taken"/>.</summary>
    public static string KeyFrom(string words, IEnumerable<string> taken, string fallback)
    {
        var key = new StringBuilder();
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string([.. word.Where(char.IsAsciiLetterOrDigit)]);
            if (letters.Length == 0) continue;
            key.Append(key.Length == 0 ? letters.ToLowerInvariant() : char.ToUpperInvariant(letters[0]) + letters[1..].ToLowerInvariant());
            if (key.Length >= 30) break;
        }
        var start = key.Length > 0 && char.IsAsciiLetterLower(key[0]) ? key.ToString() : fallback;
        if (start.Length > 30) start = start[..30];
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var candidate = start;
        for (var n = 2; used.Contains(candidate); n++) candidate = start + n.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }
}

/// <summary>The saved answers an edit of a form would take out of it, application by application, and a fingerprint of them to confirm.</summary>
public sealed record AnswersAtRisk(IReadOnlyList<ApplicationAtRisk> Applications)
{
    public int Count => Applications.Sum(application => application.Answers.Count);

    /// <summary>Names exactly these answers, so a confirmation given for them does not stand for others saved meanwhile.</summary>
    public string Fingerprint => PublishedRules.Hash(string.Join("\n", Applications.SelectMany(application =>
        application.Answers.Select(answer => $"{application.Reference}|{answer.Key}|{string.Join("\u001f", answer.Lines)}"))));
}

public sealed record ApplicationAtRisk(string Reference, string GroupName, IReadOnlyList<AnswerAtRisk> Answers);

/// <summary>One answer at risk: its question's key and words, and the answer as the group gave it, line by line.</summary>
public sealed record AnswerAtRisk(string Key, string Question, IReadOnlyList<string> Lines);
