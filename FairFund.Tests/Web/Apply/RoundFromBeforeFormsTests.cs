using System.Net;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Apply;

/// <summary>
/// A round stored before rounds had forms holds no form (its FormJson is null) and asks the default form's
/// questions: its groups' pages work as they did.
/// </summary>
public sealed class RoundFromBeforeFormsTests : IDisposable
{
    private readonly FairFundFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task ApplyPages_RoundWithNoStoredForm_AskTheDefaultFormAndSave()
    {
        var reference = await factory.StartAsync();
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<FairFundDbContext>();
            // Quoted, so that PostgreSQL keeps the names' case as SQLite does.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Rounds\" SET \"FormJson\" = NULL");
        });
        using var client = await SignedInClient.As(factory, SignedInClient.Applicant);

        var taskList = await client.GetStringAsync(new Uri($"/apply/applications/{reference}", UriKind.Relative));
        Assert.Contains("About your project", taskList);
        var page = $"/apply/applications/{reference}/who-benefits";
        using var saved = await client.PostFormAsync(page, new() { ["Answer"] = "Older carers in Foleshill.", ["action"] = "continue" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (application, _) = await factory.LoadAsync(reference);
        Assert.Equal("Older carers in Foleshill.", application.WhoBenefits);
    }
}
