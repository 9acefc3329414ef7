using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Engines;
using DataRefresh.Execution;
using DataRefresh.Planning;

namespace DataRefresh.Staging;

public sealed record StagingRequest
{
    /// <summary>
    /// The table's copy as simple_copy would run it (<see cref="CopyRequest.For"/>): source, filter, columns, row
    /// limit, batch size, transform, into the target table in the refresh transaction. Staging paths load their
    /// tables with it, changing only where the rows go (<see cref="CopyRequest.Into"/>) or which slice they read.
    /// </summary>
    public required CopyRequest Copy { get; init; }

    public DbConnection Source => Copy.Source;
    public DbTransaction? SourceTransaction => Copy.SourceTransaction;

    /// <summary>The refresh transaction's session: it holds the table lock, and the swap happens in it.</summary>
    public DbConnection Target => Copy.Target;

    /// <summary>The refresh transaction (<see cref="CopyRequest.TargetTransaction"/> of <see cref="Copy"/>).</summary>
    public DbTransaction SwapTransaction => Copy.TargetTransaction ?? throw new InvalidOperationException("staging_partition_switch: the copy has no refresh transaction to swap in");

    /// <summary>A second target session, outside the refresh transaction, that loads staging tables.</summary>
    public required DbConnection Loader { get; init; }

    /// <summary>
    /// How many staging loads of this table may run at once (settings.partition_parallelism, or the table's own),
    /// each on its own pair of sessions; 1: one after another on <see cref="Source"/> and <see cref="Loader"/>.
    /// </summary>
    public int LoadParallelism { get; init; } = 1;

    /// <summary>
    /// Opens one more pair of load sessions (<see cref="StagingSession"/>: a source session in the same snapshot as
    /// <see cref="SourceTransaction"/>, a target session outside the refresh transaction), owned by the caller of
    /// this; null where the engine cannot read one snapshot from several sessions (then loads run one at a time).
    /// </summary>
    public Func<CancellationToken, Task<StagingSession>>? OpenLoadSessionAsync { get; init; }

    public TableSchema SourceTable => Copy.SourceTable;
    public TableSchema TargetTable => Copy.TargetTable;
    public IReadOnlyList<string> Columns => Copy.Columns;
    public required RefreshAction Action { get; init; }
    public RowFilter? Filter => Copy.Filter;
    public RowFilter? DeleteFilter { get; init; }
    public long? RowLimit => Copy.RowLimit;
    public bool Truncate { get; init; }
    public int CommandTimeout => Copy.CommandTimeout;

    /// <summary>The unit's staging names (<see cref="StagingTag.Name"/>): leftovers are traced to their run, parallel units never share one.</summary>
    public required StagingTag RunTag { get; init; }

    /// <summary>How long the swap may wait for readers' locks before giving up cleanly.</summary>
    public TimeSpan SwapTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
