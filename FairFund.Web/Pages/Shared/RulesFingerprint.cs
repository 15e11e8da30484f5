namespace FairFund.Web.Pages.Shared;

/// <summary>
/// A round's rules exactly as fixed when it opened, with their SHA-256, as the <c>_RulesFingerprint</c> partial
/// shows them on the public round page and the results page.
/// </summary>
public sealed record RulesFingerprint(string Hash, string Json);
