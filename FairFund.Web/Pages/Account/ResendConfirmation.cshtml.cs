using System.ComponentModel.DataAnnotations;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

/// <summary>
/// Sends a new confirmation link to an account that has not been confirmed yet. The answer is the same
/// "check your email" page for every address, after the same work (<see cref="AccountRequests"/>), so it cannot be
/// used to find out who has an account.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInLimits.ResendConfirmationPolicy)]
public sealed class ResendConfirmationModel(AccountRequests queue) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet(string? email) => Input.Email = email ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return Page();

        var email = Input.Email.Trim();
        await queue.EnqueueAsync(new ConfirmationRequest(email), cancellationToken);
        TempData[CheckEmailModel.EmailKey] = email;
        return RedirectToPage("/Account/CheckEmail");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [StringLength(AccountInput.EmailLength, ErrorMessage = AccountInput.EmailLengthMessage)]
        public string Email { get; set; } = "";
    }
}
