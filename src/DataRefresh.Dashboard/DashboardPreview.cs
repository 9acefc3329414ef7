using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataRefresh.Configuration;
using DataRefresh.Preview;

namespace DataRefresh.Dashboard;

/// <summary>A preview page as the API returns it: every value as text (or null), the next page's opaque cursor.</summary>
public sealed record RowsView(string Table, string Side, IReadOnlyList<string> Columns, IReadOnlyList<string> Key, IReadOnlyList<string?[]> Rows, string? Next, int Limit, string? Note);

/// <summary>
/// Preview values as text, and the paging cursor: the last row's key, encrypted and authenticated with a key this
/// process made (AES-GCM), bound to the table and side, so a cursor neither shows a key value (it may be a masked
/// column) nor can be forged or moved to another table. A cursor lives as long as the dashboard process.
/// </summary>
internal static class DashboardPreview
{
    private const int MaxText = 400;
    private const int MaxBytes = 32;
    private static readonly byte[] CursorKey = RandomNumberGenerator.GetBytes(32);

    public static RowsView View(PreviewPage page, int limit)
    {
        string? next = null, note = page.Note;
        try
        {
            next = page.NextAfter is { } after ? Seal(page.Table, page.Side, after) : null;
        }
        catch (NotSupportedException ex)
        {
            note = ex.Message;
        }

        return new(page.Table, page.Side.ToString().ToLowerInvariant(), page.Columns, page.Key, [.. page.Rows.Select(r => r.Select(Text).ToArray())], next, limit, note);
    }

    public static string? Text(object? value)
    {
        var text = value switch
        {
            null or DBNull => null,
            string s => s,
            byte[] b => "0x" + Convert.ToHexString(b.AsSpan(0, Math.Min(b.Length, MaxBytes))) + (b.Length > MaxBytes ? $"… ({b.Length} bytes)" : ""),
            bool b => b ? "true" : "false",
            DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            Array a => "{" + string.Join(",", a.Cast<object?>().Take(50).Select(Text)) + (a.Length > 50 ? ",…" : "") + "}",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return text is { Length: > MaxText } ? text[..MaxText] + "…" : text;
    }

    /// <summary>The cursor for the page after the row whose key is <paramref name="key"/>.</summary>
    public static string Seal(string table, DatabaseSide side, IReadOnlyList<object?> key)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(key.Select(Tag).ToArray());
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedBytes = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(CursorKey, tag.Length))
        {
            aes.Encrypt(nonce, plain, sealedBytes, tag, Bound(table, side));
        }

        return Base64Url([.. nonce, .. tag, .. sealedBytes]);
    }

    /// <summary>The key a cursor holds; null when it is not one this process gave for this table and side.</summary>
    public static IReadOnlyList<object?>? Open(string cursor, string table, DatabaseSide side)
    {
        try
        {
            var bytes = FromBase64Url(cursor);
            const int nonceSize = 12, tagSize = 16;
            if (bytes.Length < nonceSize + tagSize)
            {
                return null;
            }

            var plain = new byte[bytes.Length - nonceSize - tagSize];
            using (var aes = new AesGcm(CursorKey, tagSize))
            {
                aes.Decrypt(bytes.AsSpan(0, nonceSize), bytes.AsSpan(nonceSize + tagSize), bytes.AsSpan(nonceSize, tagSize), plain, Bound(table, side));
            }

            var tagged = JsonSerializer.Deserialize<string?[][]>(plain);
            return tagged?.Select(Untag).ToList();
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or JsonException or ArgumentException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }

    private static byte[] Bound(string table, DatabaseSide side) => Encoding.UTF8.GetBytes($"{side}\u001f{table}");

    private static string?[] Tag(object? value) => value switch
    {
        null or DBNull => ["null", null],
        string s => ["s", s],
        long n => ["i8", n.ToString(CultureInfo.InvariantCulture)],
        int n => ["i4", n.ToString(CultureInfo.InvariantCulture)],
        short n => ["i2", n.ToString(CultureInfo.InvariantCulture)],
        byte n => ["u1", n.ToString(CultureInfo.InvariantCulture)],
        decimal n => ["m", n.ToString(CultureInfo.InvariantCulture)],
        double n => ["f8", n.ToString("R", CultureInfo.InvariantCulture)],
        float n => ["f4", n.ToString("R", CultureInfo.InvariantCulture)],
        bool b => ["b", b ? "1" : "0"],
        Guid g => ["g", g.ToString("D")],
        DateTime d => ["t", d.ToString("O", CultureInfo.InvariantCulture)],
        DateTimeOffset d => ["to", d.ToString("O", CultureInfo.InvariantCulture)],
        DateOnly d => ["d", d.ToString("O", CultureInfo.InvariantCulture)],
        TimeOnly t => ["tt", t.ToString("O", CultureInfo.InvariantCulture)],
        TimeSpan t => ["ts", t.ToString("c", CultureInfo.InvariantCulture)],
        byte[] b => ["x", Convert.ToBase64String(b)],
        _ => throw new NotSupportedException($"a key column of type {value.GetType().Name} cannot be paged; the first page is shown"),
    };

    private static object? Untag(string?[] tagged)
    {
        var (kind, text) = (tagged[0], tagged[1]);
        if (kind == "null")
        {
            return null;
        }

        ArgumentNullException.ThrowIfNull(text);
        var c = CultureInfo.InvariantCulture;
        return kind switch
        {
            "s" => text,
            "i8" => long.Parse(text, c),
            "i4" => int.Parse(text, c),
            "i2" => short.Parse(text, c),
            "u1" => byte.Parse(text, c),
            "m" => decimal.Parse(text, c),
            "f8" => double.Parse(text, c),
            "f4" => float.Parse(text, c),
            "b" => text == "1",
            "g" => Guid.Parse(text),
            "t" => DateTime.Parse(text, c, DateTimeStyles.RoundtripKind),
            "to" => DateTimeOffset.Parse(text, c, DateTimeStyles.RoundtripKind),
            "d" => DateOnly.Parse(text, c),
            "tt" => TimeOnly.Parse(text, c),
            "ts" => TimeSpan.Parse(text, c),
            "x" => Convert.FromBase64String(text),
            _ => throw new FormatException("unknown cursor value"),
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
