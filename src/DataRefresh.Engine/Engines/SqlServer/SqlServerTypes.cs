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

        if (s != t && !Widens(s, t))
        {
            return $"column {source.Name}: source type {s} does not load into target type {t} without loss";
        }

        return Collation(source, target).Problem;
    }

    /// <summary>Code page 65001: a UTF-8 collation (SQL Server 2019+), where one character of varchar takes 1 to 4 bytes.</summary>
    private const int Utf8 = 65001;

    /// <summary>
    /// How a character column's values travel from the source collation to the target's. SqlBulkCopy fed by a
    /// SqlDataReader refuses two collations of different locales (LCID) outright, and re-encodes varchar values from
    /// the source's code page into the target's, silently turning characters the target's code page lacks into '?'.
    /// The rule:
    /// <list type="bullet">
    /// <item>Same collation, or a column without one: nothing to do.</item>
    /// <item>Same characters on both sides (both Unicode types, or both varchar with one code page) and one locale:
    ///   the values load unchanged; only sorting and comparing differ (no order hints, see <see cref="SqlServerEngine.CopyAsync"/>).</item>
    /// <item>Same characters, another locale: the source SELECT relabels the column <c>COLLATE &lt;target collation&gt;</c>,
    ///   which changes no character (Unicode, or one code page).</item>
    /// <item>varchar into a Unicode column (nvarchar, nchar, ntext): every character fits. One locale: loads as it is;
    ///   another: read as <c>CAST(… AS nvarchar(n)) COLLATE &lt;target&gt;</c>, so the relabel happens after the values are Unicode.</item>
    /// <item>Non-UTF-8 varchar into a UTF-8 varchar: every character fits, but takes up to 3 bytes; loads (through
    ///   nvarchar when the locale differs) only when the target is varchar(max) or at least 3 times as long,
    ///   otherwise blocked: a value could overflow.</item>
    /// <item>Any other change of code page (including UTF-8 into a code page): blocked, as characters would be lost.</item>
    /// </list>
    /// </summary>
    public static CollationMove Collation(ColumnInfo source, ColumnInfo target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.Collation is not { } from || target.Collation is not { } to || string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return CollationMove.Unchanged;
        }

        var (sUnicode, tUnicode) = (IsUnicode(source.DataType), IsUnicode(target.DataType));
        var sameLocale = source.Lcid == target.Lcid;
        var names = $"column {source.Name}: source collation {from}{CodePage(source)}, target collation {to}{CodePage(target)}";
        if ((sUnicode && tUnicode) || (!sUnicode && !tUnicode && source.CodePage == target.CodePage))
        {
            return sameLocale
                ? new CollationMove(CollationKind.SortOnly, null, null, $"{names}: values load unchanged (same locale and characters); UAT sorts and compares them by {to}")
                : new CollationMove(CollationKind.Relabel, to, null, $"{names}: read with COLLATE {to} (the locales differ, which SqlBulkCopy refuses; no character changes)");
        }

        if (tUnicode)
        {
            return sameLocale
                ? new CollationMove(CollationKind.SortOnly, null, null, $"{names}: values load as Unicode unchanged; UAT sorts and compares them by {to}")
                : new CollationMove(CollationKind.ViaUnicode, to, Nvarchar(source.DataType), $"{names}: read as {Nvarchar(source.DataType)} COLLATE {to} (lossless: the target is Unicode)");
        }

        if (sUnicode)
        {
            return Block($"{names}: Unicode values do not load into a code page without loss; make the target column nvarchar");
        }

        if (target.CodePage == Utf8)
        {
            if (!Utf8Fits(source.DataType, target.DataType))
            {
                return Block($"{names}: a character of code page {source.CodePage} takes up to 3 bytes in UTF-8, so a {source.DataType} value may not fit {target.DataType}; make the target column {Tripled(source.DataType)} or nvarchar, or give it the source's collation");
            }

            return sameLocale
                ? new CollationMove(CollationKind.SortOnly, null, null, $"{names}: values are re-encoded to UTF-8 by the load (lossless: the target holds every character)")
                : new CollationMove(CollationKind.ViaUnicode, to, Nvarchar(source.DataType), $"{names}: read as {Nvarchar(source.DataType)} COLLATE {to} (lossless: UTF-8 holds every character and the target is long enough)");
        }

        return Block($"{names}: characters that code page {target.CodePage} lacks would be stored as '?'; give the target column the source's collation ({from}), a UTF-8 collation, or make it nvarchar");
    }

    private static CollationMove Block(string problem) => new(CollationKind.Blocked, null, null, problem);

    private static string CodePage(ColumnInfo column) => column.CodePage switch
    {
        null => "",
        Utf8 => " (UTF-8)",
        0 => " (Unicode only)",
        var page => $" (code page {page})",
    };

    /// <summary>nchar, nvarchar, ntext and sysname hold UTF-16 whatever the collation; char, varchar and text hold the collation's code page.</summary>
    private static bool IsUnicode(string type) => type.StartsWith('n') || type == "sysname";

    /// <summary>The nvarchar that holds every value of a char/varchar/text type: n bytes never make more than n UTF-16 code units.</summary>
    private static string Nvarchar(string type) => Text(type) is var (_, length) && length is > 0 and <= 4000
        ? $"nvarchar({length.ToString(CultureInfo.InvariantCulture)})"
        : "nvarchar(max)";

    /// <summary>A byte of any code page becomes at most 3 bytes of UTF-8 (a double-byte character, at most 3 too).</summary>
    private static bool Utf8Fits(string source, string target)
    {
        if (target == "text" || Text(target) is (_, -1))
        {
            return true;
        }

        return Text(source) is var (_, s) && s > 0 && Text(target) is var (_, t) && t >= 3 * s;
    }

    private static string Tripled(string type) => Text(type) is var (family, length) && length > 0 && length * 3 <= 8000
        ? $"{family}({(length * 3).ToString(CultureInfo.InvariantCulture)})"
        : "varchar(max)";

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

internal enum CollationKind
{
    /// <summary>Same collation (or none): nothing to do.</summary>
    Unchanged,

    /// <summary>The values load unchanged; only the order the two sides sort them in differs.</summary>
    SortOnly,

    /// <summary>The source SELECT relabels the column with the target's collation (no character changes).</summary>
    Relabel,

    /// <summary>The source SELECT reads the column as nvarchar, then relabels it: lossless because the target holds every character.</summary>
    ViaUnicode,

    /// <summary>Characters could be lost or values overflow: the table is blocked.</summary>
    Blocked,
}

/// <summary>What <see cref="SqlServerTypes.Collation"/> decided for one column; <see cref="Note"/> is for the plan, <see cref="Problem"/> blocks.</summary>
/// <param name="Collate">The target collation the source SELECT applies, or null.</param>
/// <param name="AsType">The type the source SELECT casts to before COLLATE, or null.</param>
internal sealed record CollationMove(CollationKind Kind, string? Collate, string? AsType, string? Text)
{
    public static readonly CollationMove Unchanged = new(CollationKind.Unchanged, null, null, null);

    public string? Problem => Kind == CollationKind.Blocked ? Text : null;

    public string? Note => Kind is CollationKind.SortOnly or CollationKind.Relabel or CollationKind.ViaUnicode ? Text : null;
}

/// <summary>How to type a SqlParameter like a column: the SqlDbType and, where the type has them, size, precision, scale.</summary>
internal readonly record struct SqlParameterType(SqlDbType Type, int? Size = null, byte? Precision = null, byte? Scale = null);
