using System.Security.Claims;
using FairFund.Domain.Validation;
using FairFund.Web.Accounts;
using FairFund.Web.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FairFund.Web.Pages.Fund;

/// <summary>
/// A fund manager's name as the emails they cause give it: a panel invite says who invited the person, by name, so
/// the invite reads as from someone they may know rather than from an address.
/// </summary>
public sealed class YourNameModel(UserManager<IdentityUser> users) : PageModel
{
    public const string NameField = "your-name";

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Where to go back to once the name is saved: the page that asked for it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Forbid();
        Name = await StaffNames.OfAsync(users, user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Forbid();
        var name = FreeText.CleanLine(Name);
        if (StaffNames.Check(name) is { } problem)
        {
            Errors.Add(NameField, problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        foreach (var old in (await users.GetClaimsAsync(user)).Where(claim => claim.Type == AccountMail.NameClaim))
            (await users.RemoveClaimAsync(user, old)).ThrowIfFailed();
        (await users.AddClaimAsync(user, new Claim(AccountMail.NameClaim, name))).ThrowIfFailed();
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/fund");
    }
}
