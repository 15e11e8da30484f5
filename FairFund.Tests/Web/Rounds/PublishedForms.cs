using FairFund.Domain.Forms;
using FairFund.Domain.Rounds;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Rounds;

/// <summary>
/// An opened round as if it had opened with its own form: its stored form is <paramref name="form"/>, and its
/// published rules and hash are those of its rules with that form, exactly as <c>Round.Open</c> fixes them.
/// </summary>
internal static class PublishedForms
{
    public static async Task<PublishedRules> PublishAsync(FairFundFactory factory, string reference, ApplicationForm form)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Reference == reference);
        Assert.NotNull(round.RulesJson);
        var published = PublishedRules.Of(round.Rules, form);
        await db.Rounds.Where(r => r.Reference == reference)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Form, form).SetProperty(r => r.RulesJson, published.Json).SetProperty(r => r.RulesHash, published.Sha256));
        return published;
    }
}
