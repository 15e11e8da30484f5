using System.ComponentModel.DataAnnotations;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

/// <summary>
/// Sends a link to choose a new password. The answer is the same for every address ("if there is an
/// account, we have sent a link"), and so is the work done before it (the address is queued and looked up
/// afterwards, <see cref="AccountRequests"/>), so neither the words nor the time tell anyone who has an account.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInLimits.ForgotPasswordPolicy)]
public sealed class ForgotPasswordModel(AccountRequests queue) : PageModel
{
    public const string EmailKey = "ForgotPassword.Address";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return Page();

        var email = Input.Email.Trim();
        await queue.EnqueueAsync(new PasswordResetRequest(email), cancellationToken);
        TempData[EmailKey] = email;
        return RedirectToPage("/Account/ForgotPasswordSent");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [StringLength(AccountInput.EmailLength, ErrorMessage = AccountInput.EmailLengthMessage)]
        public string Email { get; set; } = "";
    }
}
