using System.Text.RegularExpressions;

namespace FairFund.Web.Forms;

/// <summary>The id of the input a domain problem's location is about: <c>budget[1].cost</c> is at <c>budget-1-cost</c>.</summary>
public static partial class FieldIds
{
    public static string Of(string location) =>
        CamelHump().Replace(Punctuation().Replace(location, "-").Trim('-'), "$1-$2").ToLowerInvariant();

    [GeneratedRegex(@"[\[\].]+")]
    private static partial Regex Punctuation();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelHump();
}
