namespace DataRefresh.Configuration;

/// <summary>A validated, merged configuration: immutable, and safe to print (it holds no secrets).</summary>
public sealed record RefreshConfig
{
    public required IReadOnlyList<string> Files { get; init; }
    public required DatabaseConfig Source { get; init; }
    public required DatabaseConfig Target { get; init; }
    public required IReadOnlyList<TableConfig> Tables { get; init; }
    public required RefreshSettings Settings { get; init; }

    /// <summary>The <c>dashboard:</c> section, when the file has one (Start-RefreshDashboard needs it).</summary>
    public DashboardConfig? Dashboard { get; init; }

    public int BatchSizeFor(TableConfig table) => table.BatchSize ?? Settings.DefaultBatchSize;

    public override string ToString() => $"{string.Join(" + ", Files.Select(Path.GetFileName))}: {Source.Display} -> {Target.Display} ({Tables.Count} tables)";
}
