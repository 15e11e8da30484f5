using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FairFund.Domain.Auditing;
using FairFund.Domain.Reviews;
using FairFund.Domain.Rounds;
using FairFund.Domain.Validation;
using FairFund.Web.Accounts;
using FairFund.Web.Data;
using FairFund.Web.Invites;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FairFund.Web.Pages.Panel;

/// <summary>
/// Where an invite link lands (docs/panel.md). The link's token finds the seat; only the account with the invited
/// address can take it. Someone signed in with that address joins at once; someone signed in as another
/// account is told whose invite it is; someone not signed in signs in, or, with no account, creates one here.
/// An account made here needs no confirmation email: holding the link shows the address is theirs.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInLimits.RegisterPolicy)]
public sealed class JoinModel(FairFundDbContext db, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, TimeProvider time) : PageModel
{
    public enum Situation { NotValid, WrongAccount, SignIn, CreateAccount, Refused }

    public Situation Shows { get; private set; }

    public string InvitedEmail { get; private set; } = "";

    public string RoundName { get; private set; } = "";

    public string? SignedInAs { get; private set; }

    public string? Refusal { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int PasswordLength => users.Options.Password.RequiredLength;

    public string SignInLink => $"{Url.Page("/Account/SignIn")}?returnUrl={Uri.EscapeDataString(Url.Page("/Panel/Join", new { token = Token })!)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await FindSeatAsync(cancellationToken) is not { } seat) return NotValid();
        return await ForAsync(seat, await RoundOfAsync(seat, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (await FindSeatAsync(cancellationToken) is not { } seat) return NotValid();
        var round = await RoundOfAsync(seat, cancellationToken);
        if (User.Identity?.IsAuthenticated == true || seat.HasJoined || await users.FindByEmailAsync(seat.Email) is not null
            || seat.WhyItCannotBeAccepted(round.State) is not null)
            return await ForAsync(seat, round, cancellationToken);

        // Cleaned as every name is, so a direction override never reaches the emails that name the member, and then
        // held to the plain name registration asks for, since those emails carry it under the funder's name.
        var name = FreeText.CleanLine(Input.Name);
        if (name.Length > 0 && ModelState.FirstError($"{nameof(Input)}.{nameof(InputModel.Name)}") is null && !AccountInput.IsPlainName(name))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Name)}", AccountInput.NameMessage);
        var user = new IdentityUser(seat.Email) { Email = seat.Email, EmailConfirmed = true };
        foreach (var validator in string.IsNullOrEmpty(Input.Password) ? [] : users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, Input.Password);
            foreach (var error in checkedPassword.Errors)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Password)}", ModelStateErrors.PasswordProblem(error, PasswordLength));
        }
        if (!ModelState.IsValid) return await ForAsync(seat, round, cancellationToken);

        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            // Someone made an account for the address a moment ago: they sign in with it instead.
            if (created.Errors.Any(error => error.Code is "DuplicateUserName" or "DuplicateEmail")) return await ForAsync(seat, round, cancellationToken);
            foreach (var error in created.Errors)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Password)}", error.Description);
            return await ForAsync(seat, round, cancellationToken);
        }
        if (name.Length > 0) (await users.AddClaimAsync(user, new Claim(AccountMail.NameClaim, name))).ThrowIfFailed();
        return await JoinAsync(seat, user, round.State, cancellationToken);
    }

    /// <summary>Signs out the other account and comes back here, so the invited person can sign in or create their account.</summary>
    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Panel/Join", new { token = Token });
    }

    private async Task<IActionResult> ForAsync(PanelMember seat, SeatRound round, CancellationToken cancellationToken)
    {
        InvitedEmail = seat.Email;
        RoundName = round.Name;
        // Said before anyone signs in or makes an account for a seat that can no longer be taken.
        if (seat.WhyItCannotBeAccepted(round.State) is { } closed) return Refused(closed);
        if (User.Identity?.IsAuthenticated == true)
        {
            var user = await users.GetUserAsync(User);
            // Joining straight from the link, a GET, is safe: it only ever gives the seat to the signed-in owner of the invited address.
            if (user is not null && PanelMember.NormaliseEmail(user.Email ?? user.UserName ?? "") == seat.Email)
                return await JoinAsync(seat, user, round.State, cancellationToken);
            SignedInAs = user?.Email ?? User.Identity.Name;
            Shows = Situation.WrongAccount;
            return Page();
        }
        Shows = await users.FindByEmailAsync(seat.Email) is null ? Situation.CreateAccount : Situation.SignIn;
        return Page();
    }

    private async Task<IActionResult> JoinAsync(PanelMember seat, IdentityUser user, RoundState roundState, CancellationToken cancellationToken)
    {
        try
        {
            seat.Join(user.UserName!, time.GetUtcNow(), roundState);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException refused)
        {
            return Refused(refused.Message);
        }
        if (!await users.IsInRoleAsync(user, Roles.PanelMember)) (await users.AddToRoleAsync(user, Roles.PanelMember)).ThrowIfFailed();
        // A fresh cookie, so the role just added lets them into /panel now.
        if (User.Identity?.IsAuthenticated == true) await signIn.RefreshSignInAsync(user);
        else await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Panel/Index");
    }

    private PageResult Refused(string why)
    {
        Refusal = why;
        Shows = Situation.Refused;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>What the page needs of the seat's round, read once per request.</summary>
    private sealed record SeatRound(string Name, RoundState State);

    private Task<SeatRound> RoundOfAsync(PanelMember seat, CancellationToken cancellationToken) =>
        db.Rounds.AsNoTracking().Where(r => r.Id == seat.RoundId).Select(r => new SeatRound(r.Name, r.State)).SingleAsync(cancellationToken);

    private async Task<PanelMember?> FindSeatAsync(CancellationToken cancellationToken)
    {
        // A real token is 43 characters; anything far longer is not one, and is not worth hashing.
        if (string.IsNullOrWhiteSpace(Token) || Token.Length > 100) return null;
        var hash = PanelInvites.HashOf(Token);
        return await db.PanelMembers.SingleOrDefaultAsync(m => m.InviteTokenHash == hash, cancellationToken);
    }

    private PageResult NotValid()
    {
        Shows = Situation.NotValid;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public sealed class InputModel
    {
        [StringLength(AccountInput.NameLength, ErrorMessage = "Your name must be 50 characters or fewer")]
        public string? Name { get; set; }

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
