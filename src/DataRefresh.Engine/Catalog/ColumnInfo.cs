namespace DataRefresh.Catalog;

public sealed record ColumnInfo
{
    public required string Name { get; init; }
    public required int Ordinal { get; init; }

    /// <summary>The type as the engine prints it, e.g. <c>numeric(12,2)</c>, <c>nvarchar(max)</c>.</summary>
    public required string DataType { get; init; }

    public bool IsNullable { get; init; } = true;
    public IdentityKind Identity { get; init; }

    /// <summary>Computed/generated columns: the database derives them, so they are never copied.</summary>
    public bool IsGenerated { get; init; }

    /// <summary>SQL Server rowversion/timestamp: assigned by the server, never copied.</summary>
    public bool IsRowVersion { get; init; }

    public string? Collation { get; init; }

    /// <summary>SQL Server: the code page of <see cref="Collation"/> (<c>COLLATIONPROPERTY(…, 'CodePage')</c>; 65001 for UTF-8, 0 for a Unicode-only collation). Null on other engines.</summary>
    public int? CodePage { get; init; }

    /// <summary>SQL Server: the locale id of <see cref="Collation"/> (<c>COLLATIONPROPERTY(…, 'LCID')</c>). Null on other engines.</summary>
    public int? Lcid { get; init; }

    /// <summary>The sequence this column draws from (identity, serial, a nextval/NEXT VALUE FOR default), by name; see <see cref="TableSchema.Sequences"/>.</summary>
    public string? Sequence { get; init; }

    public bool IsCopyable => !IsGenerated && !IsRowVersion;
}
