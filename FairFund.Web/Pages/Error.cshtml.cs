using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages;

/// <summary>
/// The app's own page for a failed request: an unknown address (404), a request it could not use (400, such as a
/// form whose antiforgery token has expired) or a fault (500). Reached by re-running the request here
/// (<c>UseStatusCodePagesWithReExecute</c>, <c>UseExceptionHandler</c>), so the status code stays what it was.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public enum ErrorKind
    {
        NotFound,
        BadRequest,
        ServerError,
    }

    public ErrorKind Kind { get; private set; }

    public string? RequestId { get; private set; }

    public string Title => Kind switch
    {
        ErrorKind.NotFound => "Page not found",
        ErrorKind.BadRequest => "Sorry, there is a problem with your request",
        _ => "Sorry, there is a problem with the service",
    };

    // Any method: a failed POST is re-run here as a POST.
    public void OnGet(int? status) => Show(status);

    public void OnPost(int? status) => Show(status);

    private void Show(int? status)
    {
        // Opened directly (/error/404), the page answers with the status it describes.
        if (status is >= 400 and <= 599 && Response.StatusCode == StatusCodes.Status200OK) Response.StatusCode = status.Value;
        Kind = Response.StatusCode switch
        {
            StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed => ErrorKind.NotFound,
            >= 400 and < 500 => ErrorKind.BadRequest,
            _ => ErrorKind.ServerError,
        };
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
