using FairFund.Domain.Applications;
using FairFund.Domain.Validation;

namespace FairFund.Domain.Organisations;

/// <summary>The legal form a group chooses when it registers, which decides the numbers it must give.</summary>
public enum OrganisationType
{
    /// <summary>A constituted group (or an informal one) with no registration: no numbers.</summary>
    UnregisteredGroup,
    /// <summary>An unincorporated charity (a trust or association): a charity number.</summary>
    RegisteredCharity,
    /// <summary>A CIO: a charity number (it is not a company, so no company number).</summary>
    CharitableIncorporatedOrganisation,
    /// <summary>A charity that is also a company limited by guarantee: both numbers.</summary>
    CharitableCompany,
    /// <summary>A CIC: a company number, and never a charity number.</summary>
    CommunityInterestCompany,
    /// <summary>Registered with the FCA, not Companies House or a charity regulator: numbers optional.</summary>
    CommunityBenefitSociety,
    /// <summary>Any other not-for-profit body: numbers optional.</summary>
    OtherNonProfit,
}

/// <summary>The UK has three charity regulators, and each has its own 360Giving org-id prefix.</summary>
public enum CharityRegulator
{
    /// <summary>The Charity Commission for England and Wales: <c>GB-CHC</c>.</summary>
    EnglandAndWales,
    /// <summary>The Scottish Charity Regulator (OSCR): <c>GB-SC</c>, numbers starting SC.</summary>
    Scotland,
    /// <summary>The Charity Commission for Northern Ireland: <c>GB-NIC</c>.</summary>
    NorthernIreland,
}

/// <summary>Someone the funder can reach about the group's applications.</summary>
public sealed record Contact(string Name, string Role, string Email, string? Phone = null);

/// <summary>
/// What a group enters about itself, as the profile form has it: passed to the constructor for a
/// new profile and to <see cref="OrganisationProfile.Update"/> for a change.
/// </summary>
/// <param name="Name">The group's name as it should appear on a grant.</param>
/// <param name="Type">Its legal form, which decides the numbers it must give.</param>
/// <param name="CharityRegulator">Where a charity is registered; null when it is not a charity.</param>
/// <param name="CharityNumber">As entered; stored trimmed, upper case and without spaces.</param>
/// <param name="CompanyNumber">As entered; stored trimmed, upper case and without spaces.</param>
/// <param name="AnnualIncome">Total income in pounds for the year ending <paramref name="IncomeYearEnd"/>, which sets the income band.</param>
/// <param name="IncomeYearEnd">The last day of the financial year the income is for.</param>
/// <param name="Postcode">The group's postcode; stored as "CV1 1AA".</param>
/// <param name="AreaServed">The area the group works in, in its own words.</param>
/// <param name="PeopleRunningTheGroup">Trustees, committee or board members: those who make the group's decisions.</param>
/// <param name="OfThemWithLivedExperience">How many of those have lived experience of the issue the group works on.</param>
/// <param name="OfThemWhoUseTheServices">How many of those use the group's services themselves.</param>
/// <param name="Contacts">The people the funder can reach; at least one.</param>
/// <param name="PostcodeIsHomeAddress">The group is run from someone's home, so its postcode is left out of published grant data.</param>
/// <param name="OfThemFromRacialisedCommunities">How many of the people running the group are from racialised communities; 0 also when the group would rather not say.</param>
public sealed record ProfileDetails(
    string Name,
    OrganisationType Type,
    CharityRegulator? CharityRegulator,
    string? CharityNumber,
    string? CompanyNumber,
    decimal AnnualIncome,
    DateOnly IncomeYearEnd,
    string Postcode,
    string AreaServed,
    int PeopleRunningTheGroup,
    int OfThemWithLivedExperience,
    int OfThemWhoUseTheServices,
    IReadOnlyList<Contact> Contacts,
    bool PostcodeIsHomeAddress = false,
    int OfThemFromRacialisedCommunities = 0);

