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

    public TableSchema SourceTable => Copy.SourceTable;
    public TableSchema TargetTable => Copy.TargetTable;
    public IReadOnlyList<string> Columns => Copy.Columns;
    public required RefreshAction Action { get; init; }
    public RowFilter? Filter => Copy.Filter;
    public RowFilter? DeleteFilter { get; init; }
    public long? RowLimit => Copy.RowLimit;
    public bool Truncate { get; init; }
    public int CommandTimeout => Copy.CommandTimeout;

    /// <summary>
    /// Eight characters of the run id, then <c>u</c> and the unit number (<c>3fa85f64u2</c>), in every staging object's
    /// name followed by <c>_</c>: leftovers can be traced to their run, and parallel units of one run never share a name.
    /// </summary>
    public required string RunTag { get; init; }

    /// <summary>How long the swap may wait for readers' locks before giving up cleanly.</summary>
    public TimeSpan SwapTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed record StagingOutcome(long RowsCopied, long RowsDeleted);

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
    Task<StagingOutcome> RunAsync(StagingRequest request, IProgress<long> progress, Action<string> log, CancellationToken cancellationToken);

    /// <summary>Drop staging objects of this run, or of runs that are no longer alive (killed runs' leftovers).</summary>
    Task<int> DropStagingAsync(DbConnection target, DbTransaction? transaction, string? runTag, CancellationToken cancellationToken);
}
