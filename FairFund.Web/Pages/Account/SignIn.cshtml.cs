using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Accounts.SignInLimits.Policy)]
public sealed class SignInModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public const string UnconfirmedMessage = "Confirm your email address before you sign in";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The password was right, but the email address has not been confirmed yet.</summary>
    public bool NeedsConfirmation { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var email = Input.Email.Trim();
        var result = await signIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");

        // Identity refuses an unconfirmed account before it looks at the password; saying so only to someone
        // who knows the password keeps the form from telling strangers which addresses have accounts.
        if (result.IsNotAllowed && await signIn.UserManager.FindByNameAsync(email) is { EmailConfirmed: false } user
            && await signIn.UserManager.CheckPasswordAsync(user, Input.Password))
        {
            NeedsConfirmation = true;
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Email)}", UnconfirmedMessage);
            return Page();
        }

        ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Email)}", result.IsLockedOut
            ? "Too many attempts to sign in. Wait 15 minutes and try again"
            : "Enter the email address and password for your FairFund account");
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
