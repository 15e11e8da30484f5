namespace FairFund.Web.Accounts;

/// <summary>
/// Who runs this FairFund: shown on public pages, and used by decision emails and open data. Set under
/// <c>FairFund:Funder</c>; a first run with demo data uses <c>data/demo/funder.json</c>.
/// </summary>
public sealed class Funder
{
    public const string Section = "FairFund:Funder";

    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string ReplyTo { get; set; } = "";

    /// <summary>
    /// The funder's 360Giving publisher prefix without the leading <c>360G-</c> (<c>cwmha</c>), from which grant
    /// identifiers (<c>360G-cwmha-{round}-{reference}</c>) and unregistered groups' identifiers are made.
    /// </summary>
    public string OrgIdPrefix { get; set; } = "";

    /// <summary>The funder's own org-id for 360Giving's Funding Org:Identifier, such as <c>GB-CHC-1234567</c>.</summary>
    public string OrgId { get; set; } = "";

    /// <summary>
    /// The postcode districts (<c>CV47</c>) and sectors (<c>CV23 9</c>) this funder treats as rural, from the
    /// ONS rural-urban classification of its area; groups there carry the <c>rural</c> flag.
    /// </summary>
    public List<string> RuralPostcodes { get; set; } = [];

    public FairFund.Domain.Organisations.RuralAreas RuralAreas => new(RuralPostcodes);

    /// <summary>
    /// The funder's area of benefit: postcode areas (<c>CV</c>), districts (<c>CV47</c>) and sectors (<c>CV23 9</c>).
    /// Screening shows whether each group's postcode is in it; empty means no area is set, and nothing is checked.
    /// </summary>
    public List<string> AreaPostcodes { get; set; } = [];

    public FairFund.Domain.Organisations.AreaOfBenefit AreaOfBenefit => new(AreaPostcodes);

    public bool IsSet => Name.Length > 0;
}
