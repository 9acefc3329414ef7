using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.History;

namespace DataRefresh.Engines;

/// <summary>Why a connection is opened: decides read-only intent, application name and timeouts.</summary>
public enum ConnectionPurpose
{
    /// <summary>Production: catalog reads and SELECT/COPY TO only, inside a read-only transaction.</summary>
    Source,

    /// <summary>UAT: the refresh transaction.</summary>
    Target,

    /// <summary>UAT: history rows, in transactions of their own so failed attempts are recorded too.</summary>
    History,

    /// <summary>UAT, read only: planning and checks look at the target and must not write to it.</summary>
    Inspect,
}

/// <summary>What identifies a connected database, as the server reports it (compare with <see cref="Configuration.SameDatabase.Reported"/>).</summary>
/// <param name="Server">The server's own current name (SQL Server: SERVERPROPERTY('ServerName'); PostgreSQL: the cluster's system identifier).</param>
/// <param name="Database">The database's name on that server.</param>
public sealed record ServerIdentity(string Server, string Database)
{
    /// <summary>
    /// What every copy of a replicated database shares, whichever server answers (SQL Server: the availability
    /// group's group_database_id, the same on the primary and each secondary); null when not replicated or unknown.
    /// </summary>
    public string? ReplicaOf { get; init; }
}

/// <summary>
/// One database product's SQL and behaviour. Every statement an engine sends lives behind this seam, so the
/// planner and runner are shared by all engines.
/// </summary>
public interface IDatabaseEngine
{
    EngineKind Kind { get; }

    /// <summary>Whether TRUNCATE can be used on a table others reference (it cannot on PostgreSQL or SQL Server).</summary>
    bool CanTruncateReferencedTable { get; }

    /// <summary>Whether load_method: merge is built for this engine.</summary>
    bool SupportsMerge => Merge is not null;

    /// <summary>load_method: merge on this engine, or null where it is not built yet.</summary>
    IMergeLoad? Merge { get; }

