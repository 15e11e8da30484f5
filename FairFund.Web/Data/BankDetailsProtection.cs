using System.Reflection;
using System.Text.Json;
using FairFund.Domain.Grants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FairFund.Web.Data;

/// <summary>
/// Keeps a grant's bank details encrypted at rest, with ASP.NET Core Data Protection under a purpose of their own
/// (the keys are kept with the app's data: see Deployment): as a grant is saved, its <see cref="Grant.Bank"/> and
/// <see cref="Grant.PendingBankChange"/> are encrypted into <see cref="GrantConfiguration.BankColumn"/> and
/// <see cref="GrantConfiguration.PendingBankColumn"/>; as one is read, they are decrypted back. The database, its
/// backups and the SQL the app logs hold only the encrypted text. It is an interceptor, not a value converter,
/// because a converter belongs to the model, which EF shares between app instances, while the keys are each app's own:
/// it finds the keys through the context's application services. There is one instance (<see cref="Instance"/>), as
/// EF builds its internal services again for every different set of interceptors.
/// </summary>
public sealed class BankDetailsProtection : IMaterializationInterceptor, ISaveChangesInterceptor
{
    public static BankDetailsProtection Instance { get; } = new();

    private BankDetailsProtection() { }

    /// <summary>The Data Protection purpose: only this code can read what it protected.</summary>
    public const string Purpose = "FairFund.Grants.BankDetails.v1";

    private static readonly PropertyInfo BankProperty = typeof(Grant).GetProperty(nameof(Grant.Bank))!;
    private static readonly PropertyInfo PendingProperty = typeof(Grant).GetProperty(nameof(Grant.PendingBankChange))!;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is not Grant grant) return entity;
        var bank = materializationData.GetPropertyValue<string?>(GrantConfiguration.BankColumn);
        var pending = materializationData.GetPropertyValue<string?>(GrantConfiguration.PendingBankColumn);
        if (bank is null && pending is null) return grant;
        var protector = ProtectorFor(materializationData.Context);
        if (bank is not null) BankProperty.SetValue(grant, ReadBank(protector, bank));
        if (pending is not null) PendingProperty.SetValue(grant, ReadPending(protector, pending));
        return grant;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Protect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Protect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>Encrypts each grant's details that differ from what its columns hold; the same details are left as they are.</summary>
    private static void Protect(DbContext? context)
    {
        if (context is null) return;
        IDataProtector? protector = null;
        foreach (var entry in context.ChangeTracker.Entries<Grant>())
        {
            if (entry.State is EntityState.Deleted or EntityState.Detached) continue;
            var grant = entry.Entity;
            var bank = entry.Property<string?>(GrantConfiguration.BankColumn);
            var pending = entry.Property<string?>(GrantConfiguration.PendingBankColumn);
            if (grant.Bank is null && grant.PendingBankChange is null && bank.CurrentValue is null && pending.CurrentValue is null) continue;
            protector ??= ProtectorFor(context);
            if (!Equals(grant.Bank, bank.CurrentValue is { } storedBank ? ReadBank(protector, storedBank) : null))
                bank.CurrentValue = grant.Bank is null ? null : protector.Protect(JsonSerializer.Serialize(StoredBank.Of(grant.Bank), Json));
            if (!Equals(grant.PendingBankChange, pending.CurrentValue is { } storedPending ? ReadPending(protector, storedPending) : null))
                pending.CurrentValue = grant.PendingBankChange is not { } change ? null
                    : protector.Protect(JsonSerializer.Serialize(new StoredPending(StoredBank.Of(change.Details), change.AskedAt, change.AskedBy, change.LinkHash), Json));
        }
    }

    /// <summary>The protector of the app the context belongs to: its Data Protection keys, under <see cref="Purpose"/>.</summary>
    private static IDataProtector ProtectorFor(DbContext context) =>
        (context.GetService<IDbContextOptions>().FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider
            ?.GetService(typeof(IDataProtectionProvider)) as IDataProtectionProvider
            ?? throw new InvalidOperationException("Bank details need the app's Data Protection keys: this context has none."))
        .CreateProtector(Purpose);

    private static BankDetails ReadBank(IDataProtector protector, string protectedText) => JsonSerializer.Deserialize<StoredBank>(protector.Unprotect(protectedText), Json)!.Details();

    private static PendingBankChange ReadPending(IDataProtector protector, string protectedText)
    {
        var stored = JsonSerializer.Deserialize<StoredPending>(protector.Unprotect(protectedText), Json)!;
        // A change asked for before links were checked has no hash: no link can confirm it, and the group asks again.
        return new PendingBankChange(stored.Details.Details(), stored.AskedAt, stored.AskedBy, stored.LinkHash ?? "");
    }

    private sealed record StoredBank(string AccountName, string SortCode, string AccountNumber)
    {
        public static StoredBank Of(BankDetails details) => new(details.AccountName, details.SortCode, details.AccountNumber);

        public BankDetails Details() => BankDetails.Parse(AccountName, SortCode, AccountNumber).Details
            ?? throw new InvalidDataException("Stored bank details are not in the form they were checked in.");
    }

    private sealed record StoredPending(StoredBank Details, DateTimeOffset AskedAt, string AskedBy, string? LinkHash);
}