/// <summary>
/// The organisation profile a group enters once and reuses for every application. It keeps what
/// was entered (normalised: numbers in upper case without spaces, postcodes as "CV1 1AA"), even
/// when incomplete, so a volunteer can save and come back; <see cref="Check"/> says what still needs
/// fixing, and an application should not be submitted while it says anything.
/// The equity flags this profile can vouch for are derived from facts (who runs the group), never
/// ticked as flags, so that a group is not asked to label itself and two groups with the same facts
/// get the same flags.
/// </summary>
public sealed class OrganisationProfile
{
    /// <summary>How old an income figure may be: the year end of accounts filed up to 3 years ago.</summary>
    public const int IncomeYearEndMaxAgeInYears = 3;

    /// <summary>The most people a group can say run it: far more than any committee or board.</summary>
    public const int MaxPeopleRunningTheGroup = 10_000;

    /// <summary>The limit on the group's name, which is published with any grant.</summary>
    public static TextLimit NameLimit { get; } = TextLimit.Name;

    /// <summary>The limit on the area the group serves, in its own words.</summary>
    public static TextLimit AreaServedLimit { get; } = new(500, 80);

    /// <summary>The limit on a contact's name and role.</summary>
    public static TextLimit ContactLimit { get; } = TextLimit.Name;

    /// <summary>The longest email address there can be (RFC 5321's path limit).</summary>
    public static TextLimit EmailLimit { get; } = new(254);

    /// <summary>The longest phone number worth keeping, spaces and all.</summary>
    public static TextLimit PhoneLimit { get; } = new(30);

    private readonly List<Contact> _contacts = [];

    private OrganisationProfile()
    {
    }

