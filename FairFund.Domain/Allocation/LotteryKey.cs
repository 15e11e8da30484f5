using System.Security.Cryptography;
using System.Text;

namespace FairFund.Domain.Allocation;

/// <summary>
/// The lottery key of an application: the lowercase hex SHA-256 of the UTF-8 bytes of
/// <c>{seed}:{reference}</c>. Anyone can check one with <c>printf '%s' 'SEED:REF' | sha256sum</c>.
/// </summary>
public static class LotteryKey
{
    public static string For(string seed, string reference)
    {
        var text = $"{seed}:{reference}";
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var bytes = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }
}
