using FairFund.Domain.Applications;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Mvc;

namespace FairFund.Web.Pages.Apply;

/// <summary>The project itself: its title, what the group will do, and when.</summary>
public sealed class ProjectModel(FairFundDbContext db, ApplicantRecords records) : TaskQuestionPageModel(db, records)
{
    public override ApplicationTask Part => ApplicationTask.Project;

    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    protected override void FillFrom(Application application) => Input = new ProjectInput
    {
        Title = application.Title,
        WhatYouWillDo = application.WhatYouWillDo,
        StartDate = application.StartDate is { } start ? DateInput.From(start) : new DateInput(),
        EndDate = application.EndDate is { } end ? DateInput.From(end) : new DateInput(),
    };

    protected override IReadOnlyList<Problem> SaveAnswers(Application application, ICollection<FieldError> entryErrors)
    {
        var errors = new FormErrors();
        // A date left empty is for the application's own check to ask for.
        var start = UkDateInput.ReadOptionalDate(Input.StartDate, "start-date", "date the project starts", errors);
        var end = UkDateInput.ReadOptionalDate(Input.EndDate, "end-date", "date the project ends", errors);
        foreach (var error in errors.All) entryErrors.Add(error);
        return application.AnswerProject(new ProjectAnswers(Input.Title ?? "", Input.WhatYouWillDo ?? "", start, end));
    }

    protected override string FieldId(string location) => location switch
    {
        "startDate" => "start-date-day",
        "endDate" => "end-date-day",
        _ => base.FieldId(location),
    };

    protected override IEnumerable<string> FieldOrder() => ["title", "what-you-will-do", "start-date-day", "end-date-day"];

    public sealed class ProjectInput
    {
        public string? Title { get; set; }
        public string? WhatYouWillDo { get; set; }
        public DateInput StartDate { get; set; } = new();
        public DateInput EndDate { get; set; } = new();
    }
}
