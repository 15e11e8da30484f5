using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

/// <summary>
/// Creates an applicant's account. Whether or not the address already has an account, the person is sent to
/// the same "check your email" page, so the form never tells anyone which addresses are registered; the
/// email says what happened.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInLimits.RegisterPolicy)]
public sealed class RegisterModel(UserManager<IdentityUser> users, AccountMail mail) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int PasswordLength => users.Options.Password.RequiredLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Every problem at once: the password's rules are checked even when another answer is wrong.
        var email = (Input.Email ?? "").Trim();
        var name = Input.Name?.Trim();

        var candidate = new IdentityUser(email) { Email = email };
        // Password rules first, for everyone, so the answer never depends on whether the address is taken.
        foreach (var validator in string.IsNullOrEmpty(Input.Password) ? [] : users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, candidate, Input.Password);
            foreach (var error in checkedPassword.Errors)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Password)}", ModelStateErrors.PasswordProblem(error, PasswordLength));
        }
        if (!ModelState.IsValid) return Page();

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Costs what creating an account costs, so the time taken does not tell either.
            users.PasswordHasher.HashPassword(candidate, Input.Password);
            await SendToExistingAsync(existing, cancellationToken);
            return CheckEmail(email);
        }

        var created = await users.CreateAsync(candidate, Input.Password);
        if (!created.Succeeded)
        {
            // Two registrations for one address at once: the other one won.
            if (created.Errors.Any(error => error.Code is "DuplicateUserName" or "DuplicateEmail")
                && await users.FindByEmailAsync(email) is { } winner)
            {
                await SendToExistingAsync(winner, cancellationToken);
                return CheckEmail(email);
            }
            foreach (var error in created.Errors)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Email)}", error.Description);
            return Page();
        }
        (await users.AddToRoleAsync(candidate, Roles.Applicant)).ThrowIfFailed();
        if (!string.IsNullOrEmpty(name)) (await users.AddClaimAsync(candidate, new Claim(AccountMail.NameClaim, name))).ThrowIfFailed();
        await mail.SendConfirmationAsync(candidate, Url, cancellationToken);
        return CheckEmail(email);
    }

    private async Task SendToExistingAsync(IdentityUser existing, CancellationToken cancellationToken)
    {
        // Someone who registered but never confirmed most likely lost the first email: send it again.
        if (existing.EmailConfirmed) await mail.SendAlreadyRegisteredAsync(existing, Url, cancellationToken);
        else await mail.SendConfirmationAsync(existing, Url, cancellationToken);
    }

    private RedirectToPageResult CheckEmail(string email)
    {
        TempData[CheckEmailModel.EmailKey] = email;
        return RedirectToPage("/Account/CheckEmail");
    }

    public sealed class InputModel
    {
        [StringLength(100, ErrorMessage = "Your name must be 100 characters or fewer")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [StringLength(256, ErrorMessage = "Your email address must be 256 characters or fewer")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Create a password")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter your password again")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match. Enter the same password twice")]
        public string ConfirmPassword { get; set; } = "";
    }
}
