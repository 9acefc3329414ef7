using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Planning;

/// <summary>What a refresh will do to one table, and why — computed from config and catalogs, writing nothing.</summary>
public sealed record RefreshPlan
{
    public required string Table { get; init; }
    public required RefreshStrategy Strategy { get; init; }
    public required SyncMode SyncMode { get; init; }
    public required RefreshAction Action { get; init; }
    public required string Reason { get; init; }

    /// <summary>
    /// The target's current MAX of the incremental column, or null, in the one invariant, full-precision form that
    /// Reason, results and history use too (<c>2022-07-27 10:39:20.1234567</c>), whatever the session's culture.
    /// </summary>
    public string? Watermark => Watermarks.Format(WatermarkValue);

    /// <summary>The same value as the database returned it (a number, DateTime, DateTimeOffset…), for scripts.</summary>
    public object? WatermarkValue { get; init; }

    /// <summary>The predicate that selects source rows, as SQL text; null copies every row.</summary>
    public string? SourceFilter { get; init; }

    /// <summary>The predicate for target rows deleted before the copy (a date buffer's window), as SQL text.</summary>
    public string? TargetDelete { get; init; }

    public long EstimatedRows { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public int Order { get; init; }

    /// <summary>Tables emptied and reloaded together in one transaction because foreign keys tie them.</summary>
    public int Unit { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>
    /// How a full load of this table runs (for an incremental plan: how fallback_to_full would load it): Reload
    /// (empty and copy) or Merge (by <see cref="MergeKey"/>). Never Auto once the run is arranged.
    /// </summary>
    public LoadMethod LoadMethod { get; init; } = LoadMethod.Reload;

    /// <summary>The key a merge matches rows on (the target's primary key); empty for a reload.</summary>
    public IReadOnlyList<string> MergeKey { get; init; } = [];

    /// <summary>
    /// incremental_overlap as this plan applies it: the ids re-read below the watermark, of which those the target
    /// lacks are inserted (0: none; see the warnings when the default could not apply).
    /// </summary>
    public long Overlap { get; init; }

    /// <summary>Whether the run suspends UAT's user triggers on this table while it loads (fire_triggers: false).</summary>
    public bool SuspendsTriggers { get; init; }

    /// <summary>Why the engine cannot merge this table (SQL Server: an identity column outside the key), or null.</summary>
    public string? MergeObstacle { get; init; }

    /// <summary>With fire_triggers: true, the target's enabled INSTEAD OF triggers (SQL Server), which would replace the load's statements.</summary>
    public IReadOnlyList<InsteadOfTrigger> InsteadOfTriggers { get; init; } = [];

    /// <summary>
    /// The sequences and identity counters the run moves past the loaded values once this table is loaded, each with
    /// every column that draws from it (in this table or others). Empty for a Skip.
    /// </summary>
    public IReadOnlyList<SequenceInfo> Sequences { get; init; } = [];

    /// <summary>For staging_partition_switch: the steps the strategy will take, after its pre-flight checks.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];
    public string? SourceTable { get; init; }
    public string? TargetTable { get; init; }

    /// <summary>The configuration the plan was made from, so piped plans run with it.</summary>
    public required RefreshConfig Config { get; init; }

    public required TableConfig TableConfig { get; init; }

    internal TableSchema? SourceSchema { get; init; }
    internal TableSchema? TargetSchema { get; init; }
    internal RowFilter? Filter { get; init; }
    internal RowFilter? DeleteFilter { get; init; }

    /// <summary>The table's masked columns and their rules (masking:); their values never reach the target unmasked.</summary>
    public IReadOnlyList<ColumnMask> Masking { get; init; } = [];

    /// <summary>
    /// What every copy of this table does to the rows on the way (<see cref="CopyRequest.Transform"/>), or null:
    /// the masking transform when the table masks columns.
    /// </summary>
    internal IRowTransform? Transform { get; init; }

    /// <summary>SQL Server, external_references: defer: the catalog's row count of each table whose key to this one a run would disable and re-check.</summary>
    internal IReadOnlyDictionary<QualifiedName, long> ReferencingRows { get; init; } = new Dictionary<QualifiedName, long>();

    /// <summary>The run that holds this table's refresh lock, when another refresh is at work on it.</summary>
    public string? LockedBy { get; init; }

    /// <summary>Why fallback_to_full could not empty this table, if it cannot (foreign keys from outside the run).</summary>
    public string? FallbackBlockedBy { get; init; }

    /// <summary>This table's plan before the run was arranged (units, order, blocks from other tables), to arrange it again.</summary>
    internal RefreshPlan? Draft { get; init; }

    public bool IsBlocked => Action == RefreshAction.Skip;
}
