using FairFund.Domain.Applications;
using FairFund.Domain.Validation;
using FairFund.Web.Data;

namespace FairFund.Web.Pages.Apply;

/// <summary>Who the project is for, and how the group knows they need it.</summary>
public sealed class WhoBenefitsModel(FairFundDbContext db, ApplicantRecords records) : TextQuestionModel(db, records)
{
    public override ApplicationTask Part => ApplicationTask.WhoBenefits;
    public override string Question => "Who will benefit from your project?";
    public override string Hint =>
        "Tell us who the project is for, such as their age, where they live or what they are going through. " +
        "Say roughly how many people will take part, and how you know they need this: for example, because they asked for it.";
    public override int MaxWords => AnswerLimits.WhoBenefitsWords;
    protected override string Location => "whoBenefits";
    protected override string Saved(Application application) => application.WhoBenefits;
    protected override IReadOnlyList<Problem> Save(Application application, string answer) => application.AnswerWhoBenefits(answer);
}
