using FairFund.Domain.Applications;
using FairFund.Domain.Validation;
using FairFund.Web.Data;

namespace FairFund.Web.Pages.Apply;

/// <summary>What will be different because of the project, and how the group will know.</summary>
public sealed class OutcomesModel(FairFundDbContext db, ApplicantRecords records) : TextQuestionModel(db, records)
{
    public override ApplicationTask Part => ApplicationTask.Outcomes;
    public override string Question => "What will change, and how will you know?";
    public override string Hint =>
        "Tell us what will be different for people because of your project, and how you will know it has worked: " +
        "for example, by counting who comes, or asking people how they feel before and after. Keep it simple: we do not expect a formal evaluation.";
    public override int MaxWords => AnswerLimits.OutcomesWords;
    protected override string Location => "outcomes";
    protected override string Saved(Application application) => application.Outcomes;
    protected override IReadOnlyList<Problem> Save(Application application, string answer) => application.AnswerOutcomes(answer);
}
