using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.Engines;

/// <summary>Writes and locks inside the refresh transaction: the table lock, constraint deferral, emptying, deleting a window, triggers, sequences.</summary>
public interface IEngineWrites
{
    /// <summary>Whether TRUNCATE can be used on a table others reference (it cannot on PostgreSQL or SQL Server).</summary>
    bool CanTruncateReferencedTable { get; }

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

    /// <summary>Whether several units may write to one target at once.</summary>
    bool SupportsParallelUnits { get; }

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

    /// <summary>
    /// Whether a table emptied by TRUNCATE in the refresh transaction has its indexes set aside for the load and
    /// rebuilt after it (<see cref="SetIndexesAsideAsync"/>); see <see cref="Planning.TruncateRules.SetsIndexesAside"/>.
    /// </summary>
    bool RebuildsIndexesAfterTruncate => false;

    /// <summary>
    /// Just after the TRUNCATE: drop the table's indexes that can be rebuilt exactly, inside the transaction. Returns
    /// the statements that build them again, for <see cref="RebuildIndexesAsync"/>; empty when nothing was dropped.
    /// </summary>
    Task<IReadOnlyList<string>> SetIndexesAsideAsync(DbConnection target, DbTransaction transaction, QualifiedName table, int commandTimeout, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>After the load, before commit: build the indexes set aside, each in one sorted pass with <paramref name="memoryMegabytes"/> of sort memory. Returns how many were built.</summary>
    Task<int> RebuildIndexesAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<string> restore, int memoryMegabytes, int commandTimeout, CancellationToken cancellationToken) =>
        Task.FromResult(0);

    Task<long> DeleteAsync(DbConnection target, DbTransaction transaction, QualifiedName table, RowFilter filter, int commandTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// After a load: move a sequence or identity counter so the next value it hands out follows the largest value of
    /// every column that draws from it (the smallest, when it counts down), never backwards. True when it moved.
    /// </summary>
    Task<bool> AdvanceSequenceAsync(DbConnection target, DbTransaction transaction, SequenceInfo sequence, CancellationToken cancellationToken);

    /// <summary>Whether the connected login could write to the table (used to warn about a writable source login).</summary>
    Task<bool> CanWriteAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken);
}
