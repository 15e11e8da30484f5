using FairFund.Domain.Organisations;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Data;

public sealed class DemoDataTests(FairFundFactory factory) : IClassFixture<FairFundFactory>
{
    [Fact]
    public async Task FirstRun_CreatesTheDemoPeopleInTheirRolesAndTheirGroups()
    {
        factory.CreateClient().Dispose();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

        var organisations = await db.Organisations.AsNoTracking().ToListAsync();
        var applicant = await users.FindByEmailAsync(SignedInClient.Applicant);
        var theirs = await db.OrganisationMembers.Where(member => member.UserId == applicant!.Id).Select(member => member.OrganisationId).SingleAsync();

        Assert.Equal(["Foleshill Peer Support", "Southam Befriending Network", "Warwickshire Wellbeing Trust"], organisations.Select(o => o.Name).Order());
        var foleshill = organisations.Single(o => o.Id == theirs);
        Assert.Equal("Foleshill Peer Support", foleshill.Name);
        // 4 of the 5 who run it have lived experience and 3 use its services: both majorities, derived, not declared.
        Assert.Equal(new[] { KnownFlags.Unregistered, KnownFlags.LivedExperienceLed, KnownFlags.UserLed }.Order(), foleshill.Flags.Order());
        Assert.Single(foleshill.Contacts);
        Assert.Equal("GB-CHC-1187654", organisations.Single(o => o.Name == "Southam Befriending Network").OrgId);
        Assert.True(await users.IsInRoleAsync(applicant!, "Applicant"));
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(SignedInClient.Manager))!, "FundManager"));
        Assert.Equal(2, (await users.GetUsersInRoleAsync("PanelMember")).Count);
        var seats = await db.PanelMembers.AsNoTracking().ToListAsync();
        Assert.Equal(["panel.one@demo.fairfund.test", "panel.two@demo.fairfund.test"], seats.Select(seat => seat.UserName).Order());
        Assert.All(seats, seat => Assert.True(seat.HasJoined));
    }

    [Fact]
    public async Task OrganisationMember_SecondGroupForTheSameAccount_IsRefusedByTheDatabase()
    {
        factory.CreateClient().Dispose();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FairFundDbContext>();
        var applicant = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(SignedInClient.Applicant);
        var other = await db.Organisations.FirstAsync(o => o.Name == "Southam Befriending Network");

        db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = other.Id, UserId = applicant!.Id });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
