using System.ComponentModel.DataAnnotations;
using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

/// <summary>
/// Creates an applicant's account. Whether or not the address already has an account, the person is sent to
/// the same "check your email" page after the same work (check the answers, hash the password, queue the request),
/// so neither the page nor the time it takes tells anyone which addresses are registered; the email says what
/// happened (<see cref="AccountMail"/>).
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInLimits.RegisterPolicy)]
public sealed class RegisterModel(UserManager<IdentityUser> users, AccountRequests queue) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int PasswordLength => users.Options.Password.RequiredLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Every problem at once: each answer is checked even when another is wrong.
        var email = (Input.Email ?? "").Trim();
        var name = Input.Name?.Trim() is { Length: > 0 } given ? given : null;
        if (ModelState.FirstError($"{nameof(Input)}.{nameof(InputModel.Email)}") is null && !AccountInput.IsSendableEmail(email))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Email)}", AccountInput.EmailFormatMessage);
        if (name is not null && ModelState.FirstError($"{nameof(Input)}.{nameof(InputModel.Name)}") is null && !AccountInput.IsPlainName(name))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Name)}", AccountInput.NameMessage);

        var candidate = new IdentityUser(email) { Email = email };
        foreach (var validator in string.IsNullOrEmpty(Input.Password) ? [] : users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, candidate, Input.Password);
            foreach (var error in checkedPassword.Errors)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Password)}", ModelStateErrors.PasswordProblem(error, PasswordLength));
        }
        if (!ModelState.IsValid) return Page();

        await queue.EnqueueAsync(new RegistrationRequest(email, users.PasswordHasher.HashPassword(candidate, Input.Password), name), cancellationToken);
        TempData[CheckEmailModel.EmailKey] = email;
        return RedirectToPage("/Account/CheckEmail");
    }

    public sealed class InputModel
    {
        [StringLength(AccountInput.NameLength, ErrorMessage = "Your name must be 50 characters or fewer")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = AccountInput.EmailFormatMessage)]
        [StringLength(AccountInput.EmailLength, ErrorMessage = AccountInput.EmailLengthMessage)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Create a password")]
        [DataType(DataType.Password)]
        [StringLength(AccountInput.PasswordMaxLength, ErrorMessage = AccountInput.PasswordLengthMessage)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter your password again")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match. Enter the same password twice")]
        public string ConfirmPassword { get; set; } = "";
    }
}
