namespace DataRefresh.Engines.SqlServer;

/// <summary>Everything needed to build a staging table that ALTER TABLE … SWITCH accepts, and what would stop it.</summary>
public sealed record SqlServerLayout(
    IReadOnlyList<SqlServerColumn> Columns,
    SqlServerDataSpace DataSpace,
    IReadOnlyList<SqlServerIndex> Indexes,
    IReadOnlyList<SqlServerCheck> Checks,
    IReadOnlyList<string> Blockers,
    SqlServerTableOptions? Options = null)
{
    public SqlServerTableOptions TableOptions => Options ?? SqlServerTableOptions.None;
}
