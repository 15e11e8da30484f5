using System.Net;
using FairFund.Domain.Applications;
using FairFund.Domain.Forms;
using FairFund.Domain.Organisations;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Fund;

/// <summary>
/// Changing a draft round's form never loses a saved answer silently: an edit that would take groups' answers out
/// of the form is shown first, with each application and answer, and saved only when the fund manager confirms;
/// the answers stay stored with their applications.
/// </summary>
public sealed class FormBuilderAnswersAtRiskTests : IDisposable
{
    private const string Reference = "RISK-2027-R1";
    private const string FormPage = "/fund/rounds/" + Reference + "/form";
    private const string Application = Reference + "-0001";
    private const string Outcomes = "People feel less alone; we ask them before and after.";

    private readonly FairFundFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task SeedAsync() => SeedAsync(_factory, Reference);

    /// <summary>
    /// A draft copy of the demo round with one group's application (<paramref name="reference"/>-0001) answered on the
    /// default form: as a draft round could hold only if an application were made before its form was fixed.
    /// </summary>
    internal static Task SeedAsync(FairFundFactory factory, string reference) => factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var demo = await db.Rounds.AsNoTracking().SingleAsync(round => round.Reference == Panel.PanelRounds.Round);
        var now = factory.Clock.GetUtcNow();
        var round = demo.CopyAsDraft(Guid.NewGuid(), reference, "Answers at risk round", now, SignedInClient.Manager);
        round.ChangeForm(ApplicationForm.Default, now, SignedInClient.Manager);
        db.Rounds.Add(round);
        var group = new OrganisationProfile(Guid.NewGuid(), new ProfileDetails(
            "Risky Walkers", OrganisationType.UnregisteredGroup, null, null, null, 8_000m, new DateOnly(2026, 3, 31), "CV1 1AA", "Coventry", 5, 3, 2,
            [new Contact("Sam Contact", "Coordinator", $"contact@{reference.ToLowerInvariant()}.fairfund.test")]));
        db.Organisations.Add(group);
        var application = new Application(Guid.NewGuid(), round.Id, group.Id, reference + "-0001");
        Apply.Drafts.AnswerEverything(application);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
    });

    private Task<(ApplicationForm Form, FormAnswers Answers)> StoredAsync() => _factory.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<FairFundDbContext>();
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == Reference);
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Reference == Application);
        return (round.Form, application.Answers);
    });

    [Fact]
    public async Task RemoveSection_WithSavedAnswers_ListsThemAndSavesNothingUntilConfirmed()
    {
        await SeedAsync();
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var asked = await client.PostFormAsync(FormPage + "?handler=Remove", new() { ["section"] = "outcomes" }, FormPage);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        Assert.Contains("Nothing has been saved yet: this change would take 1 saved answer out of the form", page);
        Assert.Contains($"data-application=\"{Application}\">{Application}: Risky Walkers</h3>", page);
        var answer = page[page.IndexOf($"data-answer=\"{Application}/{DefaultForm.Outcomes}\"", StringComparison.Ordinal)..];
        answer = answer[..answer.IndexOf("</div>", StringComparison.Ordinal)];
        Assert.Contains("What will change, and how will you know?", answer);
        Assert.Contains(Outcomes, answer);
        Assert.NotNull((await StoredAsync()).Form.FindSection("outcomes"));

        // The confirm step posts the same removal again, with the answers agreed to.
        var confirm = PageForms.All(page, FormPage).Single(form => form.Controls.Any(control => control.Name == "ConfirmedLoss"));
        using var confirmed = await confirm.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var (form, answers) = await StoredAsync();
        Assert.Null(form.FindSection("outcomes"));
        Assert.Equal(new Answer.Text(Outcomes), answers[DefaultForm.Outcomes]);
    }

    [Fact]
    public async Task RemoveQuestion_NobodyAnswered_SavesAtOnce()
    {
        await SeedAsync();
        using var client = await SignedInClient.As(_factory, SignedInClient.Manager);

        using var removed = await client.PostFormAsync(FormPage + "?handler=Remove", new() { ["section"] = DefaultForm.DocumentsSection }, FormPage);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null((await StoredAsync()).Form.FindSection(DefaultForm.DocumentsSection));
    }
}
