using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Web.Pages.Apply;

namespace FairFund.Tests.Domain.Forms;

/// <summary>The default form asks in the apply pages' own words: task names, and the text questions and their hints.</summary>
public sealed class DefaultFormWordingTests
{
    /// <summary>The task list and check your answers read these titles from the form; they are the names groups have always seen.</summary>
    public static TheoryData<ApplicationTask, string> TaskNames => new()
    {
        { ApplicationTask.Project, "About your project" },
        { ApplicationTask.WhoBenefits, "Who will benefit" },
        { ApplicationTask.Outcomes, "What will change, and how you will know" },
        { ApplicationTask.LivedExperience, "How people with lived experience shape the work" },
        { ApplicationTask.Budget, "How much you need, and what for" },
        { ApplicationTask.Partners, "Partners" },
    };

    [Theory]
    [MemberData(nameof(TaskNames))]
    public void Section_HasTheTasksNameWordForWord(ApplicationTask task, string name)
    {
        Assert.Equal(name, ApplicationForm.Default.FindSection(DefaultForm.SectionKey(task))!.Title);
    }

    [Fact]
    public void Sections_UnchangedAreAskedByTheirTasksOwnPages()
    {
        Assert.All(Enum.GetValues<ApplicationTask>(), task =>
            Assert.Equal(task, SectionPages.TaskOf(ApplicationForm.Default.FindSection(DefaultForm.SectionKey(task))!)));
    }

    [Fact]
    public void Section_WithAChangedQuestion_IsAskedByThePageBuiltFromTheForm()
    {
        var key = DefaultForm.SectionKey(ApplicationTask.WhoBenefits);
        var changed = ApplicationForm.Default.EditQuestion(DefaultForm.WhoBenefits,
            ApplicationForm.Default.Find(DefaultForm.WhoBenefits)! with { Hint = "Tell us who the project is for." }).Form;

        Assert.Null(SectionPages.TaskOf(changed.FindSection(key)!));
        Assert.Equal(SectionPages.SectionPage, SectionPages.PageFor(changed.FindSection(key)!));
    }

    public static TheoryData<string> TextPages => ["whoBenefits", "outcomes", "livedExperience"];

    [Theory]
    [MemberData(nameof(TextPages))]
    public void TextQuestion_IsThePagesQuestionAndHint(string key)
    {
        // The page models' words do not touch their services, so none are given.
        TextQuestionModel page = key switch
        {
            "whoBenefits" => new WhoBenefitsModel(null!, null!),
            "outcomes" => new OutcomesModel(null!, null!),
            _ => new LivedExperienceModel(null!, null!),
        };
        var question = ApplicationForm.Default.Find(key)!;

        Assert.Equal((page.Question, page.Hint, page.MaxWords), (question.Text, question.Hint, question.Limit!.Words!.Value));
    }
}
