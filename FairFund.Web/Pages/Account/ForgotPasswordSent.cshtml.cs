using FairFund.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace FairFund.Web.Pages.Account;

/// <summary>After asking to reset a password: the same words whether or not the address has an account.</summary>
public sealed class ForgotPasswordSentModel(IOptions<DataProtectionTokenProviderOptions> tokens) : PageModel
{
    public string? Email { get; private set; }

    public string LinkLifetime => AccountMail.DescribeLifetime(tokens.Value.TokenLifespan);

    public void OnGet() => Email = TempData[ForgotPasswordModel.EmailKey] as string;
}
