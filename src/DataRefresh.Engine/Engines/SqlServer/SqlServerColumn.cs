namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// One column exactly as SWITCH compares it (type, collation, nullability, identity, computation, ROWGUIDCOL, typed
/// XML, sparse or column set, ANSI_PADDING) and as simple_copy would fill it (its DEFAULT).
/// </summary>
/// <param name="Type">As DDL prints it; typed XML carries its schema collection: <c>xml(CONTENT [dbo].[Orders])</c>.</param>
/// <param name="AnsiPadded">False only for a char, varchar, binary or varbinary (not max) column created with ANSI_PADDING OFF.</param>
/// <param name="Default">The DEFAULT constraint's definition as sys.default_constraints prints it, parenthesised.</param>
/// <param name="NotForReplication">IDENTITY … NOT FOR REPLICATION.</param>
/// <param name="ColumnSet">The xml COLUMN_SET FOR ALL_SPARSE_COLUMNS column.</param>
public sealed record SqlServerColumn(
    string Name,
    string Type,
    string? Collation,
    bool Nullable,
    string? IdentitySeed = null,
    string? IdentityIncrement = null,
    string? Computed = null,
    bool Persisted = false,
    bool Sparse = false,
    bool RowGuid = false,
    bool AnsiPadded = true,
    string? Default = null,
    bool NotForReplication = false,
    bool ColumnSet = false)
{
    public bool IsRowVersion => Type == "timestamp";
}