    /// <summary>The table's user triggers that a load would fire (for the plan); empty where the engine's loads fire none.</summary>
    Task<IReadOnlyList<string>> UserTriggersAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken);

    /// <summary>
    /// Stop the table's user triggers from firing for the rest of the transaction (a refreshed table equals the
    /// source); a rollback restores them. Returns the statements that put them back, for <see cref="ResumeTriggersAsync"/>.
    /// </summary>
    Task<IReadOnlyList<string>> SuspendTriggersAsync(DbConnection target, DbTransaction transaction, QualifiedName table, CancellationToken cancellationToken);

    /// <summary>Put suspended triggers back as they were, before commit.</summary>
    Task ResumeTriggersAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<string> restore, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a partitioned table's triggers are suspended like any table's: on SQL Server they belong to the
    /// table; on PostgreSQL they are clones on every partition, each with its own state, and are left alone.
    /// </summary>
    bool SuspendsPartitionedTableTriggers => false;

    /// <summary>
    /// The table's enabled INSTEAD OF triggers (SQL Server; PostgreSQL and SQLite allow them on views only): with
    /// fire_triggers: true one would run in place of a load's DELETE, UPDATE or INSERT, so the plan refuses that load.
    /// </summary>
    Task<IReadOnlyList<InsteadOfTrigger>> InsteadOfTriggersAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InsteadOfTrigger>>([]);

    /// <summary>Whether several units may write to one target at once.</summary>
    bool SupportsParallelUnits { get; }

    Task<DbConnection> OpenAsync(DatabaseConfig database, ConnectionPurpose purpose, RefreshSettings settings, string runLabel, CancellationToken cancellationToken);

    /// <summary>Begin the source's read transaction: read-only, and one snapshot for every table it reads.</summary>
    Task<DbTransaction?> BeginSourceReadAsync(DbConnection source, CancellationToken cancellationToken);

    /// <summary>Whether sessions can share one source snapshot (<see cref="ExportSourceSnapshotAsync"/>), so a run reads every unit at one moment.</summary>
    bool SharesSourceSnapshot => false;

    /// <summary>Name the snapshot of <paramref name="transaction"/> (a source read kept open until the run ends) for other sessions.</summary>
    Task<string?> ExportSourceSnapshotAsync(DbConnection source, DbTransaction? transaction, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>What every table's plan should say about how production is read (SQL Server: locking reads without snapshot isolation), or null.</summary>
    Task<string?> SourceReadWarningAsync(DbConnection source, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Begin a unit's source read in the run's shared snapshot (from <see cref="ExportSourceSnapshotAsync"/>), or its own when there is none.</summary>
    Task<DbTransaction?> BeginSourceReadAsync(DbConnection source, string? sharedSnapshot, CancellationToken cancellationToken) => BeginSourceReadAsync(source, cancellationToken);

    Task<ServerIdentity> IdentifyAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Every table a configured name could mean, with its search order, for <see cref="TableCatalog.Resolve"/>: names
    /// are matched in C#, never with the server's lower(). Read once per connection and plan.
    /// </summary>
    Task<TableCatalog> ReadCatalogAsync(DbConnection connection, CancellationToken cancellationToken);

    Task<TableSchema> ReadTableAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken);

    Task<object?> ReadMaxAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, string column, CancellationToken cancellationToken);

    Task<bool> HasRowsAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, CancellationToken cancellationToken);

    /// <summary>Rows a copy will read: the catalog's statistics for a whole table where they exist (no scan), else a count.</summary>
    Task<long> EstimateRowsAsync(DbConnection connection, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken);

    Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken);

    /// <summary>The filter as the DBA would write it, for the plan (values shown as literals).</summary>
    string DescribeFilter(RowFilter filter);

    /// <summary>Null when a source column's values load into the target column; otherwise why not.</summary>
    string? Incompatibility(ColumnInfo source, ColumnInfo target);

    /// <summary>How a loadable column's values are converted on the way (SQL Server: a collation change), for the plan; null when they are not.</summary>
    string? Conversion(ColumnInfo source, ColumnInfo target) => null;

    /// <summary>Take the per-table refresh lock inside the target transaction, or fail fast naming the holder.</summary>
    Task LockTableAsync(DbConnection target, DbTransaction transaction, QualifiedName table, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Who holds the table's refresh lock right now (for the plan), or null when nobody does.</summary>
    Task<string?> RefreshLockHolderAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken);

    /// <summary>
    /// Let rows referencing the unit's tables stay unchecked while they are reloaded (external_references: defer).
    /// Returns the keys as they were just before (SQL Server: disabled, untrusted), for <see cref="RecheckConstraintsAsync"/>.
    /// </summary>
    Task<IReadOnlyList<ForeignKeyInfo>> DeferConstraintsAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<ForeignKeyInfo> foreignKeys, CancellationToken cancellationToken);

    /// <summary>
    /// Check the deferred references (as <see cref="DeferConstraintsAsync"/> returned them) against the reloaded rows,
    /// before commit, and put each key back as it was; a violation fails the unit.
    /// </summary>
    Task RecheckConstraintsAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<ForeignKeyInfo> foreignKeys, CancellationToken cancellationToken);

    /// <summary>Empty a table inside the transaction; returns rows removed (TRUNCATE reports the count it saw).</summary>
    Task<long> EmptyAsync(DbConnection target, DbTransaction transaction, QualifiedName table, bool truncate, int commandTimeout, CancellationToken cancellationToken);

    Task<long> DeleteAsync(DbConnection target, DbTransaction transaction, QualifiedName table, RowFilter filter, int commandTimeout, CancellationToken cancellationToken);

    /// <summary>Stream rows from source to target; never holds a table in memory. Reports rows copied so far.</summary>
    Task<long> CopyAsync(CopyRequest request, IProgress<long> progress, CancellationToken cancellationToken);

    /// <summary>
    /// After a load: move a sequence or identity counter so the next value it hands out follows the largest value of
    /// every column that draws from it (the smallest, when it counts down), never backwards. True when it moved.
    /// </summary>
    Task<bool> AdvanceSequenceAsync(DbConnection target, DbTransaction transaction, SequenceInfo sequence, CancellationToken cancellationToken);

    /// <summary>Whether the connected login could write to the table (used to warn about a writable source login).</summary>
    Task<bool> CanWriteAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken);

    /// <summary>Connection resets, deadlocks, serialization failures, too many connections: retry the whole unit.</summary>
    bool IsTransient(Exception exception);

    /// <summary>The server answered but refused the login.</summary>
    bool IsAuthenticationFailure(Exception exception);

    /// <summary>The history journal's SQL for this engine.</summary>
    IHistoryDialect History { get; }

    /// <summary>Strategy staging_partition_switch on this engine, or null where it is not built yet.</summary>
    Staging.IStagingSwitch? Staging { get; }
}
