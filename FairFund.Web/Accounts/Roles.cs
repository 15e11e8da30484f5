namespace FairFund.Web.Accounts;

/// <summary>The three kinds of people who sign in to FairFund; each sees only its own part of it.</summary>
public static class Roles
{
    public const string FundManager = nameof(FundManager);
    public const string PanelMember = nameof(PanelMember);
    public const string Applicant = nameof(Applicant);

    public static IReadOnlyList<string> All { get; } = [FundManager, PanelMember, Applicant];

    /// <summary>
    /// Where a person holding <paramref name="roles"/> starts after signing in: their own area, the fund team's
    /// first (a fund manager who also sits on a panel runs the round first), or the home page when they have none.
    /// </summary>
    public static string AreaOf(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return held.Contains(FundManager) ? "/fund" : held.Contains(PanelMember) ? "/panel" : held.Contains(Applicant) ? "/apply" : "/";
    }
}
