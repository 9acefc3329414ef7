using System.Globalization;
using System.Text.RegularExpressions;
using DataRefresh.Catalog;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>Which source column types load into which target types without losing or reinterpreting data.</summary>
internal static partial class PostgreSqlTypes
{
    private static readonly string[] Integers = ["smallint", "integer", "bigint"];

    public static string? Incompatibility(ColumnInfo source, ColumnInfo target)
    {
        var s = source.DataType;
        var t = target.DataType;
        if (s == t || Widens(s, t))
        {
            return null;
        }

        return $"column {source.Name}: source type {s} does not load into target type {t} without loss";
    }

    /// <summary>Identical types let COPY pass its binary stream straight through.</summary>
    public static bool SameType(ColumnInfo source, ColumnInfo target) => source.DataType == target.DataType;

    private static bool Widens(string s, string t)
    {
        var si = Array.IndexOf(Integers, s);
        var ti = Array.IndexOf(Integers, t);
        if (si >= 0 && ti >= 0)
        {
            return ti >= si;
        }

        if (si >= 0 && Numeric(t) is var (tp, ts))
        {
            return tp is null || tp - ts >= 19;
        }

        if (s == "real" && t == "double precision")
        {
            return true;
        }

        if (Numeric(s) is var (sp, ss) && Numeric(t) is var (tp2, ts2))
        {
            return tp2 is null || (sp is not null && ts2 >= ss && tp2 - ts2 >= sp - ss);
        }

        if (Length(s, "character varying") is { } sl)
        {
            return t == "text" || (Length(t, "character varying") is { } tl && (tl < 0 || (sl >= 0 && tl >= sl)));
        }

        if (s == "json" && t == "jsonb")
        {
            return true;
        }

        return false;
    }

    private static (int? Precision, int Scale)? Numeric(string type)
    {
        if (type == "numeric")
        {
            return (null, 0);
        }

        var m = NumericPattern().Match(type);
        return m.Success ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0) : null;
    }

    /// <summary>-1 for unbounded, the length when given, null when the type is another one.</summary>
    private static int? Length(string type, string family)
    {
        if (type == family)
        {
            return -1;
        }

        return type.StartsWith(family + "(", StringComparison.Ordinal) && type.EndsWith(')')
            ? int.Parse(type[(family.Length + 1)..^1], CultureInfo.InvariantCulture)
            : null;
    }

    [GeneratedRegex(@"^numeric\((\d+)(?:,(\d+))?\)$")]
    private static partial Regex NumericPattern();
}
