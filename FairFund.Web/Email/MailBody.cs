using System.Text;
using System.Text.Encodings.Web;

namespace FairFund.Web.Email;

/// <summary>
/// The words of a message, written once and given as both a plain-text part and a simple HTML part. Every
/// piece of text is HTML-encoded here, so what a person typed (their name, say) can never become markup.
/// </summary>
public sealed class MailBody
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public MailBody Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append("<p style=\"margin:0 0 16px\">").Append(HtmlEncoder.Default.Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A link on a line of its own: the plain-text part shows the full address.</summary>
    public MailBody Link(string text, string absoluteUrl)
    {
        _text.Append(text).Append(":\n").Append(absoluteUrl).Append("\n\n");
        _html.Append("<p style=\"margin:0 0 16px\"><a href=\"").Append(HtmlEncoder.Default.Encode(absoluteUrl)).Append("\" style=\"color:#1d70b8\">")
            .Append(HtmlEncoder.Default.Encode(text)).Append("</a></p>\n");
        return this;
    }

    public string Text => _text.ToString().TrimEnd() + "\n";

    public string Html(string title) =>
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\"><title>" + HtmlEncoder.Default.Encode(title) + "</title></head>\n" +
        "<body style=\"font-family:Arial,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c\">\n" + _html + "</body>\n</html>\n";
}
