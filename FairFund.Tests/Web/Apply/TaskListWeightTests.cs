using System.Text;
using FairFund.Domain.Forms;
using FairFund.Domain.Validation;
using Xunit.Abstractions;

namespace FairFund.Tests.Web.Apply;

/// <summary>The task list of a long form stays light: one row per section, whatever its questions.</summary>
public sealed class TaskListWeightTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The HTML of the task list itself, without its style sheet and scripts (which every page shares and browsers cache).</summary>
    private const int BudgetBytes = 24 * 1024;

    private readonly FairFundFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task TaskList_FortyQuestionForm_ListsEverySectionWithinItsBudget()
    {
        var form = ApplicationForm.Default;
        for (var section = 1; form.Questions.Count() < 40; section++)
        {
            var key = $"extra{section}";
            form = form.AddSection(new FormSection(key, $"Extra part {section}", []) { Guidance = "More about how your project will run." }).Form;
            for (var question = 1; question <= 5 && form.Questions.Count() < 40; question++)
                form = form.AddQuestion(key, new Question($"{key}q{question}", QuestionKind.LongText, $"Extra question {question} of part {section}?") { Limit = new TextLimit(1_000, 150) }).Form;
        }
        Assert.Equal(40, form.Questions.Count());
        await BuiltForms.OpenRoundAsync(factory, "LONG-2027-R1", form);
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var started = await client.PostFormAsync("/apply?handler=Start&round=LONG-2027-R1", [], formPage: "/apply");

        var html = await client.GetStringAsync(new Uri(started.Headers.Location!.OriginalString, UriKind.Relative));
        var bytes = Encoding.UTF8.GetByteCount(html);

        output.WriteLine($"Task list for a {form.Questions.Count()}-question form in {form.Sections.Count} sections: {bytes:N0} bytes of HTML");
        Assert.All(form.Sections.Where(section => section.Key.StartsWith("extra", StringComparison.Ordinal)), section => Assert.Contains($">{section.Title}</a>", html));
        Assert.True(bytes < BudgetBytes, $"The task list is {bytes:N0} bytes");
    }
}
