using System.Net;
using FairFund.Tests.Web.Account;

namespace FairFund.Tests.Web.Security;

/// <summary>A password reset or "sign out of every device" ends every other session within a minute.</summary>
public sealed partial class SessionEndTests
{
    private const string NewPassword = "a brand new password 2027";

    [Fact]
    public async Task SignOutOfEveryDevice_ASessionOnAnotherDevice_EndsWithinAMinute()
    {
        using var factory = new FairFundFactory();
        using var here = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var elsewhere = await SignedInClient.As(factory, SignedInClient.Applicant);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync(new Uri("/apply", UriKind.Relative))).StatusCode);

        using (var signedOut = await here.PostFormAsync("/account/sign-out?handler=Everywhere", [], "/account/sign-out"))
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal("/account/sign-in", (await elsewhere.GetAsync(new Uri("/apply", UriKind.Relative))).Headers.Location?.AbsolutePath);
        Assert.Equal("/account/sign-in", (await here.GetAsync(new Uri("/apply", UriKind.Relative))).Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task ResetPassword_ASessionFromBeforeTheReset_EndsWithinAMinute()
    {
        using var factory = new FairFundFactory();
        using var before = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var client = SignedInClient.Anonymous(factory);
        using (await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = SignedInClient.Applicant })) { }
        var link = Mailbox.LinkTo(Mailbox.Message(factory, SignedInClient.Applicant, AccountForms.ResetSubject), "/account/reset-password");

        using (var reset = await client.PostFormAsync(link.OriginalString, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }))
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal("/account/sign-in", (await before.GetAsync(new Uri("/apply", UriKind.Relative))).Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_PlainSignOut_LeavesOtherDevicesSignedIn()
    {
        using var factory = new FairFundFactory();
        using var here = await SignedInClient.As(factory, SignedInClient.Applicant);
        using var elsewhere = await SignedInClient.As(factory, SignedInClient.Applicant);

        using (await here.PostFormAsync("/account/sign-out", [])) { }
        factory.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync(new Uri("/apply", UriKind.Relative))).StatusCode);
    }
}
