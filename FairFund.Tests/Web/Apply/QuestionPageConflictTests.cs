using System.Net;
using FairFund.Web.Forms;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// Two people in a group (or two tabs) change the same question page at once: the first save stands, and the second
/// gets the one outcome (docs/edit-conflicts.md), with what it typed kept in the form.
/// </summary>
public sealed class QuestionPageConflictTests : IDisposable
{
    private readonly FairFundFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task SaveBudget_SecondOfTwoFormsFromTheSameVersion_ShowsChangedMeanwhileKeepsWhatItTypedAndTheFirstStands()
    {
        var reference = await factory.StartAsync(complete: true);
        var budget = $"/apply/applications/{reference}/budget";
        using var first = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var second = await SignedInClient.As(factory, SignedInClient.Applicant);
        var firstTyped = new Dictionary<string, string> { ["Input.Lines[1].Item"] = "Training for walk leaders", ["Input.Lines[1].Cost"] = "1800", ["action"] = "later" };
        var secondTyped = new Dictionary<string, string> { ["Input.Lines[1].Item"] = "First aid course", ["Input.Lines[1].Cost"] = "950", ["action"] = "later" };
        var firstForm = await first.FormAsync(budget, firstTyped);
        var secondForm = await second.FormAsync(budget, secondTyped);

        using (var saved = await firstForm.SubmitAsync(first, firstTyped))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var response = await secondForm.SubmitAsync(second, secondTyped);

        // Only the budget's own rows changed in the first save; the application's version was renewed all the same.
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(ChangedMeanwhile.Heading, page);
        Assert.Contains("value=\"First aid course\"", page);
        Assert.Contains("value=\"950\"", page);
        var (stored, _) = await factory.LoadAsync(reference);
        Assert.Equal("Training for walk leaders", stored.Budget[1].Item);
        Assert.Equal(1800m, stored.Budget[1].Cost);
    }
}
