using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FairFund.Web.Accounts;

public static class ModelStateErrors
{
    /// <summary>The first error for a field ("Input.Email"), to show beside it; the error summary lists them all.</summary>
    public static string? FirstError(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>Identity's password rules, said the way a person filling in the form needs to hear them.</summary>
    public static string PasswordProblem(Microsoft.AspNetCore.Identity.IdentityError error, int requiredLength)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            "PasswordTooShort" => $"Your password must be at least {requiredLength} characters",
            "PasswordRequiresUniqueChars" => "Your password needs more different characters",
            _ => error.Description,
        };
    }
}
