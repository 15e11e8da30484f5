using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FairFund.Domain.Allocation;

/// <summary>
/// An application's lottery key: the SHA-256 of the UTF-8 bytes of <c>{seed}:{reference}</c>, written
/// as lowercase hex. Anyone can check one with <c>printf '%s' 'SEED:REF' | sha256sum</c>. Keys compare
/// exactly as their hex text does, but are kept as 32 bytes while a round is ranked.
/// </summary>
public readonly record struct LotteryKey(UInt128 High, UInt128 Low) : IComparable<LotteryKey>
{
    public static LotteryKey For(string seed, string reference) => new LotteryDraw(seed).KeyFor(reference);

    public static LotteryKey FromHash(ReadOnlySpan<byte> hash) =>
        new(BinaryPrimitives.ReadUInt128BigEndian(hash), BinaryPrimitives.ReadUInt128BigEndian(hash[16..]));

    public int CompareTo(LotteryKey other)
    {
        var byHigh = High.CompareTo(other.High);
        return byHigh != 0 ? byHigh : Low.CompareTo(other.Low);
    }

    public static bool operator <(LotteryKey left, LotteryKey right) => left.CompareTo(right) < 0;
    public static bool operator <=(LotteryKey left, LotteryKey right) => left.CompareTo(right) <= 0;
    public static bool operator >(LotteryKey left, LotteryKey right) => left.CompareTo(right) > 0;
    public static bool operator >=(LotteryKey left, LotteryKey right) => left.CompareTo(right) >= 0;

    /// <summary>The key as published: 64 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> hash = stackalloc byte[32];
        BinaryPrimitives.WriteUInt128BigEndian(hash, High);
        BinaryPrimitives.WriteUInt128BigEndian(hash[16..], Low);
        return Convert.ToHexStringLower(hash);
    }
}

/// <summary>Draws a round's lottery keys from its seed, which it encodes once.</summary>
public sealed class LotteryDraw(string seed)
{
    private readonly byte[] _seedAndColon = Encoding.UTF8.GetBytes(seed + ":");

    public LotteryKey KeyFor(string reference)
    {
        var length = _seedAndColon.Length + Encoding.UTF8.GetByteCount(reference);
        var text = length <= 1024 ? stackalloc byte[length] : new byte[length];
        _seedAndColon.CopyTo(text);
        Encoding.UTF8.GetBytes(reference, text[_seedAndColon.Length..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text, hash);
        return LotteryKey.FromHash(hash);
    }
}
