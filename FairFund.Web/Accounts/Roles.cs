namespace FairFund.Web.Accounts;

/// <summary>The three kinds of people who sign in to FairFund; each sees only its own part of it.</summary>
public static class Roles
{
    public const string FundManager = nameof(FundManager);
    public const string PanelMember = nameof(PanelMember);
    public const string Applicant = nameof(Applicant);

    public static IReadOnlyList<string> All { get; } = [FundManager, PanelMember, Applicant];
}
