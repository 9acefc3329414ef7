using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Engines;
using DataRefresh.Execution;
using DataRefresh.Planning;

namespace DataRefresh.Staging;

/// <summary>
/// Strategy staging_partition_switch for one engine: load aside, then swap in by metadata (or, where the engine
/// has no metadata swap that keeps the table's identity, in one short local transaction).
/// </summary>
public interface IStagingSwitch
{
    /// <summary>
    /// What the run will do, from the same sync decision the run takes: <paramref name="filter"/> selects the source
    /// rows, <paramref name="deleteFilter"/> (when set) the target rows replaced, and <paramref name="rowLimit"/> caps the copy;
    /// <paramref name="loadParallelism"/> bounds the staging loads that run at once (partition_parallelism).
    /// </summary>
    Task<StagingPreflight> PreflightAsync(DbConnection source, DbConnection target, TableSchema sourceTable, TableSchema targetTable, RefreshAction action, RowFilter? filter, RowFilter? deleteFilter, long? rowLimit, int loadParallelism, CancellationToken cancellationToken);

    /// <summary>Load staging and swap it in inside <see cref="StagingRequest.SwapTransaction"/> (the caller commits).</summary>
    /// <param name="log">Each step as it finishes: its kind, rows (where it counts them) and what a DBA would read about it.</param>
    Task<StagingOutcome> RunAsync(StagingRequest request, IProgress<long> progress, StagingLog log, CancellationToken cancellationToken);

    /// <summary>Drop staging objects of this run, or of runs that are no longer alive (killed runs' leftovers).</summary>
    Task<int> DropStagingAsync(DbConnection target, DbTransaction? transaction, StagingTag? runTag, CancellationToken cancellationToken);
}
