using FairFund.Domain.Auditing;
using FairFund.Domain.Grants;
using FairFund.Domain.Validation;
using FairFund.Web.Data;
using FairFund.Web.Forms;
using FairFund.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Apply;

/// <summary>
/// The group accepts its grant: a named person who may sign for the group (name, role, the date, and a tick), up to
/// five outcomes each with one or more indicators (starting from what the application said), and the bank account
/// to pay. Rows are added with buttons, so it works without JavaScript. Everything wrong is said at its field; nothing
/// is saved until everything is right. The sort code and account number are never written back into the page: after
/// a problem they are asked for again.
/// </summary>
public sealed class GrantAcceptModel(FairFundDbContext db, ApplicantRecords records, TimeProvider time) : PageModel
{
    /// <summary>The id of the date signed; its inputs are <c>…-day</c>, <c>…-month</c> and <c>…-year</c>.</summary>
    public const string SignedOnId = "signatory-signed-on";

    /// <summary>
    /// Bank details only for checking the rest of an acceptance whose own bank details have problems (which
    /// <see cref="BankDetails.Parse"/> reports): <see cref="Acceptance.Check"/> needs some, and never looks at them.
    /// </summary>
    private static readonly BankDetails OnlyForChecking = BankDetails.Parse("Only for checking", "000000", "00000000").Details!;

    [BindProperty]
    public AcceptInput Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public AcceptView View { get; private set; } = null!;

    /// <summary>Why the grant cannot be accepted now, or why this press changed nothing; null when it can be.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Whether the sort code and account number were typed and must be typed again (they are never shown back).</summary>
    public bool BankNumbersAskedAgain { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        var grant = found.Grant;
        Input = new AcceptInput
        {
            SignedOn = DateInput.From(UkCalendar.DateOf(time.GetUtcNow())),
            Outcomes = [.. GrantLimits.StartingFrom(grant.ApplicationOutcomes).Select(outcome => new OutcomeInput { Description = outcome.Description })],
            Version = GrantRecords.VersionOf(db, grant),
        };
        Show(found);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string? add, CancellationToken cancellationToken)
    {
        var found = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
        if (found is null) return NotFound();
        var grant = found.Grant;
        Input.Outcomes = [.. Input.Outcomes.Take(GrantLimits.MostOutcomes)];
        foreach (var outcome in Input.Outcomes) outcome.Indicators = [.. outcome.Indicators.Take(GrantLimits.MostIndicators)];
        BankNumbersAskedAgain = !FormNumbers.IsBlank(Input.SortCode) || !FormNumbers.IsBlank(Input.AccountNumber);

        if (add is not null)
        {
            AddRow(add);
            Show(found);
            return Page();
        }

        var version = db.Entry(grant).Property(FairFundDbContext.VersionColumn);
        if (!Equals(version.CurrentValue, Input.Version))
        {
            Refusal = "The grant changed while you were on this page, so nothing was saved. Check it below, then accept it again if you still want to.";
            Input.Version = GrantRecords.VersionOf(db, grant);
            return Again(found, StatusCodes.Status409Conflict);
        }

        var acceptance = Read(grant);
        if (Errors.Any || acceptance is null) return Again(found, StatusCodes.Status400BadRequest);
        try
        {
            grant.Accept(acceptance, time.GetUtcNow(), GrantRecords.ActorOf(User));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception refused) when (refused is DomainRuleException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await GrantRecords.FindAsync(db, records, User, reference, cancellationToken);
            if (fresh is null) return NotFound();
            Refusal = refused is DomainRuleException ? refused.Message
                : "The grant changed while you were on this page, so nothing was saved. Check it below, then accept it again if you still want to.";
            Input.Version = GrantRecords.VersionOf(db, fresh.Grant);
            return Again(fresh, StatusCodes.Status409Conflict);
        }
        TempData[GrantModel.DoneKey] = "You have accepted the grant. The fund will check your acceptance and then start the grant.";
        return RedirectToPage("/Apply/Grant", new { reference });
    }

