using System.Security.Cryptography;
using System.Text;

namespace FairFund.Domain.Allocation;

/// <summary>
/// The lottery key of an application: the lowercase hex SHA-256 of the UTF-8 bytes of
/// <c>{seed}:{reference}</c>. Anyone can check one with <c>printf '%s' 'SEED:REF' | sha256sum</c>.
/// </summary>
public sealed class LotteryKey
{
    private readonly byte[] _seedAndColon;

    /// <summary>Encodes the seed once for a whole round's keys.</summary>
    public LotteryKey(string seed) => _seedAndColon = Encoding.UTF8.GetBytes(seed + ":");

    public static string For(string seed, string reference) => new LotteryKey(seed).For(reference);

    public string For(string reference)
    {
        var length = _seedAndColon.Length + Encoding.UTF8.GetByteCount(reference);
        var text = length <= 1024 ? stackalloc byte[length] : new byte[length];
        _seedAndColon.CopyTo(text);
        Encoding.UTF8.GetBytes(reference, text[_seedAndColon.Length..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text, hash);
        return Convert.ToHexStringLower(hash);
    }
}
