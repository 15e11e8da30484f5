using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>Rounds whose form a funder built, made with the domain's own form editing, and opened for applications.</summary>
internal static class BuiltForms
{
    public const string MoreSection = "more";

    /// <summary>
    /// The default form with: a section asking most kinds of question, one of them shown only for an answer on the
    /// same page; the budget section renamed; and the "who benefits" question's hint changed. The last two send
    /// those default sections to the page built from the form too, while the other default sections keep their own pages.
    /// </summary>
    public static ApplicationForm EveryKind()
    {
        var form = ApplicationForm.Default;
        form = Edit(form.AddSection(new FormSection(MoreSection, "More about your group", [])
        {
            Guidance = "We ask every group in this round these questions.",
        }));
        Question[] questions =
        [
            new("groupNickname", QuestionKind.ShortText, "What do people call your group?") { Limit = new TextLimit(60) },
            new("history", QuestionKind.LongText, "How did your group start?") { Limit = new TextLimit(600, 80), Hint = "A paragraph is plenty." },
            new("people", QuestionKind.WholeNumber, "How many people take part each week?") { Min = 1, Max = 500 },
            new("otherFunding", QuestionKind.Money, "How much other funding do you have?") { Min = 0, Max = 5_000, Required = false },
            new("founded", QuestionKind.Date, "When did your group start meeting?") { Latest = new DateOnly(2026, 12, 31) },
            new("registered", QuestionKind.YesNo, "Is your group a registered charity?"),
            new("where", QuestionKind.OneChoice, "Where do you work?") { Choices = ["Rural", "Urban", "Both"] },
            new("villages", QuestionKind.ShortText, "Which villages?") { Limit = new TextLimit(200), ShowWhen = new ShowWhen.Chosen("where", "Rural") },
            new("ages", QuestionKind.SeveralChoices, "Which ages take part?") { Choices = ["Children", "Adults", "Older people"] },
            new("meetingPostcode", QuestionKind.Postcode, "Where do you meet? Give the postcode"),
            new("contactEmail", QuestionKind.Email, "An email address for the project"),
            new("contactPhone", QuestionKind.Phone, "A phone number for the project"),
            new("funders", QuestionKind.PartnerTable, "Who else funds you?") { MaxRows = 3, Required = false },
        ];
        foreach (var question in questions) form = Edit(form.AddQuestion(MoreSection, question));
        form = Edit(form.EditSection(DefaultForm.SectionKey(ApplicationTask.Budget), "Your costs", "", null));
        form = Edit(form.EditQuestion(DefaultForm.WhoBenefits, form.Find(DefaultForm.WhoBenefits)! with { Hint = "Tell us who the project is for." }));
        return form;
    }

    /// <summary>A copy of the demo round (its criteria, panel rules and grants of £1,000 to £25,000) asking <paramref name="form"/>, opened.</summary>
    public static Task OpenRoundAsync(FairFundFactory factory, string reference, ApplicationForm form) =>
        factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            var demo = await db.Rounds.AsNoTracking().SingleAsync(round => round.Reference == Drafts.DemoRound);
            var now = factory.Clock.GetUtcNow();
            var round = demo.CopyAsDraft(Guid.NewGuid(), reference, "Built form round", now, SignedInClient.Manager);
            round.ChangeForm(form, now, SignedInClient.Manager);
            round.Open(now, SignedInClient.Manager, "built-form-seed-" + reference);
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
        });

    private static ApplicationForm Edit(FormEdit edit) =>
        edit.Succeeded ? edit.Form : throw new InvalidOperationException(string.Join("; ", edit.Problems.Select(problem => $"{problem.Location}: {problem.Message}")));
}
