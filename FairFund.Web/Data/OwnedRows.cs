using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FairFund.Web.Data;

/// <summary>
/// A domain list kept in a private field (a round's history, a budget's lines) stored as rows of its own
/// table, keyed by a generated number so that rows load back in the order they were added.
/// </summary>
public static class OwnedRows
{
    public static EntityTypeBuilder<TOwner> OwnsRows<TOwner, TRow>(this EntityTypeBuilder<TOwner> builder, string field, string table, string ownerKey,
        Action<OwnedNavigationBuilder<TOwner, TRow>>? configure = null)
        where TOwner : class
        where TRow : class =>
        builder.OwnsMany<TRow>(field, row =>
        {
            row.ToTable(table);
            row.WithOwner().HasForeignKey(ownerKey);
            row.Property<int>("Id");
            row.HasKey("Id");
            configure?.Invoke(row);
        });
}
