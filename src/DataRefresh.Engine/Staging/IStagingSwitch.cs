using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Engines;
using DataRefresh.Planning;

namespace DataRefresh.Staging;

/// <summary>What a staged refresh will do to one table, decided before any data moves.</summary>
public sealed record StagingPreflight
{
    public IReadOnlyList<string> Steps { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What would make the swap fail; any one blocks the table.</summary>
    public IReadOnlyList<string> Blockers { get; init; } = [];

    /// <summary>
    /// Whether a full swap empties the target as simple_copy does (TRUNCATE or DELETE, per truncate_target), so the
    /// plan's TRUNCATE warning applies; false where rows are switched out by metadata instead.
    /// </summary>
    public bool EmptiesTarget { get; init; } = true;
}

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

    /// <summary>
    /// Eight characters of the run id, then <c>u</c> and the unit number (<c>3fa85f64u2</c>), in every staging object's
    /// name followed by <c>_</c>: leftovers can be traced to their run, and parallel units of one run never share a name.
    /// </summary>
    public required string RunTag { get; init; }

    /// <summary>How long the swap may wait for readers' locks before giving up cleanly.</summary>
    public TimeSpan SwapTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed record StagingOutcome(long RowsCopied, long RowsDeleted);

/// <summary>A staging step finished: its kind, the rows it moved (where it counts them), and what a DBA would read about it.</summary>
public delegate void StagingLog(Events.RefreshStep step, long? rows, string detail);

/// <summary>
/// Strategy staging_partition_switch for one engine: load aside, then swap in by metadata (or, where the engine
/// has no metadata swap that keeps the table's identity, in one short local transaction).
/// </summary>
public interface IStagingSwitch
{
    /// <summary>Staging objects start with this; the run tag follows.</summary>
    const string Prefix = "_dr_stage_";

    /// <summary>
    /// What the run will do, from the same sync decision the run takes: <paramref name="filter"/> selects the source
    /// rows, <paramref name="deleteFilter"/> (when set) the target rows replaced, and <paramref name="rowLimit"/> caps the copy.
    /// </summary>
    Task<StagingPreflight> PreflightAsync(DbConnection source, DbConnection target, TableSchema sourceTable, TableSchema targetTable, RefreshAction action, RowFilter? filter, RowFilter? deleteFilter, long? rowLimit, CancellationToken cancellationToken);

    /// <summary>Load staging and swap it in inside <see cref="StagingRequest.SwapTransaction"/> (the caller commits).</summary>
    /// <param name="log">Each step as it finishes: its kind, rows (where it counts them) and what a DBA would read about it.</param>
    Task<StagingOutcome> RunAsync(StagingRequest request, IProgress<long> progress, StagingLog log, CancellationToken cancellationToken);

    /// <summary>Drop staging objects of this run, or of runs that are no longer alive (killed runs' leftovers).</summary>
    Task<int> DropStagingAsync(DbConnection target, DbTransaction? transaction, string? runTag, CancellationToken cancellationToken);
}
