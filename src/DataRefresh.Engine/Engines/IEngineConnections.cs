using System.Data.Common;
using DataRefresh.Configuration;

namespace DataRefresh.Engines;

/// <summary>Opening connections for a purpose, the source's read transaction and shared snapshot, and what a connection is.</summary>
public interface IEngineConnections
{
    /// <summary>Open a connection for <paramref name="purpose"/>.</summary>
    /// <param name="runLabel">Goes first in the session's application name (<see cref="Execution.RunTag.SessionName"/>): other runs find live runs and lock holders by it.</param>
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
}
