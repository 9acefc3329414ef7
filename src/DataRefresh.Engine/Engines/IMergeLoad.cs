using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.Engines;

/// <summary>
/// load_method: merge on one engine. The source's rows are copied (by the engine's ordinary CopyAsync) into a
/// temporary table of the target session, then three statements bring the target to it: DELETE rows whose key
/// is gone, UPDATE rows whose copied columns differ (unchanged rows are not written), INSERT new keys. All inside
/// the unit's transaction; foreign keys are checked by the database as usual.
/// </summary>
public interface IMergeLoad
{
    /// <summary>
    /// Why this engine cannot merge the table (beyond having no primary key), for the plan; null when it can.
    /// SQL Server: an identity column outside the key, which it cannot UPDATE.
    /// </summary>
    string? Obstacle(TableSchema table, IReadOnlyList<string> columns) => null;

    /// <summary>A temporary table with the copied columns' types, dropped at commit or rollback; its name.</summary>
    Task<QualifiedName> CreateStagingAsync(DbConnection target, DbTransaction transaction, TableSchema table, IReadOnlyList<string> columns, CancellationToken cancellationToken);

    /// <summary>
    /// After the staging is loaded: compare it with the target in one pass and keep the keys to delete, update and
    /// insert (so the three statements touch only those rows); the name of what holds them, or null when the
    /// engine lets each statement compare on its own.
    /// </summary>
    Task<QualifiedName?> CompareAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken) => Task.FromResult<QualifiedName?>(null);

    /// <summary>Rows of the foreign key's table that reference a target row the DELETE would remove.</summary>
    Task<long> CountBlockingRowsAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, ForeignKeyInfo foreignKey, CancellationToken cancellationToken);

    Task<long> DeleteMissingAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken);

    Task<long> UpdateChangedAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken);

    Task<long> InsertNewAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken);
}
