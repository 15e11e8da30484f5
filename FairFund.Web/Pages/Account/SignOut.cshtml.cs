using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }

    /// <summary>
    /// A new security stamp makes every session made before it fail its next check (one minute at most,
    /// <c>SecurityStampValidatorOptions.ValidationInterval</c>), wherever it is.
    /// </summary>
    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