    /// <summary>The acceptance as typed, with every problem added to <see cref="Errors"/> at its field, in the form's order; null when it cannot be made.</summary>
    private Acceptance? Read(Grant grant)
    {
        // Rows left wholly empty are dropped, and the form is shown again without them, so that row numbers match the outcomes checked.
        foreach (var outcome in Input.Outcomes) outcome.Indicators = [.. outcome.Indicators.Where(indicator => !indicator.IsBlank)];
        Input.Outcomes = [.. Input.Outcomes.Where(outcome => !outcome.IsBlank)];

        var found = new List<FieldError>();
        var dateErrors = new FormErrors();
        var signedOn = UkDateInput.ReadDate(Input.SignedOn, SignedOnId, "date signed", dateErrors);
        found.AddRange(dateErrors.All);
        var outcomes = new List<Outcome>();
        for (var row = 0; row < Input.Outcomes.Count; row++)
        {
            var indicators = new List<Indicator>();
            for (var number = 0; number < Input.Outcomes[row].Indicators.Count; number++)
            {
                var typed = Input.Outcomes[row].Indicators[number];
                var target = 0;
                // Written as people write large numbers: "1,000".
                if (!FormNumbers.IsBlank(typed.Target) && !FormNumbers.TryWhole((typed.Target ?? "").Replace(",", "", StringComparison.Ordinal), out target))
                    found.Add(new FieldError(IndicatorId(row, number, "target"), $"Enter the target for indicator {number + 1} of outcome {row + 1} as a whole number, like 20"));
                indicators.Add(new Indicator(typed.WhatIsCounted ?? "", typed.Unit ?? "", target));
            }
            outcomes.Add(new Outcome(Input.Outcomes[row].Description ?? "", indicators));
        }
        var today = UkCalendar.DateOf(time.GetUtcNow());
        var signatory = new Signatory(Input.Name ?? "", Input.Role ?? "", signedOn ?? today, Input.MaySign == "yes");
        var (bank, bankProblems) = BankDetails.Parse(Input.AccountName, Input.SortCode, Input.AccountNumber);
        var acceptance = new Acceptance(signatory, outcomes, bank ?? OnlyForChecking);
        // A date that could not be read has its own message already.
        found.AddRange(acceptance.Check(UkCalendar.DateOf(grant.OfferedAt), today)
            .Where(problem => problem.Location != "signatory.signedOn" || signedOn is not null)
            .Select(problem => new FieldError(FieldId(problem.Location), problem.Message)));
        found.AddRange(bankProblems.Select(problem => new FieldError(FieldId(problem.Location), problem.Message)));
        // The error summary lists the problems in the order of the fields on the page.
        var order = FieldOrder(Input.Outcomes.Count).Select((id, index) => (id, index)).ToDictionary(field => field.id, field => field.index);
        foreach (var error in found.OrderBy(error => order.GetValueOrDefault(error.FieldId, int.MaxValue))) Errors.Add(error);
        if (Input.Outcomes.Count == 0) Input.Outcomes.Add(new OutcomeInput());
        return bank is null ? null : acceptance;
    }

    private void AddRow(string add)
    {
        if (add == "outcome" && Input.Outcomes.Count < GrantLimits.MostOutcomes) Input.Outcomes.Add(new OutcomeInput());
        else if (add.StartsWith("indicator-", StringComparison.Ordinal) && int.TryParse(add["indicator-".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row)
            && row < Input.Outcomes.Count && Input.Outcomes[row].Indicators.Count < GrantLimits.MostIndicators)
            Input.Outcomes[row].Indicators.Add(new IndicatorInput());
    }

    private PageResult Again(OwnGrant found, int status)
    {
        Show(found);
        Response.StatusCode = status;
        return Page();
    }

    private void Show(OwnGrant found)
    {
        var grant = found.Grant;
        if (Input.Outcomes.Count == 0) Input.Outcomes.Add(new OutcomeInput());
        foreach (var outcome in Input.Outcomes.Where(outcome => outcome.Indicators.Count == 0)) outcome.Indicators.Add(new IndicatorInput());
        // Never written back into the page: a browser's cache, a screenshot or a shoulder would otherwise hold them.
        (Input.SortCode, Input.AccountNumber) = (null, null);
        var whyNot = grant.WhyNot(GrantTrigger.Accept);
        if (whyNot.Count > 0) Refusal ??= $"This grant cannot be accepted: {string.Join("; ", whyNot)}.";
        View = new AcceptView(found.Own.Application.Reference, found.RoundName, GrantAgreement.Of(grant), whyNot.Count == 0);
    }

    /// <summary>The id of the input a problem's location is about: <c>outcomes[0].indicators[1].target</c> is at <c>outcomes-0-indicators-1-target</c>.</summary>
    public static string FieldId(string location)
    {
        var id = FieldIds.Of(location);
        return id == SignedOnId ? SignedOnId + "-day" : id;
    }

    private static IEnumerable<string> FieldOrder(int outcomes) =>
        ["signatory-name", "signatory-role", SignedOnId + "-day", "signatory-may-sign-for-group", "outcomes",
         .. Enumerable.Range(0, outcomes).SelectMany(row => (IEnumerable<string>)[OutcomeId(row, "description"), OutcomeId(row, "indicators"),
             .. Enumerable.Range(0, GrantLimits.MostIndicators).SelectMany(number => new[] { IndicatorId(row, number, "whatIsCounted"), IndicatorId(row, number, "unit"), IndicatorId(row, number, "target") })]),
         "account-name", "sort-code", "account-number"];

    public static string OutcomeId(int row, string field) => $"outcomes-{row}-{field}";

    public static string IndicatorId(int row, int number, string field) => $"outcomes-{row}-indicators-{number}-{FieldIds.Of(field)}";

    public sealed class AcceptInput
    {
        public string? Name { get; set; }
        public string? Role { get; set; }
        public DateInput SignedOn { get; set; } = new();
        public string? MaySign { get; set; }
        public List<OutcomeInput> Outcomes { get; set; } = [];
        public string? AccountName { get; set; }
        public string? SortCode { get; set; }
        public string? AccountNumber { get; set; }
        public Guid Version { get; set; }
    }

    public sealed class OutcomeInput
    {
        public string? Description { get; set; }
        public List<IndicatorInput> Indicators { get; set; } = [];

        public bool IsBlank => FormNumbers.IsBlank(Description) && Indicators.All(indicator => indicator.IsBlank);
    }

    public sealed class IndicatorInput
    {
        public string? WhatIsCounted { get; set; }
        public string? Unit { get; set; }
        public string? Target { get; set; }

        public bool IsBlank => FormNumbers.IsBlank(WhatIsCounted) && FormNumbers.IsBlank(Unit) && FormNumbers.IsBlank(Target);
    }

    public sealed record AcceptView(string Reference, string RoundName, GrantAgreement Agreement, bool CanAccept);
}