    public OrganisationProfile(Guid id, ProfileDetails details)
    {
        Id = id;
        Set(details);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public OrganisationType Type { get; private set; }
    public CharityRegulator? CharityRegulator { get; private set; }
    public string? CharityNumber { get; private set; }
    public string? CompanyNumber { get; private set; }
    public decimal AnnualIncome { get; private set; }
    public DateOnly IncomeYearEnd { get; private set; }
    public string Postcode { get; private set; } = "";
    public string AreaServed { get; private set; } = "";
    public int PeopleRunningTheGroup { get; private set; }
    public int OfThemWithLivedExperience { get; private set; }
    public int OfThemWhoUseTheServices { get; private set; }

    /// <summary>How many of the people running the group are from racialised communities (0 also for "would rather not say").</summary>
    public int OfThemFromRacialisedCommunities { get; private set; }

    public IReadOnlyList<Contact> Contacts => _contacts.AsReadOnly();

    /// <summary>
    /// The group said its postcode is a home address (many small groups are run from a volunteer's kitchen
    /// table), so published grant data leaves the postcode out: open data must not say where someone lives.
    /// </summary>
    public bool PostcodeIsHomeAddress { get; private set; }

    /// <summary>The profile as the form shows it for editing.</summary>
    public ProfileDetails Details => new(Name, Type, CharityRegulator, CharityNumber, CompanyNumber, AnnualIncome, IncomeYearEnd,
        Postcode, AreaServed, PeopleRunningTheGroup, OfThemWithLivedExperience, OfThemWhoUseTheServices, [.. _contacts], PostcodeIsHomeAddress,
        OfThemFromRacialisedCommunities);

    /// <summary>Replaces what the group has told us about itself; <see cref="Check"/> says whether it is complete.</summary>
    public void Update(ProfileDetails details) => Set(details);

    /// <summary>
    /// Every problem with the profile, located by field (<c>charityNumber</c>, <c>contacts[1].email</c>)
    /// and worded for the volunteer filling it in. Empty when the profile is ready to apply with.
    /// </summary>
    /// <param name="today">The date in the UK, which the income's year end is measured against.</param>
    public IReadOnlyList<Problem> Check(DateOnly today) =>
        [.. CheckName(), .. CheckNumbers(), .. CheckIncome(today), .. CheckWhere(), .. CheckPeople(), .. CheckContacts()];

    /// <summary>
    /// The 360Giving org-id (Recipient Org:Identifier): a registered charity's from its regulator
    /// (<c>GB-CHC-1164883</c>, <c>GB-SC-SC042386</c>, <c>GB-NIC-100019</c>), otherwise a company's
    /// (<c>GB-COH-09506232</c>). A charity number comes first because 360Giving matches grants to
    /// charities by it. Null for an unregistered group, and for a number that does not check out,
    /// since a wrong org-id would join the grant to someone else's.
    /// </summary>
    public string? OrgId
    {
        get
        {
            if (Type == OrganisationType.UnregisteredGroup) return null;
            if (CharityNumber is { } charity && !CharityProblems().Any())
            {
                return CharityRegulator switch
                {
                    Organisations.CharityRegulator.EnglandAndWales => $"GB-CHC-{CharityNumbers.Digits(charity)}",
                    Organisations.CharityRegulator.Scotland => $"GB-SC-{charity}",
                    Organisations.CharityRegulator.NorthernIreland => $"GB-NIC-{CharityNumbers.Digits(charity)}",
                    _ => null,
                };
            }
            return CompanyNumber is { } company && CompanyNumbers.IsWellFormed(company) ? $"GB-COH-{company}" : null;
        }
    }

    /// <summary>
    /// The identifier a 360Giving export uses: the <see cref="OrgId"/>, or for a group without one
    /// the funder's own <c>360G-{prefix}-org-{Id}</c>, as the standard asks for unregistered groups.
    /// </summary>
    /// <param name="funderPrefix">The funder's 360Giving publisher prefix, such as <c>cvfund</c>.</param>
    public string Identifier360Giving(string funderPrefix) => OrgId ?? $"360G-{funderPrefix}-org-{Id}";

    /// <summary>
    /// The equity flags this profile vouches for, derived from what the group has told us:
    /// <list type="bullet">
    /// <item><c>unregistered</c>: its type is an unregistered group.</item>
    /// <item><c>livedExperienceLed</c>: more than half of the people running the group have lived
    /// experience of the issue (half is not a majority: 2 of 4 is not led, 3 of 5 is).</item>
    /// <item><c>userLed</c>: more than half of the people running the group use its services.</item>
    /// <item><c>racialisedCommunitiesLed</c>: more than half of the people running the group are from racialised
    /// communities, so that it is led by and for them (the seed area is 16% racialised communities).</item>
    /// </list>
    /// A count larger than the whole (which <see cref="Check"/> reports) gives no flag.
    /// </summary>
    public IReadOnlyList<string> Flags
    {
        get
        {
            var flags = new List<string>();
            foreach (var (flag, vouched) in FlagRules)
            {
                if (vouched(this)) flags.Add(flag);
            }
            return flags;
        }
    }

    /// <summary>
    /// The rule for one of the <see cref="DerivedFlags"/> as an expression over the profile, so that a list can ask a
    /// database for the groups with the flag by the same rule <see cref="Flags"/> applies.
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="flag"/> is not derived from the profile.</exception>
    public static System.Linq.Expressions.Expression<Func<OrganisationProfile, bool>> Vouches(string flag) => flag switch
    {
        KnownFlags.Unregistered => profile => profile.Type == OrganisationType.UnregisteredGroup,
        // A majority: more than half, and never more than the whole (2 of 4 is not led, 3 of 5 is).
        KnownFlags.LivedExperienceLed => profile => profile.OfThemWithLivedExperience <= profile.PeopleRunningTheGroup && profile.OfThemWithLivedExperience * 2 > profile.PeopleRunningTheGroup,
        KnownFlags.UserLed => profile => profile.OfThemWhoUseTheServices <= profile.PeopleRunningTheGroup && profile.OfThemWhoUseTheServices * 2 > profile.PeopleRunningTheGroup,
        KnownFlags.RacialisedCommunitiesLed => profile => profile.OfThemFromRacialisedCommunities <= profile.PeopleRunningTheGroup && profile.OfThemFromRacialisedCommunities * 2 > profile.PeopleRunningTheGroup,
        _ => throw new ArgumentException($"{flag} is not derived from the organisation's profile.", nameof(flag)),
    };

    /// <summary>The flags derived here, which a caller may not supply from elsewhere.</summary>
    public static IReadOnlyList<string> DerivedFlags { get; } = [KnownFlags.Unregistered, KnownFlags.LivedExperienceLed, KnownFlags.UserLed, KnownFlags.RacialisedCommunitiesLed];

    // After DerivedFlags: static initialisers run in the order they are written.
    private static readonly (string Flag, Func<OrganisationProfile, bool> Vouched)[] FlagRules =
        [.. DerivedFlags.Select(flag => (flag, Vouches(flag).Compile()))];

    /// <summary>
    /// The organisation as the allocation sees it: its name, income and every flag. The flags the profile
    /// cannot know come from whoever does: <c>firstTimeApplicant</c> from the funder's own records of past
    /// grants, <c>partnershipBid</c> from the application, <c>rural</c> and <c>deprivedArea</c> from
    /// postcode data (the rural-urban classification and the Index of Multiple Deprivation), which the
    /// domain does not hold.
    /// </summary>
    /// <param name="knownElsewhere">Those other flags; a flag derived here (<see cref="DerivedFlags"/>) is refused, because
    /// it must come from the profile's facts.</param>
    /// <exception cref="ArgumentException">When <paramref name="knownElsewhere"/> holds a flag derived here.</exception>
    public Organisation ForAllocation(IEnumerable<string> knownElsewhere)
    {
        var others = knownElsewhere.Distinct(StringComparer.Ordinal).ToList();
        var derivedHere = others.Where(flag => DerivedFlags.Contains(flag, StringComparer.Ordinal)).ToList();
        if (derivedHere.Count > 0)
            throw new ArgumentException($"{string.Join(", ", derivedHere)} is derived from the organisation's profile, not supplied.", nameof(knownElsewhere));
        return new Organisation(Name, AnnualIncome, [.. Flags, .. others]);
    }

    private void Set(ProfileDetails details)
    {
        Name = FreeText.CleanLine(details.Name);
        Type = details.Type;
        CharityRegulator = details.CharityRegulator;
        CharityNumber = CharityNumbers.Normalise(details.CharityNumber);
        CompanyNumber = CompanyNumbers.Normalise(details.CompanyNumber);
        AnnualIncome = details.AnnualIncome;
        IncomeYearEnd = details.IncomeYearEnd;
        Postcode = Postcodes.Normalise(details.Postcode);
        PostcodeIsHomeAddress = details.PostcodeIsHomeAddress;
        AreaServed = FreeText.Clean(details.AreaServed);
        PeopleRunningTheGroup = details.PeopleRunningTheGroup;
        OfThemWithLivedExperience = details.OfThemWithLivedExperience;
        OfThemWhoUseTheServices = details.OfThemWhoUseTheServices;
        OfThemFromRacialisedCommunities = details.OfThemFromRacialisedCommunities;
        _contacts.Clear();
        _contacts.AddRange(details.Contacts.Select(contact => new Contact(
            FreeText.CleanLine(contact.Name), FreeText.CleanLine(contact.Role), FreeText.CleanLine(contact.Email),
            FreeText.CleanLine(contact.Phone) is { Length: > 0 } phone ? phone : null)));
    }

    private IEnumerable<Problem> CheckName()
    {
        if (Name.Length == 0) yield return new Problem("name", "Enter your group's name");
        else if (FreeText.Check("name", "Your group's name", Name, NameLimit) is { } tooLong) yield return tooLong;
        if (!Enum.IsDefined(Type)) yield return new Problem("type", "Choose the type of organisation");
    }

    private IEnumerable<Problem> CheckNumbers()
    {
        if (Type == OrganisationType.UnregisteredGroup)
        {
            if (CharityNumber is not null)
                yield return new Problem("charityNumber", "An unregistered group does not have a charity number: remove it, or choose the type of registered organisation you are");
            if (CompanyNumber is not null)
                yield return new Problem("companyNumber", "An unregistered group does not have a company number: remove it, or choose the type of registered organisation you are");
            yield break;
        }

        if (NeedsCharityNumber(Type) && CharityNumber is null)
            yield return new Problem("charityNumber", "Enter your charity number, like 1234567 or SC012345");
        else if (Type == OrganisationType.CommunityInterestCompany && CharityNumber is not null)
            yield return new Problem("charityNumber", "A community interest company cannot be a registered charity: remove the charity number, or choose the type of organisation you are");
        else
            foreach (var problem in CharityProblems()) yield return problem;

        if (NeedsCompanyNumber(Type) && CompanyNumber is null)
            yield return new Problem("companyNumber", "Enter your company number, like 01234567 or SC123456");
        else if (CompanyNumber is { } company && !CompanyNumbers.IsWellFormed(company))
            yield return new Problem("companyNumber", company.All(char.IsAsciiDigit) && company.Length < 8
                ? "A company number has 8 characters: copy it as Companies House shows it, which may start with 0, like 01234567"
                : "Enter a company number of 8 characters, like 01234567 or SC123456");
    }

    private IEnumerable<Problem> CharityProblems()
    {
        if (CharityNumber is not { } number) yield break;
        if (!CharityNumbers.IsWellFormed(number))
        {
            yield return new Problem("charityNumber", "Enter a charity number like 1234567 or SC012345");
            yield break;
        }
        switch (CharityRegulator)
        {
            case null:
                yield return new Problem("charityRegulator", "Choose where your charity is registered: England and Wales, Scotland or Northern Ireland");
                break;
            case Organisations.CharityRegulator.Scotland when !number.StartsWith("SC", StringComparison.Ordinal):
                yield return new Problem("charityNumber", "A Scottish charity number starts with SC, like SC012345");
                break;
            case not Organisations.CharityRegulator.Scotland when number.StartsWith("SC", StringComparison.Ordinal):
                yield return new Problem("charityRegulator", "A charity number starting with SC is registered in Scotland: choose Scotland, or check the number");
                break;
            default:
                if (!Enum.IsDefined(CharityRegulator.Value))
                    yield return new Problem("charityRegulator", "Choose where your charity is registered: England and Wales, Scotland or Northern Ireland");
                break;
        }
    }

    private static bool NeedsCharityNumber(OrganisationType type) => type is OrganisationType.RegisteredCharity
        or OrganisationType.CharitableIncorporatedOrganisation or OrganisationType.CharitableCompany;

    private static bool NeedsCompanyNumber(OrganisationType type) => type is OrganisationType.CharitableCompany
        or OrganisationType.CommunityInterestCompany;

    private IEnumerable<Problem> CheckIncome(DateOnly today)
    {
        if (AnnualIncome < 0)
            yield return new Problem("annualIncome", "Enter your annual income as £0 or more");
        else if (AnnualIncome > MoneyLimits.Largest)
            yield return new Problem("annualIncome", $"Enter your annual income as {MoneyLimits.LargestInWords} or less");
        else if (decimal.Round(AnnualIncome, 2) != AnnualIncome)
            yield return new Problem("annualIncome", "Enter your annual income in pounds and pence, with no more than 2 decimal places");

        if (IncomeYearEnd > today)
            yield return new Problem("incomeYearEnd", "The end of the year your income is for must be today or in the past");
        else if (IncomeYearEnd < today.AddYears(-IncomeYearEndMaxAgeInYears))
            yield return new Problem("incomeYearEnd",
                $"Give your income for a year that ended in the last {IncomeYearEndMaxAgeInYears} years, so that it is recent enough to go by");
    }

    private IEnumerable<Problem> CheckWhere()
    {
        if (Postcode.Length == 0)
            yield return new Problem("postcode", "Enter your group's postcode");
        else if (!Postcodes.IsWellFormed(Postcode))
            yield return new Problem("postcode", "Enter a full UK postcode, like CV1 1AA");
        if (AreaServed.Length == 0)
            yield return new Problem("areaServed", "Enter the area your group serves, like a neighbourhood, town or county");
        else if (FreeText.Check("areaServed", "The area your group serves", AreaServed, AreaServedLimit) is { } tooLong)
            yield return tooLong;
    }

    private IEnumerable<Problem> CheckPeople()
    {
        if (PeopleRunningTheGroup < 0)
            yield return new Problem("peopleRunningTheGroup", "Enter how many people run your group, as 0 or more");
        else if (PeopleRunningTheGroup > MaxPeopleRunningTheGroup)
            yield return new Problem("peopleRunningTheGroup", $"Enter how many people run your group, as {MaxPeopleRunningTheGroup:N0} or fewer");
        foreach (var problem in CheckPart("ofThemWithLivedExperience", OfThemWithLivedExperience, "have lived experience")) yield return problem;
        foreach (var problem in CheckPart("ofThemWhoUseTheServices", OfThemWhoUseTheServices, "use your services")) yield return problem;
        foreach (var problem in CheckPart("ofThemFromRacialisedCommunities", OfThemFromRacialisedCommunities, "are from racialised communities")) yield return problem;
    }

    private IEnumerable<Problem> CheckPart(string at, int part, string who)
    {
        if (part < 0)
            yield return new Problem(at, $"Enter how many of the people running your group {who}, as 0 or more");
        else if (part > PeopleRunningTheGroup && PeopleRunningTheGroup >= 0)
            yield return new Problem(at, $"The number who {who} cannot be more than the {PeopleRunningTheGroup} people running your group");
    }

    private IEnumerable<Problem> CheckContacts()
    {
        if (_contacts.Count == 0)
        {
            yield return new Problem("contacts", "Add at least one person we can contact about your applications");
            yield break;
        }
        for (var i = 0; i < _contacts.Count; i++)
        {
            var at = Location.Item("contacts", i);
            var contact = _contacts[i];
            if (contact.Name.Length == 0) yield return new Problem(Location.Field(at, "name"), "Enter the contact's name");
            else if (FreeText.Check(Location.Field(at, "name"), "The contact's name", contact.Name, ContactLimit) is { } name) yield return name;
            if (contact.Role.Length == 0) yield return new Problem(Location.Field(at, "role"), "Enter the contact's role in your group, like Secretary");
            else if (FreeText.Check(Location.Field(at, "role"), "The contact's role", contact.Role, ContactLimit) is { } role) yield return role;
            if (contact.Email.Length == 0)
                yield return new Problem(Location.Field(at, "email"), "Enter the contact's email address");
            else if (FreeText.Check(Location.Field(at, "email"), "The contact's email address", contact.Email, EmailLimit) is { } email)
                yield return email;
            else if (!EmailAddresses.IsWellFormed(contact.Email))
                yield return new Problem(Location.Field(at, "email"), "Enter an email address in the correct format, like name@example.org");
            if (contact.Phone is { } longPhone && FreeText.Check(Location.Field(at, "phone"), "The contact's phone number", longPhone, PhoneLimit) is { } tooLongPhone)
                yield return tooLongPhone;
            else if (contact.Phone is { } phone && !PhoneNumbers.IsWellFormed(phone))
                yield return new Problem(Location.Field(at, "phone"), "Enter a UK phone number, like 024 7600 0000 or +44 7700 900982");
        }
    }
}
