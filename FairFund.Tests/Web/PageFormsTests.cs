namespace FairFund.Tests.Web;

/// <summary>
/// The test helper that submits a page's own form: it sends what a browser would, and refuses what a browser could
/// not send from that form, so a web test cannot compose a request the page does not make without saying so.
/// </summary>
public sealed class PageFormsTests
{
    private const string Page = """
        <form method="get"><input name="preview" value=""><button type="submit">Show</button></form>
        <form method="post" action="/round?handler=Act">
            <input type="hidden" name="Input.Trigger" value="Open">
            <input name="__RequestVerificationToken" type="hidden" value="token-1">
            <button type="submit" class="govuk-button" disabled aria-disabled="true">Open the round</button>
        </form>
        <form method="post" action="/round?handler=Act">
            <input type="hidden" name="Input.Trigger" value="Cancel">
            <input name="__RequestVerificationToken" type="hidden" value="token-1">
            <textarea name="Input.Reason">
        Kept</textarea>
            <input type="radio" name="Input.Kind" value="a" checked="checked"><input type="radio" name="Input.Kind" value="b">
            <select name="Input.Pot"><option value="">Select one</option><option value="general">General</option></select>
            <button type="submit" name="action" value="save">Save</button>
            <button type="submit" formaction="/round?handler=Remove&amp;index=0">Remove</button>
        </form>
        """;

    [Fact]
    public void For_SeveralFormsToOneAddress_TakesTheOneWhoseHiddenFieldsMatchAndWhoseButtonCanBePressed()
    {
        var form = PageForms.For(Page, "/round", "/round?handler=Act", new Dictionary<string, string> { ["Input.Trigger"] = "Cancel" });

        Assert.Equal("Cancel", form.Fields["Input.Trigger"]);
        Assert.Equal("Kept", form.Fields["Input.Reason"]);
        Assert.Equal("a", form.Fields["Input.Kind"]);
        Assert.Equal("", form.Fields["Input.Pot"]);
    }

    [Fact]
    public void For_AButtonsOwnAddress_FindsTheFormThatHoldsTheButton()
    {
        var form = PageForms.For(Page, "/round", "/round?index=0&handler=Remove", new Dictionary<string, string>());

        Assert.Equal("/round?handler=Remove&index=0", form.Action);
        Assert.Equal("token-1", form.Fields["__RequestVerificationToken"]);
    }

    [Theory]
    [InlineData("Input.Trigger", "Open", "has only disabled buttons")]
    [InlineData("Input.Trigger", "Approve", "which a browser cannot send as Approve")]
    [InlineData("Input.Amount", "5", "has no field Input.Amount")]
    [InlineData("Input.Kind", "c", "offers Input.Kind only as a, b, not c")]
    [InlineData("Input.Pot", "secret", "offers Input.Pot only as , general, not secret")]
    [InlineData("action", "delete", "has no button action=delete")]
    public void For_WhatNoButtonOfThePageCouldSend_IsRefusedNamingWhy(string name, string value, string why)
    {
        var refused = Assert.ThrowsAny<Exception>(() => PageForms.For(Page, "/round", "/round?handler=Act", new Dictionary<string, string> { [name] = value }));

        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_AnAddressNoFormPostsTo_IsRefusedListingWhereTheyPost()
    {
        var refused = Assert.ThrowsAny<Exception>(() => PageForms.For(Page, "/round", "/round?handler=Approve", new Dictionary<string, string>()));

        Assert.Contains("No form on /round posts to /round?handler=Approve", refused.Message, StringComparison.Ordinal);
    }
}
