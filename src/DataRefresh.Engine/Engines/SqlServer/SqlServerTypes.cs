using System.Globalization;
using System.Text.RegularExpressions;
using DataRefresh.Catalog;

namespace DataRefresh.Engines.SqlServer;

/// <summary>Which source column types SqlBulkCopy loads into which target types without losing or reinterpreting data.</summary>
internal static partial class SqlServerTypes
{
    private static readonly string[] Integers = ["tinyint", "smallint", "int", "bigint"];
    private static readonly string[] Unsupported = ["hierarchyid", "geometry", "geography"];

    public static string? Incompatibility(ColumnInfo source, ColumnInfo target)
    {
        var s = source.DataType;
        var t = target.DataType;
        if (Unsupported.Contains(s) || Unsupported.Contains(t))
        {
            return $"column {source.Name}: type {s} is not supported by DataRefresh (CLR types do not stream through SqlBulkCopy reliably); exclude the table or convert the column";
        }

        return s == t || Widens(s, t) ? null : $"column {source.Name}: source type {s} does not load into target type {t} without loss";
    }

    private static bool Widens(string s, string t)
    {
        var si = Array.IndexOf(Integers, s);
        var ti = Array.IndexOf(Integers, t);
        if (si >= 0 && ti >= 0)
        {
            return ti >= si;
        }

        if (Decimal(s) is var (sp, ss) && Decimal(t) is var (tp, ts))
        {
            return ts >= ss && tp - ts >= sp - ss;
        }

        if (s == "real" && t == "float")
        {
            return true;
        }

        if (s is "datetime" or "smalldatetime" or "date" && t.StartsWith("datetime2", StringComparison.Ordinal))
        {
            return true;
        }

        if (Text(s) is var (sFamily, sLength) && Text(t) is var (tFamily, tLength))
        {
            var familyOk = sFamily == tFamily || (sFamily == "varchar" && tFamily == "nvarchar") || (sFamily == "char" && tFamily is "varchar" or "nvarchar" or "nchar");
            return familyOk && (tLength < 0 || (sLength >= 0 && tLength >= sLength));
        }

        return false;
    }

    private static (int Precision, int Scale)? Decimal(string type)
    {
        var m = DecimalPattern().Match(type);
        return m.Success ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>Family and length (-1 for max) of a character or binary type.</summary>
    private static (string Family, int Length)? Text(string type)
    {
        var m = TextPattern().Match(type);
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value == "max" ? -1 : int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) : null;
    }

    [GeneratedRegex(@"^(?:decimal|numeric)\((\d+),(\d+)\)$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^(varchar|nvarchar|char|nchar|varbinary|binary)\((max|\d+)\)$")]
    private static partial Regex TextPattern();
}
