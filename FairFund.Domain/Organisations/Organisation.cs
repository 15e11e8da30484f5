namespace FairFund.Domain.Organisations;

/// <summary>
/// What the rules know about an applying group: its income (which sets its band) and its flags
/// (which equity rules and ring-fenced pots read).
/// </summary>
public sealed record Organisation(string Name, decimal AnnualIncome, IReadOnlyList<string> Flags)
{
    public bool HasFlag(string flag)
    {
        for (var i = 0; i < Flags.Count; i++)
        {
            if (string.Equals(Flags[i], flag, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}

/// <summary>The flags that FairFund itself knows the meaning of. A round may use others.</summary>
public static class KnownFlags
{
    public const string LivedExperienceLed = "livedExperienceLed";
    public const string UserLed = "userLed";
    public const string FirstTimeApplicant = "firstTimeApplicant";
    public const string Unregistered = "unregistered";
    public const string PartnershipBid = "partnershipBid";
    public const string Rural = "rural";
    /// <summary>A postcode in an Index of Multiple Deprivation decile 1 or 2.</summary>
    public const string DeprivedArea = "deprivedArea";
    /// <summary>More than half of the people running the group are from racialised communities (derived from the profile).</summary>
    public const string RacialisedCommunitiesLed = "racialisedCommunitiesLed";

    public static IReadOnlyList<string> All { get; } =
        [LivedExperienceLed, UserLed, FirstTimeApplicant, Unregistered, PartnershipBid, Rural, DeprivedArea, RacialisedCommunitiesLed];

    /// <summary>A flag as it reads after "the organisation is": known flags in words, others as they are written.</summary>
    public static string InWords(string flag) => flag switch
    {
        LivedExperienceLed => "led by people with lived experience",
        UserLed => "user-led",
        FirstTimeApplicant => "a first-time applicant",
        Unregistered => "an unregistered group",
        PartnershipBid => "a partnership bid",
        Rural => "rural",
        DeprivedArea => "in a deprived area (IMD decile 1 or 2)",
        RacialisedCommunitiesLed => "led by and for people from racialised communities",
        _ => $"flagged {flag}",
    };
}
