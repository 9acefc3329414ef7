using System.Data.Common;
using DataRefresh.Engines;
using DataRefresh.Events;
using DataRefresh.Planning;

namespace DataRefresh.Execution;

public sealed partial class RefreshRunner
{
    /// <summary>The run's one view of production, which every unit's source read joins; null: each unit reads at its own moment.</summary>
    private string? _sourceSnapshot;

    /// <summary>The run's one source session, for engines that cannot share a snapshot between sessions while units run one at a time.</summary>
    private SharedSource? _sharedSource;

    /// <summary>
    /// One view of production per run: a child unit must not read children whose parents are newer than what the
    /// parent's unit read. Where the engine can share a snapshot between sessions (PostgreSQL: pg_export_snapshot),
    /// one source read transaction is opened before any unit and kept until the run ends, and every unit (parallel
    /// ones too) reads in its snapshot. Where it cannot (SQL Server, SQLite) but units run one at a time, they all
    /// read through one source session and its one snapshot transaction (SQL Server: snapshot isolation; when the
    /// database does not allow it there is no snapshot to share, and each unit reads at its own moment, as the plan
    /// says). The price: production's version store or vacuum horizon is held back for the whole run.
    /// </summary>
    private async Task<IAsyncDisposable?> ShareSourceSnapshotAsync(IReadOnlyList<RefreshPlan> plans, bool sequential, CancellationToken cancellationToken)
    {
        var units = plans.Where(p => !p.IsBlocked).Select(p => p.Unit).Distinct().Count();
        if (units == 0 || (!_engine.SharesSourceSnapshot && (!sequential || units < 2)))
        {
            return null;
        }

        DbConnection? holder = null;
        try
        {
            holder = await _engine.OpenAsync(_config.Source, ConnectionPurpose.Source, Settings, Label, cancellationToken).ConfigureAwait(false);
            var tx = await _engine.BeginSourceReadAsync(holder, cancellationToken).ConfigureAwait(false);
            if (_engine.SharesSourceSnapshot)
            {
                _sourceSnapshot = await _engine.ExportSourceSnapshotAsync(holder, tx, cancellationToken).ConfigureAwait(false);
                Notice(null, NoticeLevel.Detail, $"source: every table of this run is read from one snapshot ({_sourceSnapshot})");
                return holder;
            }

            if (tx is null)
            {
                await holder.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            _sharedSource = new SharedSource(holder, tx);
            Notice(null, NoticeLevel.Detail, "source: every table of this run is read through one session, in one snapshot (units run one at a time)");
            return holder;
        }
        catch (Exception ex) when (ex is DbException or DatabaseConnectionException or InvalidOperationException or TimeoutException or IOException)
        {
            // Each unit still reads one consistent snapshot of its own tables; the units report what failed.
            if (holder is not null)
            {
                await holder.DisposeAsync().ConfigureAwait(false);
            }

            Notice(null, NoticeLevel.Warning, $"source: could not open one snapshot for the whole run ({Describe(ex)}); each unit reads the source at its own moment");
            return null;
        }
    }

    /// <summary>
    /// A unit's source session and read transaction: the run's shared one while it is usable, else the unit's own
    /// (joining the run's exported snapshot where there is one). Disposing the lease closes only what the unit opened.
    /// </summary>
    private async Task<SourceLease> OpenSourceAsync(Configuration.RefreshSettings settings, CancellationToken cancellationToken)
    {
        if (_sharedSource is { } shared)
        {
            if (shared.Connection.State == System.Data.ConnectionState.Open && shared.Transaction.Connection is not null)
            {
                return new SourceLease(shared.Connection, shared.Transaction, owned: false);
            }

            // A lost session (a retried unit) cannot get the run's snapshot back: say so, and read on in a new one.
            _sharedSource = null;
            Notice(null, NoticeLevel.Warning, "source: the run's source session was lost; later units read the source at their own moment");
        }

        var source = await _engine.OpenAsync(_config.Source, ConnectionPurpose.Source, settings, Label, cancellationToken).ConfigureAwait(false);
        try
        {
            var tx = await _engine.BeginSourceReadAsync(source, _sourceSnapshot, cancellationToken).ConfigureAwait(false);
            return new SourceLease(source, tx, owned: true);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The run's source session; the run disposes the connection (which ends the read transaction).</summary>
    private sealed record SharedSource(DbConnection Connection, DbTransaction Transaction);

    private sealed class SourceLease(DbConnection connection, DbTransaction? transaction, bool owned) : IAsyncDisposable
    {
        public DbConnection Connection { get; } = connection;

        public DbTransaction? Transaction { get; } = transaction;

        public async ValueTask DisposeAsync()
        {
            if (!owned)
            {
                return;
            }

            if (Transaction is not null)
            {
                await Transaction.DisposeAsync().ConfigureAwait(false);
            }

            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
