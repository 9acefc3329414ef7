using System.Globalization;
using DataRefresh.Catalog;
using DataRefresh.Configuration;

namespace DataRefresh.Masking;

/// <summary>What masking needs to know about a column's type, read from the catalog's type name on any engine.</summary>
internal enum MaskTypeClass
{
    Other,
    Integer,
    Text,
    Date,
}

/// <summary>A column's type as masking sees it: its class, an integer's width in bits, a text's maximum length.</summary>
internal sealed record MaskColumnType(MaskTypeClass Class, int Bits = 0, bool Unsigned = false, int? MaxLength = null)
{
    public static MaskColumnType Of(ColumnInfo column, EngineKind engine)
    {
        ArgumentNullException.ThrowIfNull(column);
        var type = column.DataType.Trim().ToLowerInvariant();
        var paren = type.IndexOf('(', StringComparison.Ordinal);
        var bare = (paren < 0 ? type : type[..paren]).Trim();
        int? length = null;
        if (paren >= 0 && type.IndexOf(')', paren) is var close and > 0
            && int.TryParse(type[(paren + 1)..close].Split(',')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            length = n;
        }

        if (engine == EngineKind.Sqlite)
        {
            // SQLite's affinity rules: any integer type holds 64-bit values; text affinity for CHAR, CLOB, TEXT.
            return bare.Contains("int", StringComparison.Ordinal) ? new(MaskTypeClass.Integer, 64)
                : bare.Contains("char", StringComparison.Ordinal) || bare.Contains("clob", StringComparison.Ordinal) || bare.Contains("text", StringComparison.Ordinal) ? new(MaskTypeClass.Text, MaxLength: length)
                : bare.Contains("date", StringComparison.Ordinal) || bare.Contains("time", StringComparison.Ordinal) ? new(MaskTypeClass.Date)
                : new(MaskTypeClass.Other);
        }

        return bare switch
        {
            "tinyint" => new(MaskTypeClass.Integer, 8, Unsigned: true),
            "smallint" or "int2" => new(MaskTypeClass.Integer, 16),
            "int" or "integer" or "int4" => new(MaskTypeClass.Integer, 32),
            "bigint" or "int8" => new(MaskTypeClass.Integer, 64),
            "char" or "nchar" or "varchar" or "nvarchar" or "character" or "character varying" or "bpchar" or "text" or "ntext" or "citext" or "varchar2" => new(MaskTypeClass.Text, MaxLength: length),
            "date" or "datetime" or "datetime2" or "smalldatetime" or "datetimeoffset" or "timestamptz" => new(MaskTypeClass.Date),
            _ when bare.StartsWith("timestamp ", StringComparison.Ordinal) || (bare == "timestamp" && engine == EngineKind.PostgreSql) => new(MaskTypeClass.Date),
            _ => new(MaskTypeClass.Other),
        };
    }

    /// <summary>Why <paramref name="rule"/> cannot apply to a column of this type (and nullability), or null when it fits.</summary>
    public string? Misfit(MaskRule rule, ColumnInfo column)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(column);
        var fits = rule.Kind switch
        {
            MaskKind.Hash => Class is MaskTypeClass.Integer or MaskTypeClass.Text,
            MaskKind.Email or MaskKind.FirstName or MaskKind.LastName or MaskKind.FullName or MaskKind.Phone or MaskKind.Partial => Class == MaskTypeClass.Text,
            MaskKind.DateShift => Class == MaskTypeClass.Date,
            MaskKind.SetNull => true,
            MaskKind.Value => Class is MaskTypeClass.Text or MaskTypeClass.Integer,
            _ => false,
        };
        if (!fits)
        {
            var wants = rule.Kind switch
            {
                MaskKind.Hash => "an integer or text column",
                MaskKind.DateShift => "a date or date-and-time column",
                MaskKind.Value => "a text or integer column",
                _ => "a text column",
            };
            return $"rule {rule} needs {wants}, and {column.Name} is {column.DataType}";
        }

        if (rule.Kind == MaskKind.SetNull && !column.IsNullable)
        {
            return $"rule set_null needs a nullable column, and {column.Name} is NOT NULL in the target";
        }

        if (rule.Kind == MaskKind.Value && Class == MaskTypeClass.Integer && !Masker.TryInteger(rule.Value!, Bits, Unsigned, out _))
        {
            return $"rule value: '{rule.Value}' is not a whole number that fits {column.Name} ({column.DataType})";
        }

        if (rule.Kind == MaskKind.Value && Class == MaskTypeClass.Text && MaxLength is { } max && rule.Value!.Length > max)
        {
            return $"rule value: '{rule.Value}' is {rule.Value.Length} characters, longer than {column.Name} ({column.DataType})";
        }

        return null;
    }
}
