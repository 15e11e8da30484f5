using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Web.Data;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// A page written for one of the default form's tasks, with the task's own address and field names. It asks the
/// task's section only while the round's form has it word for word; otherwise the page built from the form does.
/// </summary>
public abstract class TaskQuestionPageModel(FairFundDbContext db, ApplicantRecords records) : QuestionPageModel(db, records)
{
    /// <summary>The task this page asks about.</summary>
    public abstract ApplicationTask Part { get; }

    public override string SectionKey => DefaultForm.SectionKey(Part);

    protected override string PageName => TaskListModel.PageFor(Part);
}
