using FairFund.Domain.OpenData;
using FairFund.Web.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// A decided round's grants as 360Giving open data: what will be published, what 360Giving's data quality
/// tool would question (warnings to fix at the source; the files download all the same), whose postcodes
/// are left out, and the downloads.
/// </summary>
public sealed class OpenDataModel(ThreeSixtyGivingExport export) : PageModel
{
    public OpenDataExport Data { get; private set; } = null!;

    /// <summary>The data quality problems, grant by grant, each grant with the application and group it is about.</summary>
    public IReadOnlyList<GrantProblems> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is not { } data) return NotFound();
        Data = data;
        Problems = [.. data.Grants
            .Select(grant => new GrantProblems(grant.ApplicationReference, grant.Row.RecipientOrgName, grant.Row.Identifier,
                [.. data.Problems.Where(problem => problem.Grant == grant.Row.Identifier)]))
            .Where(grant => grant.Problems.Count > 0)];
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is not { } data) return NotFound();
        var file = new MemoryStream();
        ThreeSixtyGivingFiles.WriteXlsx(data, file);
        file.Position = 0;
        return File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ThreeSixtyGivingFiles.XlsxFileName(data.Reference));
    }

    public async Task<IActionResult> OnGetCsvAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is not { } data) return NotFound();
        return File(ThreeSixtyGivingFiles.Csv(data), "text/csv; charset=utf-8", ThreeSixtyGivingFiles.CsvFileName(data.Reference));
    }

    private Task<OpenDataExport?> LoadAsync(string reference, CancellationToken cancellationToken) =>
        export.ForRoundAsync(reference, cancellationToken);

    public sealed record GrantProblems(string ApplicationReference, string GroupName, string Grant, IReadOnlyList<GrantDataProblem> Problems);
}
