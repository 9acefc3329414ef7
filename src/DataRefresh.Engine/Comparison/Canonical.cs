using System.Globalization;

namespace DataRefresh.Comparison;

/// <summary>Values read by ADO.NET, as one invariant text (keys in dictionaries, SQLite's row hash).</summary>
internal static class Canonical
{
    public static string Text(object? value) => value switch
    {
        null or DBNull => "N",
        byte[] bytes => "b" + Convert.ToHexString(bytes),
        string s => "t" + s,
        double d => "r" + d.ToString("R", CultureInfo.InvariantCulture),
        float f => "r" + f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => "d" + t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => "d" + t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => "n" + f.ToString(null, CultureInfo.InvariantCulture),
        _ => "o" + value,
    };
}
