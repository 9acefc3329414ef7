using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataRefresh.Configuration;

namespace DataRefresh.Masking;

/// <summary>
/// The masking functions: pure, engine-independent and deterministic for one key. Text values are mapped through
/// HMAC-SHA256 keyed by a sub-key of the secret (one domain tag per rule, so the rules give unrelated outputs);
/// integers through a keyed Feistel permutation of the type's range (8 rounds of SipHash-2-4 keyed by another
/// sub-key), which is a bijection: keys stay unique and foreign keys still find their parents. One instance per
/// copy: it keeps a reusable HMAC state and is not thread-safe.
/// </summary>
internal sealed class Masker : IDisposable
{
    private const int FeistelRounds = 8;
    private readonly IncrementalHash _mac;
    private readonly ulong _k0, _k1;
    private byte[] _buffer = new byte[256];

    public Masker(MaskingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Derive("values"));
        var feistel = key.Derive("feistel");
        _k0 = BinaryPrimitives.ReadUInt64LittleEndian(feistel);
        _k1 = BinaryPrimitives.ReadUInt64LittleEndian(feistel.AsSpan(8));
    }

    public void Dispose() => _mac.Dispose();

    /// <summary>The function one column's values go through: NULL stays NULL except for set_null and value.</summary>
    public Func<object?, object?> For(MaskRule rule, MaskColumnType type)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(type);
        var max = type.MaxLength;
        switch (rule.Kind)
        {
            case MaskKind.SetNull:
                return _ => null;
            case MaskKind.Value when type.Class == MaskTypeClass.Integer:
                TryInteger(rule.Value!, type.Bits, type.Unsigned, out var number);
                var boxed = type.Bits switch { 8 => (object)(byte)number, 16 => (object)(short)number, 32 => (object)(int)number, _ => (object)number };
                return v => v is null ? boxed : Convert.ChangeType(number, v.GetType(), CultureInfo.InvariantCulture);
            case MaskKind.Value:
                var text = rule.Value!;
                return _ => text;
            case MaskKind.Hash when type.Class == MaskTypeClass.Integer:
                return v => v is null ? null : HashInteger(v, type.Bits);
            case MaskKind.DateShift:
                return v => v is null ? null : ShiftDate(v, rule.ShiftDays);
            default:
                Func<string, string> f = rule.Kind switch
                {
                    MaskKind.Hash => s => HashText(s, max),
                    MaskKind.Email => s => Email(s, max),
                    MaskKind.FirstName => s => FirstName(s, max),
                    MaskKind.LastName => s => LastName(s, max),
                    MaskKind.FullName => s => FullName(s, max),
                    MaskKind.Phone => Phone,
                    MaskKind.Partial => s => Partial(s, rule.KeepLast, rule.Fill),
                    _ => throw new NotSupportedException($"masking rule {rule}"),
                };
                return v => v switch
                {
                    null => null,
                    string s => f(s),
                    char[] c => f(new string(c)),
                    _ => f(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""),
                };
        }
    }

    /// <summary>An integer through the keyed permutation of its <paramref name="bits"/>-bit range, as the same CLR type.</summary>
    public object HashInteger(object value, int bits) => value switch
    {
        long l => (object)(long)SignExtend(Permute((ulong)l & Mask(bits), bits), bits),
        int i => (object)(int)SignExtend(Permute((ulong)(uint)i & Mask(bits), bits), bits),
        short s => (object)(short)SignExtend(Permute((ulong)(ushort)s & Mask(bits), bits), bits),
        byte b => (object)(byte)Permute(b, 8),
        sbyte sb => (object)(sbyte)SignExtend(Permute((byte)sb, 8), 8),
        decimal d => (object)(decimal)(long)SignExtend(Permute((ulong)(long)d & Mask(bits), bits), bits),
        _ => throw new InvalidOperationException($"the hash rule got a {value.GetType().Name} where the column's type is an integer"),
    };

    /// <summary>The Feistel permutation of a <paramref name="bits"/>-bit value (bits even, 8..64): a bijection for each key.</summary>
    public ulong Permute(ulong value, int bits)
    {
        var half = bits / 2;
        var mask = (1UL << half) - 1;
        var left = value >> half;
        var right = value & mask;
        for (var round = 0; round < FeistelRounds; round++)
        {
            var f = SipHash((ulong)round << 56 | (ulong)bits << 48 | right) & mask;
            (left, right) = (right, left ^ f);
        }

        return left << half | right;
    }

    /// <summary>Keyed hex that fits the column (up to 32 characters).</summary>
    public string HashText(string value, int? max)
    {
        Span<byte> mac = stackalloc byte[32];
        Mac((byte)'h', value, mac);
        var length = Math.Clamp(max ?? 32, 1, 32);
        var hex = Hex(mac)[..length];
        return hex == value ? Hex(mac)[^length..] : hex;
    }

    /// <summary>A well-formed fake address: <c>first.last.1a2b3c4d@example.com</c>; shorter forms when the column is narrow. Addresses compare case-insensitively.</summary>
    public string Email(string value, int? max)
    {
        Span<byte> mac = stackalloc byte[32];
        Mac((byte)'e', value.Trim().ToLowerInvariant(), mac);
        var tag = Hex(mac[..4]);
        var first = FakeNames.First[Pick(mac, 4, FakeNames.First.Length)].ToLowerInvariant();
        var last = FakeNames.Last[Pick(mac, 8, FakeNames.Last.Length)].ToLowerInvariant();
        string[] forms = [$"{first}.{last}.{tag}@example.com", $"{first[0]}{last}.{tag}@example.com", $"{tag}@example.com", $"{tag[..4]}@ex.co"];
        var fit = forms.FirstOrDefault(f => max is null || f.Length <= max) ?? Hex(mac)[..Math.Max(1, max!.Value)];
        return fit == value ? Hex(mac)[^fit.Length..] : fit;
    }

    public string FirstName(string value, int? max) => Name((byte)'f', value, FakeNames.First, max);

    public string LastName(string value, int? max) => Name((byte)'l', value, FakeNames.Last, max);

    public string FullName(string value, int? max)
    {
        Span<byte> mac = stackalloc byte[32];
        Mac((byte)'n', value.Trim(), mac);
        var first = Pick(mac, 0, FakeNames.First.Length);
        var last = Pick(mac, 4, FakeNames.Last.Length);
        var name = Fit($"{FakeNames.First[first]} {FakeNames.Last[last]}", max);
        return string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase) ? Fit($"{FakeNames.First[(first + 1) % FakeNames.First.Length]} {FakeNames.Last[last]}", max) : name;
    }

    /// <summary>Every digit replaced by a keyed digit; everything else (+, spaces, dashes, parentheses, letters of an extension) kept, so the length is too.</summary>
    public string Phone(string value)
    {
        Span<byte> mac = stackalloc byte[32];
        Mac((byte)'p', value, mac);
        var chars = value.ToCharArray();
        int used = 0, lastDigit = -1, block = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiDigit(chars[i]))
            {
                continue;
            }

            if (used == mac.Length)
            {
                // Long values: chain the MAC over the block number for more digits.
                block++;
                Mac((byte)'p', string.Create(CultureInfo.InvariantCulture, $"{block}:{value}"), mac);
                used = 0;
            }

            chars[i] = (char)('0' + mac[used++] % 10);
            lastDigit = i;
        }

        var masked = new string(chars);
        if (masked == value && lastDigit >= 0)
        {
            chars[lastDigit] = (char)('0' + (chars[lastDigit] - '0' + 1) % 10);
            masked = new string(chars);
        }

        return masked;
    }

    /// <summary>All but the last <paramref name="keepLast"/> characters replaced by <paramref name="fill"/>; a value no longer than that is filled whole (keeping it would show it all).</summary>
    public static string Partial(string value, int keepLast, char fill)
    {
        ArgumentNullException.ThrowIfNull(value);
        var keep = value.Length > keepLast ? keepLast : 0;
        return string.Create(value.Length, (value, keep, fill), static (span, s) =>
        {
            span.Fill(s.fill);
            s.value.AsSpan(s.value.Length - s.keep).CopyTo(span[(span.Length - s.keep)..]);
        });
    }

    /// <summary>A date moved by a keyed number of days in -<paramref name="days"/>..+<paramref name="days"/>, never 0; the same date always moves the same way; the time of day stays.</summary>
    public object ShiftDate(object value, int days) => value switch
    {
        DateTime d => Shift(d, Offset(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days)),
        DateTimeOffset o => new DateTimeOffset(Shift(o.DateTime, Offset(o.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days)), o.Offset),
        DateOnly d => DateOnly.FromDateTime(Shift(d.ToDateTime(TimeOnly.MinValue), Offset(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days))),
        string s when s.Length >= 10 && DateTime.TryParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) =>
            Shift(d, Offset(s[..10], days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + s[10..],
        _ => throw new InvalidOperationException($"the date_shift rule got a value that is not a date ({value.GetType().Name}; text must start yyyy-MM-dd)"),
    };

    /// <summary>A whole number in the range of a <paramref name="bits"/>-bit integer column.</summary>
    public static bool TryInteger(string text, int bits, bool unsigned, out long value)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        if (bits >= 64)
        {
            return true;
        }

        var (min, max) = unsigned ? (0L, (1L << bits) - 1) : (-(1L << (bits - 1)), (1L << (bits - 1)) - 1);
        return value >= min && value <= max;
    }

    private string Name(byte tag, string value, string[] names, int? max)
    {
        Span<byte> mac = stackalloc byte[32];
        Mac(tag, value.Trim(), mac);
        var i = Pick(mac, 0, names.Length);
        var name = Fit(names[i], max);
        return string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase) ? Fit(names[(i + 1) % names.Length], max) : name;
    }

    private static string Fit(string value, int? max) => max is { } m && value.Length > m ? value[..Math.Max(1, m)] : value;

    private static int Pick(ReadOnlySpan<byte> mac, int at, int count) => (int)(BinaryPrimitives.ReadUInt32LittleEndian(mac[at..]) % (uint)count);

    private int Offset(string date, int days)
    {
        Span<byte> mac = stackalloc byte[32];
        Mac((byte)'d', date, mac);
        var magnitude = 1 + (int)(BinaryPrimitives.ReadUInt32LittleEndian(mac) % (uint)days);
        return (mac[4] & 1) == 0 ? magnitude : -magnitude;
    }

    private static DateTime Shift(DateTime value, int days) =>
        value.Ticks + days * TimeSpan.TicksPerDay is var ticks && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks ? value.AddDays(days) : value.AddDays(-days);

    private void Mac(byte tag, string value, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length) + 1;
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        _buffer[0] = tag;
        var n = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(1));
        _mac.AppendData(_buffer, 0, n + 1);
        _mac.GetHashAndReset(destination);
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static ulong Mask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    private static ulong SignExtend(ulong value, int bits) => bits >= 64 ? value : (ulong)((long)(value << (64 - bits)) >> (64 - bits));

    /// <summary>SipHash-2-4 of one 64-bit word, keyed by the Feistel sub-key.</summary>
    private ulong SipHash(ulong m)
    {
        ulong v0 = 0x736f6d6570736575UL ^ _k0, v1 = 0x646f72616e646f6dUL ^ _k1, v2 = 0x6c7967656e657261UL ^ _k0, v3 = 0x7465646279746573UL ^ _k1;
        v3 ^= m;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= m;
        var b = 8UL << 56;
        v3 ^= b;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= b;
        v2 ^= 0xff;
        for (var i = 0; i < 4; i++)
        {
            Round(ref v0, ref v1, ref v2, ref v3);
        }

        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = ulong.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = ulong.RotateLeft(v0, 32);
        v2 += v3;
        v3 = ulong.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = ulong.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = ulong.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = ulong.RotateLeft(v2, 32);
    }
}
