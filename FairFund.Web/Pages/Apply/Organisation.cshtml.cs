using System.Text.RegularExpressions;
using FairFund.Domain.Organisations;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// The group's profile, entered once and reused for every application. There is no id in the address:
/// the page always works on the first group the signed-in person is a member of, so nobody can reach
/// another group's details; a person with no group creates one and becomes its member.
/// </summary>
public sealed partial class OrganisationModel(FairFundDbContext db, UserManager<IdentityUser> users, TimeProvider time) : PageModel
{
    public const string SavedKey = "OrganisationSaved";
    public const string SavedMessage = "Your group's details are saved";

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    /// <summary>The group's details changed after the page was shown, so what was entered was not saved.</summary>
    public ChangedMeanwhile? ChangedMeanwhile { get; private set; }

    public bool IsNew { get; private set; }

    /// <summary>Why the person was sent here, such as starting an application before entering the group's details.</summary>
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = TempData[IndexModel.NeedsGroupKey] as string;
        var profile = await MyProfileAsync(cancellationToken);
        IsNew = profile is null;
        if (profile is not null)
            Input = ProfileInput.From(profile.Details, db.VersionOf(profile));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var profile = await MyProfileAsync(cancellationToken);
        IsNew = profile is null;
        if (profile is not null)
        {
            // Save only over the version the person was looking at: if someone has saved since, theirs stands.
            if (!db.IsStillAt(profile, Input.Version)) return await ChangedAsync(cancellationToken);
        }

        // Entries that could not be read stand in as placeholders, so that the profile's own checks still
        // report everything else in the same go; the page shows them all and saves nothing.
        var details = Input.Read(Errors, out var notChecked);

