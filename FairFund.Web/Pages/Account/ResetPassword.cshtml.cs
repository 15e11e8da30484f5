using System.ComponentModel.DataAnnotations;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

/// <summary>
/// The link in the password reset email. The link is checked before the form is shown, so nobody types a new
/// password into a page that cannot take it. A link that does not work gets the same answer whatever the
/// reason (wrong, expired, used already, no such account).
/// </summary>
public sealed class ResetPasswordModel(UserManager<IdentityUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool LinkWorks { get; private set; } = true;

    public int PasswordLength => users.Options.Password.RequiredLength;

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, token) = await FromLinkAsync();
        LinkWorks = user is not null && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<IdentityUser>.ResetPasswordTokenPurpose, token!);
        return LinkDoesNotWork() ?? Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, token) = await FromLinkAsync();
        LinkWorks = user is not null;
        if (LinkDoesNotWork() is { } notWorking) return notWorking;
        if (!ModelState.IsValid) return Page();

        var reset = await users.ResetPasswordAsync(user!, token!, Input.Password);
        if (!reset.Succeeded)
        {
            LinkWorks = !reset.Errors.Any(error => error.Code == nameof(IdentityErrorDescriber.InvalidToken));
            if (LinkDoesNotWork() is { } expired) return expired;
            foreach (var error in reset.Errors)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Password)}", ModelStateErrors.PasswordProblem(error, PasswordLength));
            return Page();
        }

        // The link came by email, so following it shows the address is theirs. Identity has changed the account's
        // security stamp, so any other session (someone who knew the old password) ends within a minute.
        if (!user!.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        return RedirectToPage("/Account/PasswordChanged");
    }

    private async Task<(IdentityUser? User, string? Token)> FromLinkAsync()
    {
        var token = AccountMail.Decode(Code);
        if (token is null || string.IsNullOrWhiteSpace(Email)) return (null, null);
        return (await users.FindByEmailAsync(Email.Trim()), token);
    }

    private PageResult? LinkDoesNotWork()
    {
        if (LinkWorks) return null;
        // The form's errors are no use when the link itself is the problem.
        ModelState.Clear();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a new password")]
        [DataType(DataType.Password)]
        [StringLength(AccountInput.PasswordMaxLength, ErrorMessage = AccountInput.PasswordLengthMessage)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match. Enter the same password twice")]
        public string ConfirmPassword { get; set; } = "";
    }
}
