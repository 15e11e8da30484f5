namespace FairFund.Web.Pages.Shared;

/// <summary>
/// What the <c>_StatusTag</c> partial shows: a status in words and the GOV.UK Frontend tag colour
/// that marks it. Pages choose the colour so that the same status looks the same everywhere.
/// </summary>
public sealed record StatusTag(string Text, TagColour Colour = TagColour.Blue);

/// <summary>The tag colours GOV.UK Frontend 6 provides; <see cref="TagColour.Blue"/> is its default.</summary>
public enum TagColour
{
    Blue,
    Grey,
    Green,
    Teal,
    Purple,
    Magenta,
    Red,
    Orange,
    Yellow,
}
