using System.Buffers.Binary;
using System.Numerics;

namespace RedshiftTyped.Local.Dialect.Functions;

/// <summary>
/// FarmHash's Fingerprint64 (farmhashna::Hash64 of Google's FarmHash, MIT licence, https://github.com/google/farmhash),
/// the hash Redshift's FARMFINGERPRINT64 returns (r_FARMFINGERPRINT64.md): a 64-bit fingerprint of the value's bytes,
/// stable across platforms. Unsigned arithmetic wraps modulo 2^64 as in the C++ original.
/// </summary>
internal static class FarmFingerprint64
{
    private const ulong K0 = 0xc3a5c85c97cb3127UL;
    private const ulong K1 = 0xb492b66fbe98f273UL;
    private const ulong K2 = 0x9ae16a3b2f90404fUL;

    /// <summary>The fingerprint of <paramref name="s"/>, as Redshift's BIGINT (the 64 bits read as a signed integer).</summary>
    public static long Signed(ReadOnlySpan<byte> s) => unchecked((long)Hash(s));

    public static ulong Hash(ReadOnlySpan<byte> s)
    {
        int len = s.Length;
        if (len <= 16) return Len0To16(s);
        if (len <= 32) return Len17To32(s);
        if (len <= 64) return Len33To64(s);
        return Longer(s);
    }

    private static ulong Fetch64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);

    private static ulong Fetch32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);

    private static ulong Rotate(ulong value, int shift) => BitOperations.RotateRight(value, shift);

    private static ulong ShiftMix(ulong value) => value ^ (value >> 47);

    private static ulong Len16(ulong u, ulong v, ulong mul)
    {
        unchecked
        {
            ulong a = ShiftMix((u ^ v) * mul);
            ulong b = ShiftMix((v ^ a) * mul);
            return b * mul;
        }
    }

    private static ulong Len0To16(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            ulong len = (ulong)s.Length;
            if (len >= 8)
            {
                ulong mul = K2 + (len * 2);
                ulong a = Fetch64(s, 0) + K2;
                ulong b = Fetch64(s, s.Length - 8);
                ulong c = (Rotate(b, 37) * mul) + a;
                ulong d = (Rotate(a, 25) + b) * mul;
                return Len16(c, d, mul);
            }

            if (len >= 4)
            {
                ulong mul = K2 + (len * 2);
                ulong a = Fetch32(s, 0);
                return Len16(len + (a << 3), Fetch32(s, s.Length - 4), mul);
            }

            if (len > 0)
            {
                uint y = s[0] + ((uint)s[s.Length >> 1] << 8);
                uint z = (uint)len + ((uint)s[s.Length - 1] << 2);
                return ShiftMix((y * K2) ^ (z * K0)) * K2;
            }

            return K2;
        }
    }

    private static ulong Len17To32(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            ulong mul = K2 + ((ulong)s.Length * 2);
            ulong a = Fetch64(s, 0) * K1;
            ulong b = Fetch64(s, 8);
            ulong c = Fetch64(s, s.Length - 8) * mul;
            ulong d = Fetch64(s, s.Length - 16) * K2;
            return Len16(Rotate(a + b, 43) + Rotate(c, 30) + d, a + Rotate(b + K2, 18) + c, mul);
        }
    }

    private static ulong Len33To64(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            ulong mul = K2 + ((ulong)s.Length * 2);
            ulong a = Fetch64(s, 0) * K2;
            ulong b = Fetch64(s, 8);
            ulong c = Fetch64(s, s.Length - 8) * mul;
            ulong d = Fetch64(s, s.Length - 16) * K2;
            ulong y = Rotate(a + b, 43) + Rotate(c, 30) + d;
            ulong z = Len16(y, a + Rotate(b + K2, 18) + c, mul);
            ulong e = Fetch64(s, 16) * mul;
            ulong f = Fetch64(s, 24);
            ulong g = (y + Fetch64(s, s.Length - 32)) * mul;
            ulong h = (z + Fetch64(s, s.Length - 24)) * mul;
            return Len16(Rotate(e + f, 43) + Rotate(g, 30) + h, e + Rotate(f + a, 18) + g, mul);
        }
    }

    /// <summary>32 bytes at <paramref name="at"/> mixed into two seeds (FarmHash's WeakHashLen32WithSeeds).</summary>
    private static (ulong Low, ulong High) Weak32(ReadOnlySpan<byte> s, int at, ulong a, ulong b)
    {
        unchecked
        {
            ulong w = Fetch64(s, at), x = Fetch64(s, at + 8), y = Fetch64(s, at + 16), z = Fetch64(s, at + 24);
            a += w;
            b = Rotate(b + a + z, 21);
            ulong c = a;
            a += x;
            a += y;
            b += Rotate(a, 44);
            return (a + z, b + c);
        }
    }

    /// <summary>More than 64 bytes: 64-byte blocks through a 56-byte state, then the last 64 bytes.</summary>
    private static ulong Longer(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            const ulong seed = 81;
            int len = s.Length;
            ulong x = seed;
            ulong y = (seed * K1) + 113;
            ulong z = ShiftMix((y * K2) + 113) * K2;
            (ulong Low, ulong High) v = (0, 0), w = (0, 0);
            x = (x * K2) + Fetch64(s, 0);
            int end = ((len - 1) / 64) * 64;
            int last64 = len - 64;
            int at = 0;
            do
            {
                x = Rotate(x + y + v.Low + Fetch64(s, at + 8), 37) * K1;
                y = Rotate(y + v.High + Fetch64(s, at + 48), 42) * K1;
                x ^= w.High;
                y += v.Low + Fetch64(s, at + 40);
                z = Rotate(z + w.Low, 33) * K1;
                v = Weak32(s, at, v.High * K1, x + w.Low);
                w = Weak32(s, at + 32, z + w.High, y + Fetch64(s, at + 16));
                (z, x) = (x, z);
                at += 64;
            }
            while (at != end);

            ulong mul = K1 + ((z & 0xff) << 1);
            at = last64;
            w.Low += (ulong)((len - 1) & 63);
            v.Low += w.Low;
            w.Low += v.Low;
            x = Rotate(x + y + v.Low + Fetch64(s, at + 8), 37) * mul;
            y = Rotate(y + v.High + Fetch64(s, at + 48), 42) * mul;
            x ^= w.High * 9;
            y += (v.Low * 9) + Fetch64(s, at + 40);
            z = Rotate(z + w.Low, 33) * mul;
            v = Weak32(s, at, v.High * mul, x + w.Low);
            w = Weak32(s, at + 32, z + w.High, y + Fetch64(s, at + 16));
            (z, x) = (x, z);
            return Len16(Len16(v.Low, w.Low, mul) + (ShiftMix(y) * K0) + z, Len16(v.High, w.High, mul) + x, mul);
        }
    }
}
