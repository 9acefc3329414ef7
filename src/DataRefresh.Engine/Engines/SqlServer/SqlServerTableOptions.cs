namespace DataRefresh.Engines.SqlServer;

/// <summary>Table options SWITCH compares or a load depends on.</summary>
/// <param name="Compression">The heap's or clustered index's per partition, in partition order: NONE, ROW or PAGE.</param>
/// <param name="LobDataSpace">The TEXTIMAGE_ON filegroup of a non-partitioned table with large-value columns.</param>
/// <param name="LargeValuesOutOfRow">sp_tableoption 'large value types out of row'.</param>
/// <param name="TextInRowLimit">sp_tableoption 'text in row' (0: off).</param>
public sealed record SqlServerTableOptions(
    IReadOnlyList<string> Compression,
    string? LobDataSpace = null,
    bool LargeValuesOutOfRow = false,
    int TextInRowLimit = 0)
{
    public static SqlServerTableOptions None { get; } = new([]);
}
