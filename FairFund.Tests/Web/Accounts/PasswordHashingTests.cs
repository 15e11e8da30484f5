using System.Buffers.Binary;
using FairFund.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FairFund.Tests.Web.Accounts;

/// <summary>Tests hash passwords cheaply (<see cref="FairFundFactory.TestPasswordHashIterations"/>); the app itself must not.</summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public async Task StoredPassword_AppsOwnSettings_IsHashedAtLeastAtIdentitysFullCost()
    {
        using var factory = new FairFundFactory { FullCostPasswordHashing = true };

        var stored = await factory.WithScopeAsync(services => services.GetRequiredService<FairFundDbContext>().Users
            .Where(user => user.Email == SignedInClient.Manager).Select(user => user.PasswordHash).SingleAsync());

        Assert.True(Iterations(stored!) >= new PasswordHasherOptions().IterationCount,
            $"The demo manager's password was hashed with {Iterations(stored!)} iterations.");
    }

    /// <summary>The iteration count Identity's version 3 hash carries: a format byte, the PRF, then the count, big-endian.</summary>
    private static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
