using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Web.Pages.Apply;
using FairFund.Web.Pages.Shared;

namespace FairFund.Tests.Domain.Forms;

/// <summary>The default form asks in the apply pages' own words: task names, and the text questions and their hints.</summary>
public sealed class DefaultFormWordingTests
{
    [Fact]
    public void Sections_HaveTheTaskListsNames()
    {
        Assert.All(Enum.GetValues<ApplicationTask>(), task =>
            Assert.Equal(AnswerRows.TaskName(task), ApplicationForm.Default.FindSection(DefaultForm.SectionKey(task))!.Title));
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
