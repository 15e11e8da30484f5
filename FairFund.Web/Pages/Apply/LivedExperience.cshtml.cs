using FairFund.Domain.Applications;
using FairFund.Domain.Validation;
using FairFund.Web.Data;

namespace FairFund.Web.Pages.Apply;

/// <summary>How people with lived experience of mental ill health shape the work, which the fund values.</summary>
public sealed class LivedExperienceModel(FairFundDbContext db, ApplicantRecords records) : TextQuestionModel(db, records)
{
    public override ApplicationTask Part => ApplicationTask.LivedExperience;
    public override string Question => "How do people with lived experience shape the work?";
    public override string Hint =>
        "Tell us how people with lived experience of mental ill health help to plan, run or check the project. " +
        "For example, they might sit on your committee, lead sessions, or decide what happens next. Say what they do, not only that they are involved.";
    public override int MaxWords => AnswerLimits.LivedExperienceWords;
    protected override string Location => "livedExperience";
    protected override string Saved(Application application) => application.LivedExperience;
    protected override IReadOnlyList<Problem> Save(Application application, string answer) => application.AnswerLivedExperience(answer);
}
