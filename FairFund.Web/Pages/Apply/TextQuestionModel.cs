using FairFund.Domain.Applications;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Pages.Apply;

/// <summary>A question page that asks one thing, answered in the group's own words up to a word limit.</summary>
public abstract class TextQuestionModel(FairFundDbContext db, ApplicantRecords records) : TaskQuestionPageModel(db, records)
{
    [BindProperty]
    public string? Answer { get; set; }

    /// <summary>The question, which is the page's heading.</summary>
    public abstract string Question { get; }

    /// <summary>What a good answer covers, in plain words.</summary>
    public abstract string Hint { get; }

    public abstract int MaxWords { get; }

    /// <summary>The answer's field id, which is also where the domain locates its problems (in camel case).</summary>
    public string AnswerId => FieldIds.Of(Location);

    /// <summary>Where the domain locates this answer's problems, such as <c>whoBenefits</c>.</summary>
    protected abstract string Location { get; }

    protected abstract string Saved(Application application);

    /// <summary>Gives the answer to the application; what it refused to store, if anything.</summary>
    protected abstract IReadOnlyList<Problem> Save(Application application, string answer);

    protected override void FillFrom(Application application) => Answer = Saved(application);

    protected override IReadOnlyList<Problem> SaveAnswers(Application application, ICollection<FieldError> entryErrors) => Save(application, Answer ?? "");

    protected override IEnumerable<string> FieldOrder() => [AnswerId];
}
