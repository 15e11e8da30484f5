using System.ComponentModel.DataAnnotations;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

/// <summary>
/// Sends a link to choose a new password. The answer is the same for every address ("if there is an
/// account, we have sent a link"), so the form cannot be used to find out who has an account.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInLimits.ForgotPasswordPolicy)]
public sealed class ForgotPasswordModel(UserManager<IdentityUser> users, AccountMail mail) : PageModel
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
        // An account that was never confirmed gets the link too: following it shows the address is theirs.
        if (await users.FindByEmailAsync(email) is { } user) await mail.SendPasswordResetAsync(user, Url, cancellationToken);
        TempData[EmailKey] = email;
        return RedirectToPage("/Account/ForgotPasswordSent");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        public string Email { get; set; } = "";
    }
}
