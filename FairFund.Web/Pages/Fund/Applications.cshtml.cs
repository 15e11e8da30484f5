using FairFund.Domain.Applications;
using FairFund.Domain.Organisations;
using FairFund.Domain.Rounds;
using FairFund.Domain.Scoring;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Export;
using FairFund.Web.Forms;
using FairFund.Web.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// Every application to a round, from the day it opens: how many are at each stage, a search by reference, group
/// name or postcode, filters (state, income band, postcode area, flags, amount), an order, pages of 50, and the
/// filtered list as CSV or xlsx. Drafts show how far along they are, as the domain counts it for the round's form.
/// The form is a GET, so a filtered list has an address to bookmark or share and the exports take the same query.
/// </summary>
public sealed class ApplicationsModel(FairFundDbContext db, TimeProvider time) : PageModel
{
    public string Reference { get; private set; } = "";
    public string RoundName { get; private set; } = "";
    public ApplicationCounts Counts { get; private set; } = ApplicationCounts.From(new Dictionary<ApplicationState, int>());
    public int Matching { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    public IReadOnlyList<string> IncomeBandKeys { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "search")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "state")] public List<string> States { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "band")] public string? Band { get; set; }
    [BindProperty(SupportsGet = true, Name = "area")] public string? Area { get; set; }
    [BindProperty(SupportsGet = true, Name = "flag")] public List<string> Flags { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "amountFrom")] public string? AmountFrom { get; set; }
    [BindProperty(SupportsGet = true, Name = "amountTo")] public string? AmountTo { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "order")] public string? Order { get; set; }
    [BindProperty(SupportsGet = true, Name = "pageNumber")] public string? PageNumber { get; set; }

    public ApplicationListFilter Filter { get; private set; } = ApplicationListFilter.Everything;

    public int Pages => Math.Max(1, (Matching + ApplicationListFilter.PageSize - 1) / ApplicationListFilter.PageSize);

    /// <summary>The states a fund manager can filter on, in lifecycle order, with their staff labels.</summary>
    public static IReadOnlyList<Choice> StateChoices { get; } =
        [.. Enum.GetValues<ApplicationState>().Select(state => new Choice(state.ToString(), Labels.ForStaff(state)))];

    public static IReadOnlyList<Choice> FlagChoices { get; } =
        [.. ApplicationListFilter.FilterableFlags.Select(flag => new Choice(flag, char.ToUpperInvariant(KnownFlags.InWords(flag)[0]) + KnownFlags.InWords(flag)[1..]))];

    public static IReadOnlyList<Choice> SortChoices { get; } =
    [
        new(nameof(ApplicationListSort.Reference), "Reference"), new(nameof(ApplicationListSort.Group), "Group name"),
        new(nameof(ApplicationListSort.Postcode), "Postcode"), new(nameof(ApplicationListSort.Amount), "Amount requested"),
        new(nameof(ApplicationListSort.State), "Status"),
    ];

    public sealed record Row(string Reference, string GroupName, string Postcode, string IncomeBand, string Amount, ApplicationState State, string Status, string? Progress, string? Sent);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is not { } round) return NotFound();
        if (Errors.Any) return Page();
        var list = new ApplicationList(db);
        var (matching, page) = await list.PageAsync(round.Id, round.Rules.IncomeBands, Filter, cancellationToken);
        Matching = matching;
        var progress = await ProgressAsync(list, round, page.Where(row => row.State == ApplicationState.Draft).Select(row => row.Id), cancellationToken);
        Rows = [.. page.Select(row => new Row(row.Reference, row.GroupName, row.Postcode, round.Rules.IncomeBands.BandFor(row.AnnualIncome), Money.PoundsAndPence(row.Amount),
            row.State, Labels.ForStaff(row.State), progress.GetValueOrDefault(row.Id)?.ToString(), row.SubmittedAt is { } sent ? UkTime.Format(sent) : null))];
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(string reference, CancellationToken cancellationToken) =>
        ExportAsync(reference, "csv", ApplicationListExport.CsvContentType, ApplicationListExport.WriteCsv, cancellationToken);

    public Task<IActionResult> OnGetXlsxAsync(string reference, CancellationToken cancellationToken) =>
        ExportAsync(reference, "xlsx", AllocationWorkbook.ContentType, ApplicationListExport.WriteXlsx, cancellationToken);

    /// <summary>The query string as filtered now (repeated keys and all), with <paramref name="changes"/> over it, for links.</summary>
    public string QueryWith(params (string Key, string? Value)[] changes)
    {
        var pairs = Request.Query.Where(pair => pair.Key != "handler" && changes.All(change => change.Key != pair.Key))
            .SelectMany(pair => pair.Value.Where(value => !string.IsNullOrEmpty(value)).Select(value => (pair.Key, Value: value!)))
            .Concat(changes.Where(change => change.Value is not null).Select(change => (change.Key, Value: change.Value!)));
        var query = string.Join('&', pairs.Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}"));
        return query.Length == 0 ? "" : "?" + query;
    }

    private async Task<IActionResult> ExportAsync(string reference, string extension, string contentType, Action<IEnumerable<ApplicationExportRow>, bool, Stream> write, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is not { } round) return NotFound();
        if (Errors.Any) return await OnGetAsync(reference, cancellationToken);
        var list = new ApplicationList(db);
        var rows = await list.AllAsync(round.Id, round.Rules.IncomeBands, Filter with { Page = 1 }, cancellationToken);
        var progress = await ProgressAsync(list, round, rows.Where(row => row.State == ApplicationState.Draft).Select(row => row.Id), cancellationToken);
        // Contacts are personal data: only a fund manager's export carries them.
        var withContacts = User.IsInRole(Roles.FundManager);
        var contacts = withContacts ? await list.ContactsAsync([.. rows.Select(row => row.GroupId)], cancellationToken) : null;
        var bands = round.Rules.IncomeBands;
        var export = rows.Select(row => new ApplicationExportRow(row.Reference, row.GroupName, row.Postcode, bands.BandFor(row.AnnualIncome), row.Amount,
            Labels.ForStaff(row.State), progress.GetValueOrDefault(row.Id)?.ToString() ?? "", row.SubmittedAt,
            contacts is null ? null : ContactsInWords(contacts.GetValueOrDefault(row.GroupId) ?? [])));
        var stream = new MemoryStream();
        write(export, withContacts, stream);
        var stamp = UkTime.From(time.GetUtcNow()).ToString("yyyy-MM-dd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        return File(stream.ToArray(), contentType, $"{round.Reference}-applications-{stamp}.{extension}");
    }

    private static string ContactsInWords(IReadOnlyList<Contact> contacts) =>
        string.Join("; ", contacts.Select(contact => $"{contact.Name} ({contact.Role}) {contact.Email}{(contact.Phone is { } phone ? " " + phone : "")}"));

    /// <summary>How far along each draft is, asked of the domain for the round's form.</summary>
    private static async Task<Dictionary<Guid, TaskProgress>> ProgressAsync(ApplicationList list, Round round, IEnumerable<Guid> draftIds, CancellationToken cancellationToken)
    {
        var grants = new GrantRange(round.Rules.GrantMin, round.Rules.GrantMax);
        var drafts = await list.DraftsAsync(draftIds, cancellationToken);
        return drafts.ToDictionary(draft => draft.Id, draft => draft.Progress(round.Form, grants));
    }

    /// <summary>Loads the round and reads the filter as typed, putting what cannot be used into <see cref="Errors"/>; null when there is no such round.</summary>
    private async Task<Round?> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        await RoundClock.CloseDueRoundsAsync(db, time.GetUtcNow(), cancellationToken);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        if (round is null) return null;
        (Reference, RoundName) = (round.Reference, round.Name);
        IncomeBandKeys = [.. round.Rules.IncomeBands.Bands.Select(band => band.Key)];
        Counts = await new ApplicationList(db).CountsAsync(round.Id, cancellationToken);

        Filter = ReadFilter(Search, States, Band, Area, Flags, AmountFrom, AmountTo, Sort, Order, PageNumber, round.Rules.IncomeBands, Errors);
        return round;
    }

    /// <summary>
    /// The list's filter as typed (the query's names: search, state, band, area, flag, amountFrom, amountTo, sort, order,
    /// pageNumber), with what cannot be used put into <paramref name="errors"/> at its field. Shared with the page that
    /// writes to the groups a filter finds, so both read a filter the same way.
    /// </summary>
    internal static ApplicationListFilter ReadFilter(string? search, IEnumerable<string> states, string? band, string? area, IEnumerable<string> flags,
        string? amountFrom, string? amountTo, string? sortText, string? order, string? pageNumber, IncomeBands bands, FormErrors errors)
    {
        var chosen = new List<ApplicationState>();
        foreach (var state in states.Where(state => !string.IsNullOrWhiteSpace(state)))
        {
            if (Enum.TryParse<ApplicationState>(state, ignoreCase: true, out var known) && Enum.IsDefined(known) && !int.TryParse(state, out _)) chosen.Add(known);
            else errors.Add("state", "Choose states from the list");
        }
        decimal? from = null, to = null;
        if (!FormNumbers.IsBlank(amountFrom))
        {
            if (FormNumbers.TryMoney(amountFrom, out var amount)) from = amount;
            else errors.Add("amountFrom", "The smallest amount must be an amount of money, like 500 or 1,250.50");
        }
        if (!FormNumbers.IsBlank(amountTo))
        {
            if (FormNumbers.TryMoney(amountTo, out var amount)) to = amount;
            else errors.Add("amountTo", "The largest amount must be an amount of money, like 5000 or 10,000");
        }
        var sort = ApplicationListSort.Reference;
        if (!string.IsNullOrWhiteSpace(sortText) && !(Enum.TryParse(sortText, ignoreCase: true, out sort) && Enum.IsDefined(sort) && !int.TryParse(sortText, out _)))
            errors.Add("sort", "Choose an order from the list");
        var page = 1;
        if (!string.IsNullOrWhiteSpace(pageNumber) && !int.TryParse(pageNumber, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page))
            errors.Add("pageNumber", "The page must be a whole number");
        var filter = new ApplicationListFilter(search, chosen, string.IsNullOrWhiteSpace(band) ? null : band.Trim(), string.IsNullOrWhiteSpace(area) ? null : area.Trim(),
            [.. flags.Where(flag => !string.IsNullOrWhiteSpace(flag)).Select(flag => flag.Trim())], from, to, sort, order == "desc", errors.For("pageNumber") is not null ? 1 : page);
        foreach (var problem in filter.Check(bands))
            errors.Add(FieldFor(problem.Location), problem.Message);
        return filter;
    }

    /// <summary>The id of the field a problem's location names: each filter's first input.</summary>
    private static string FieldFor(string location) => location switch
    {
        "page" => "pageNumber",
        "states" => "state",
        "flags" => "flag",
        _ => location,
    };
}
