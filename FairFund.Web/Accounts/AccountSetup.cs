using Microsoft.AspNetCore.Identity;

namespace FairFund.Web.Accounts;

public static class AccountSetup
{
    public const string SignInPath = "/account/sign-in";

    public static IServiceCollection AddFairFundAccounts(this IServiceCollection services)
    {
        services.AddIdentity<IdentityUser, IdentityRole>(options =>
            {
                // NCSC guidance: length over forced complexity, and no common passwords.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                // The user name is the email address, so any character an address may hold is allowed (o'brien@…).
                options.User.AllowedUserNameCharacters = "";
                // An account is only usable once its owner has shown the address is theirs.
                options.SignIn.RequireConfirmedEmail = true;
                // Identity's lockout would let anyone lock the owner out with five wrong guesses; SignInGuard
                // slows guessing per account and address instead.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<Data.FairFundDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswords>();
        // A password reset or "sign out of every device" changes the account's security stamp; every other
        // session checks it this often, so they end within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddSingleton<SignInGuard>();
        services.AddSingleton<AccountRequests>();
        services.AddHostedService<AccountWorker>();
        services.AddScoped<AccountMail>();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SignInPath;
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "FairFund.Auth";
            // Secure or not is decided with the other cookies' in Deployment/DeploymentSetup.cs.
            options.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.FundManager, policy => policy.RequireRole(Roles.FundManager))
            .AddPolicy(Roles.PanelMember, policy => policy.RequireRole(Roles.PanelMember))
            .AddPolicy(Roles.Applicant, policy => policy.RequireRole(Roles.Applicant));
        return services;
    }
}
