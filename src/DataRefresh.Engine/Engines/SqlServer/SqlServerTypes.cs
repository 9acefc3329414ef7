using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using DataRefresh.Catalog;
using Microsoft.Data.SqlClient;

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

    /// <summary>
    /// The SqlParameter typing for a value compared with a column of this type (as <see cref="SqlServerSql.TypeName"/>
    /// prints it): varchar(50) is VarChar of 50, nvarchar(max) NVarChar of -1, datetime2(3) DateTime2 of scale 3,
    /// decimal(18,2) Decimal(18,2). An untyped string goes as nvarchar, which makes SQL Server convert every row of
    /// a varchar column (a scan of production instead of a seek), and an untyped DateTime as datetime, which rounds
    /// to 1/300 s. Null for a type not listed: the value's own type is left to SqlClient.
    /// </summary>
    public static SqlParameterType? Parameter(string? columnType)
    {
        if (string.IsNullOrWhiteSpace(columnType))
        {
            return null;
        }

        var m = ParameterPattern().Match(columnType.Trim().ToLowerInvariant());
        if (!m.Success)
        {
            return null;
        }

        var name = m.Groups[1].Value;
        var first = m.Groups[2].Value;
        var second = m.Groups[3].Value;
        int? length = first == "max" ? -1 : first.Length > 0 ? int.Parse(first, CultureInfo.InvariantCulture) : null;
        byte? scale = name is "datetime2" or "datetimeoffset" or "time" ? (byte)Math.Min(7, length ?? 7) : null;
        return name switch
        {
            "varchar" => new(SqlDbType.VarChar, length ?? 1),
            "nvarchar" => new(SqlDbType.NVarChar, length ?? 1),
            "char" => new(SqlDbType.Char, length ?? 1),
            "nchar" => new(SqlDbType.NChar, length ?? 1),
            "varbinary" => new(SqlDbType.VarBinary, length ?? 1),
            "binary" => new(SqlDbType.Binary, length ?? 1),
            "datetime2" => new(SqlDbType.DateTime2, Scale: scale),
            "datetimeoffset" => new(SqlDbType.DateTimeOffset, Scale: scale),
            "time" => new(SqlDbType.Time, Scale: scale),
            "date" => new(SqlDbType.Date),
            "datetime" => new(SqlDbType.DateTime),
            "smalldatetime" => new(SqlDbType.SmallDateTime),
            "decimal" or "numeric" => new(SqlDbType.Decimal, Precision: (byte)(length ?? 18), Scale: (byte)(second.Length > 0 ? int.Parse(second, CultureInfo.InvariantCulture) : 0)),
            "bigint" => new(SqlDbType.BigInt),
            "int" => new(SqlDbType.Int),
            "smallint" => new(SqlDbType.SmallInt),
            "tinyint" => new(SqlDbType.TinyInt),
            "bit" => new(SqlDbType.Bit),
            "money" => new(SqlDbType.Money),
            "smallmoney" => new(SqlDbType.SmallMoney),
            "float" => new(SqlDbType.Float),
            "real" => new(SqlDbType.Real),
            "uniqueidentifier" => new(SqlDbType.UniqueIdentifier),
            _ => null,
        };
    }

    /// <summary>
    /// A parameter holding <paramref name="value"/>, typed like a column of <paramref name="columnType"/>. A text
    /// value longer than the column's length is sent whole (as max), never cut to the length SqlClient was told.
    /// </summary>
    public static SqlParameter Typed(string name, object? value, string? columnType)
    {
        var parameter = new SqlParameter(name, value ?? DBNull.Value);
        if (Parameter(columnType) is not { } type)
        {
            return parameter;
        }

        // A varchar parameter is encoded in the database's code page, which may not be the column's: text outside
        // ASCII goes as nvarchar (exact, if slower), never as '?' that would compare wrongly.
        if (type.Type is SqlDbType.VarChar or SqlDbType.Char && value is string s && !System.Text.Ascii.IsValid(s))
        {
            type = type with { Type = type.Type == SqlDbType.Char ? SqlDbType.NChar : SqlDbType.NVarChar };
        }

        parameter.SqlDbType = type.Type;
        if (type.Size is { } size)
        {
            var length = value switch
            {
                string text => text.Length,
                byte[] bytes => bytes.Length,
                _ => 0,
            };
            parameter.Size = size >= 0 && length > size ? -1 : size;
        }

        if (type.Precision is { } precision)
        {
            parameter.Precision = precision;
        }

        if (type.Scale is { } scale)
        {
            parameter.Scale = scale;
        }

        return parameter;
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

    [GeneratedRegex(@"^([a-z0-9]+)(?:\s*\(\s*(max|\d+)\s*(?:,\s*(\d+)\s*)?\))?$")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"^(?:decimal|numeric)\((\d+),(\d+)\)$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^(varchar|nvarchar|char|nchar|varbinary|binary)\((max|\d+)\)$")]
    private static partial Regex TextPattern();
}

/// <summary>How to type a SqlParameter like a column: the SqlDbType and, where the type has them, size, precision, scale.</summary>
internal readonly record struct SqlParameterType(SqlDbType Type, int? Size = null, byte? Precision = null, byte? Scale = null);
