using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Account;

/// <summary>
/// The link in the confirmation email. Following it confirms the address, as Identity's own templates do; a
/// link that is wrong, out of date or for an account that no longer exists gets one clear answer and a way
/// to get a new one.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<IdentityUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        var token = AccountMail.Decode(code);
        if (token is not null && userId is { Length: > 0 } && await users.FindByIdAsync(userId) is { } user)
            Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        if (!Confirmed) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
