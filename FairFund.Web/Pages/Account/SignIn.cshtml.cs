using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

/// <summary>
/// Signs a person in. Every attempt with both answers costs one password check, whether or not the address has an
/// account (an unknown one is checked against <see cref="SignInGuard.UnknownAccountHash"/>), and a wrong answer
/// reads the same either way, so the form tells nobody which addresses have accounts.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInLimits.Policy)]
public sealed class SignInModel(SignInManager<IdentityUser> signIn, SignInGuard guard) : PageModel
{
    public const string UnconfirmedMessage = "Confirm your email address before you sign in";

    public const string WrongMessage = "The email address or password is not right";

    public const string RefusedMessage = "There have been too many wrong passwords for this email address from here. Wait 15 minutes and try again, or reset your password";

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
        var from = HttpContext.Connection.RemoteIpAddress;
        if (guard.IsRefused(email, from)) return Refused(RefusedMessage);

        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(email);
        var passwordIsRight = user is null
            ? users.PasswordHasher.VerifyHashedPassword(new IdentityUser(email), guard.UnknownAccountHash, Input.Password) != PasswordVerificationResult.Failed
            : await users.CheckPasswordAsync(user, Input.Password);
        if (user is null || !passwordIsRight)
        {
            guard.CountFailure(email, from);
            return Refused(WrongMessage);
        }

        // Said only to someone who knows the password, so it tells strangers nothing about which addresses have accounts.
        if (!await signIn.CanSignInAsync(user))
        {
            NeedsConfirmation = true;
            return Refused(UnconfirmedMessage);
        }
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);
        // Asked for a page (a link followed while signed out): that page. Otherwise the person's own area, not the home page.
        if (Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/") return LocalRedirect(ReturnUrl);
        return LocalRedirect(Roles.AreaOf(await users.GetRolesAsync(user)));
    }

    private PageResult Refused(string message)
    {
        ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Email)}", message);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [StringLength(AccountInput.EmailLength, ErrorMessage = AccountInput.EmailLengthMessage)]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        [DataType(DataType.Password)]
        [StringLength(AccountInput.PasswordMaxLength, ErrorMessage = AccountInput.PasswordLengthMessage)]
        public string Password { get; set; } = "";
    }
}
