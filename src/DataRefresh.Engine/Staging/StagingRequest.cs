using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Engines;
using DataRefresh.Execution;
using DataRefresh.Planning;

namespace DataRefresh.Staging;

public sealed record StagingRequest
{
    public required DbConnection Source { get; init; }
    public DbTransaction? SourceTransaction { get; init; }

    /// <summary>The refresh transaction: it holds the table lock, and the swap happens in it.</summary>
    public required DbConnection Target { get; init; }
    public required DbTransaction SwapTransaction { get; init; }

    /// <summary>A second target session, outside the refresh transaction, that loads staging tables.</summary>
    public required DbConnection Loader { get; init; }

    public required TableSchema SourceTable { get; init; }
    public required TableSchema TargetTable { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required RefreshAction Action { get; init; }
    public RowFilter? Filter { get; init; }
    public RowFilter? DeleteFilter { get; init; }
    public long? RowLimit { get; init; }
    public bool Truncate { get; init; }
    public int BatchSize { get; init; } = 5000;
    public int CommandTimeout { get; init; } = 300;

    /// <summary>The unit's staging names (<see cref="StagingTag.Name"/>): leftovers are traced to their run, parallel units never share one.</summary>
    public required StagingTag RunTag { get; init; }

    /// <summary>How long the swap may wait for readers' locks before giving up cleanly.</summary>
    public TimeSpan SwapTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
