using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Pages.Account;

/// <summary>
/// After registering or asking for the confirmation email again. It reads the same whatever happened, so it
/// never tells anyone whether an address has an account.
/// </summary>
public sealed class CheckEmailModel(IOptions<DataProtectionTokenProviderOptions> tokens) : PageModel
{
    public const string EmailKey = "CheckEmail.Address";

    public string? Email { get; private set; }

    public string LinkLifetime => AccountMail.DescribeLifetime(tokens.Value.TokenLifespan);

    public void OnGet() => Email = TempData[EmailKey] as string;
}