        var today = DateOnly.FromDateTime(UkTime.From(time.GetUtcNow()).DateTime);
        if (profile is null)
        {
            profile = new OrganisationProfile(Guid.NewGuid(), details);
            db.Organisations.Add(profile);
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = profile.Id, UserId = users.GetUserId(User)! });
        }
        else
        {
            profile.Update(details);
        }

        foreach (var problem in profile.Check(today).Where(problem => !notChecked.Contains(problem.Location)))
            Errors.Add(FieldId(problem.Location), problem.Message);
        if (Errors.Any)
        {
            db.ChangeTracker.Clear();
            return Page();
        }

        if (IsNew)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another save (a double click, another tab) created this account's group first; that one stands.
                return await ChangedAsync(cancellationToken);
            }
        }
        else if (await db.SaveOverAsync(profile, Input.Version, cancellationToken) == EditSave.ChangedMeanwhile)
        {
            return await ChangedAsync(cancellationToken);
        }
        TempData[SavedKey] = SavedMessage;
        // From "check your answers", the person goes back there; only a reference's own characters are
        // accepted, so the address can only ever lead to an application page on this site.
        if (ReturnTo is { Length: > 0 and <= 60 } reference && reference.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return RedirectToPage("/Apply/Check", new { reference });
        return RedirectToPage("/Apply/Index");
    }

    /// <summary>
    /// The one outcome of a save that lost to another (docs/edit-conflicts.md): what was typed stays in the form,
    /// over the version now saved, so saving again knowingly replaces the other change.
    /// </summary>
    private async Task<PageResult> ChangedAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = await MyProfileAsync(cancellationToken);
        IsNew = now is null;
        Input.Version = now is null ? Guid.Empty : db.VersionOf(now);
        ChangedMeanwhile = Forms.ChangedMeanwhile.On(this, "Your group's details", "select “Save your group's details” again");
        return Page();
    }

    /// <summary>The application whose check page sent the person here, to return to after saving.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnTo { get; set; }

    private async Task<OrganisationProfile?> MyProfileAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var id = await db.OrganisationMembers.Where(member => member.UserId == userId)
            .OrderBy(member => member.OrganisationId).Select(member => (Guid?)member.OrganisationId).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await db.Organisations.SingleAsync(organisation => organisation.Id == id, cancellationToken);
    }

    /// <summary>The id of the input a domain location (<c>contacts[0].email</c>) is about (<c>contacts-0-email</c>).</summary>
    public static string FieldId(string location) => location switch
    {
        "incomeYearEnd" => "income-year-end-day",
        "contacts" => "contacts-0-name",
        _ => CamelHump().Replace(Punctuation().Replace(location, "-").Trim('-'), "$1-$2").ToLowerInvariant(),
    };

    [GeneratedRegex(@"[\[\].]+")]
    private static partial Regex Punctuation();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelHump();

    /// <summary>The profile form as typed: text, so that what was entered can be shown back with what is wrong with it.</summary>
    public sealed class ProfileInput
    {
        public const int ContactSlots = 2;

        public string? Name { get; set; }
        public string? Type { get; set; }
        public string? CharityRegulator { get; set; }
        public string? CharityNumber { get; set; }
        public string? CompanyNumber { get; set; }
        public string? AnnualIncome { get; set; }
        public DateInput IncomeYearEnd { get; set; } = new();
        public string? Postcode { get; set; }

        /// <summary>A checkbox: ticked, the group's postcode is left out of published grant data.</summary>
        public bool PostcodeIsHomeAddress { get; set; }

        public string? AreaServed { get; set; }
        public string? PeopleRunningTheGroup { get; set; }
        public string? OfThemWithLivedExperience { get; set; }
        public string? OfThemWhoUseTheServices { get; set; }
        public string? OfThemFromRacialisedCommunities { get; set; }
        public List<ContactInput> Contacts { get; set; } = [];
        public Guid Version { get; set; }

        public ContactInput Contact(int index) => index < Contacts.Count ? Contacts[index] : new ContactInput();

        public static ProfileInput From(ProfileDetails details, Guid version) => new()
        {
            Name = details.Name,
            Type = details.Type.ToString(),
            CharityRegulator = details.CharityRegulator?.ToString(),
            CharityNumber = details.CharityNumber,
            CompanyNumber = details.CompanyNumber,
            AnnualIncome = FormNumbers.Money(details.AnnualIncome),
            IncomeYearEnd = DateInput.From(details.IncomeYearEnd),
            Postcode = details.Postcode,
            PostcodeIsHomeAddress = details.PostcodeIsHomeAddress,
            AreaServed = details.AreaServed,
            PeopleRunningTheGroup = Whole(details.PeopleRunningTheGroup),
            OfThemWithLivedExperience = Whole(details.OfThemWithLivedExperience),
            OfThemWhoUseTheServices = Whole(details.OfThemWhoUseTheServices),
            OfThemFromRacialisedCommunities = Whole(details.OfThemFromRacialisedCommunities),
            Contacts = [.. details.Contacts.Select(contact => new ContactInput { Name = contact.Name, Role = contact.Role, Email = contact.Email, Phone = contact.Phone })],
            Version = version,
        };

        /// <summary>
        /// The details as values, with every entry that is not a number, a date or a choice where one is needed in
        /// <paramref name="errors"/> and a placeholder in its place.
        /// </summary>
        /// <param name="errors">Where to add what could not be read.</param>
        /// <param name="notChecked">The profile's problem locations that a placeholder would make wrong, so are not to be shown.</param>
        public ProfileDetails Read(FormErrors errors, out IReadOnlySet<string> notChecked)
        {
            var skip = new HashSet<string>(StringComparer.Ordinal);
            notChecked = skip;
            // Its length is the profile's own check, as are the other texts' limits.
            var name = Name ?? "";

            OrganisationType? type = Enum.TryParse<OrganisationType>(Type, out var t) && Enum.IsDefined(t) && !int.TryParse(Type, out _) ? t : null;
            if (type is null)
            {
                errors.Add("type", "Select the type of group you are");
                skip.UnionWith(["charityNumber", "companyNumber", "charityRegulator"]);
            }

            CharityRegulator? regulator = null;
            if (!FormNumbers.IsBlank(CharityRegulator))
            {
                if (Enum.TryParse<CharityRegulator>(CharityRegulator, out var r) && Enum.IsDefined(r) && !int.TryParse(CharityRegulator, out _)) regulator = r;
                else errors.Add("charity-regulator", "Select where your charity is registered");
            }

            decimal? income = null;
            if (FormNumbers.IsBlank(AnnualIncome)) errors.Add("annual-income", "Enter your group's income for its latest year, or 0 if it had none");
            else if (FormNumbers.TryMoney(AnnualIncome, out var amount)) income = amount;
            else errors.Add("annual-income", "Enter your income as an amount of money, like 8400 or £8,400.50");

            var yearEnd = UkDateInput.ReadDate(IncomeYearEnd, "income-year-end", "date your year ended", errors);

            var running = Count(PeopleRunningTheGroup, "people-running-the-group", "how many people run your group", errors);
            var lived = Count(OfThemWithLivedExperience, "of-them-with-lived-experience", "how many of them have lived experience of mental ill health", errors);
            var using_ = Count(OfThemWhoUseTheServices, "of-them-who-use-the-services", "how many of them use your group's services", errors);
            // Left blank is "would rather not say", which counts as none.
            var racialised = FormNumbers.IsBlank(OfThemFromRacialisedCommunities) ? 0
                : Count(OfThemFromRacialisedCommunities, "of-them-from-racialised-communities", "how many of them are from racialised communities", errors);
            if (running is null) skip.UnionWith(["ofThemWithLivedExperience", "ofThemWhoUseTheServices", "ofThemFromRacialisedCommunities"]);

            var contacts = Contacts.Take(ContactSlots).Select((contact, index) => (contact, index))
                .Where(entry => entry.index == 0 || !entry.contact.IsBlank)
                .Select(entry => new Contact(entry.contact.Name ?? "", entry.contact.Role ?? "", entry.contact.Email ?? "", entry.contact.Phone))
                .ToList();
            if (contacts.Count == 0) contacts.Add(new Contact("", "", ""));

            return new ProfileDetails(name, type ?? OrganisationType.OtherNonProfit, regulator, CharityNumber, CompanyNumber, income ?? 0m,
                yearEnd ?? DateOnly.MaxValue, Postcode ?? "", AreaServed ?? "", running ?? 0, lived ?? 0, using_ ?? 0, contacts, PostcodeIsHomeAddress, racialised ?? 0);
        }

        private static string Whole(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static int? Count(string? text, string id, string what, FormErrors errors)
        {
            if (FormNumbers.IsBlank(text))
            {
                errors.Add(id, $"Enter {what}");
                return null;
            }
            if (FormNumbers.TryWhole(text, out var count) && count >= 0) return count;
            errors.Add(id, $"Enter {what} as a whole number, like 5, or 0 for none");
            return null;
        }
    }

    public sealed class ContactInput
    {
        public string? Name { get; set; }
        public string? Role { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }

        public bool IsBlank => FormNumbers.IsBlank(Name) && FormNumbers.IsBlank(Role) && FormNumbers.IsBlank(Email) && FormNumbers.IsBlank(Phone);
    }
}
