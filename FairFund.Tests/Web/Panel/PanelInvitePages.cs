using System.Text.RegularExpressions;
using FairFund.Domain.Reviews;
using FairFund.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace FairFund.Tests.Web.Panel;

/// <summary>The fund manager's panel page and the invite link, as the panel tests use them.</summary>
internal static partial class PanelInvitePages
{
    public const string PanelPage = $"/fund/rounds/{PanelRounds.Round}/panel";

    public const string RoundName = "Community Mental Health Fund 2027, round 1";

    public static string InviteSubject => $"You are invited to join the panel for {RoundName}";

    public static Task<HttpResponseMessage> InviteAsync(HttpClient manager, string email) =>
        manager.PostFormAsync($"{PanelPage}?handler=Invite", new() { ["Invite.Email"] = email }, PanelPage);

    /// <summary>The join link in the newest invite sent to the address, as a path for the test client.</summary>
    public static Uri JoinLink(FairFundFactory factory, string email) => JoinLinkIn(Mailbox.To(factory, email).Last(message => message.Subject == InviteSubject));

    public static Uri JoinLinkIn(MimeMessage message)
    {
        var link = Assert.Single(JoinLinks().Matches(message.TextBody ?? "")).Value;
        return new Uri(new Uri(link).PathAndQuery, UriKind.Relative);
    }

    public static Task<PanelMember> SeatAsync(FairFundFactory factory, string email) =>
        factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().PanelMembers.AsNoTracking().SingleAsync(m => m.Email == email));

    [GeneratedRegex(@"https?://\S+/panel/join/[A-Za-z0-9_-]+")]
    private static partial Regex JoinLinks();
}
