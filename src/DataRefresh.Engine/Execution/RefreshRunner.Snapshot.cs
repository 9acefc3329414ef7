using System.Data.Common;
using DataRefresh.Engines;
using DataRefresh.Planning;

namespace DataRefresh.Execution;

public sealed partial class RefreshRunner
{
    /// <summary>The run's one view of production, which every unit's source read joins; null: each unit reads at its own moment.</summary>
    private string? _sourceSnapshot;

    /// <summary>
    /// One view of production per run: a child unit must not read children whose parents are newer than what the
    /// parent's unit read. Where the engine can share a snapshot between sessions (PostgreSQL: pg_export_snapshot),
    /// one source read transaction is opened before any unit and kept until the run ends, and every unit (parallel
    /// ones too) reads in its snapshot. The price: production's vacuum horizon is held back for the whole run.
    /// </summary>
    private async Task<IAsyncDisposable?> ShareSourceSnapshotAsync(IReadOnlyList<RefreshPlan> plans, CancellationToken cancellationToken)
    {
        if (!_engine.SharesSourceSnapshot || plans.All(p => p.IsBlocked))
        {
            return null;
        }

        DbConnection? holder = null;
        try
        {
            holder = await _engine.OpenAsync(_config.Source, ConnectionPurpose.Source, Settings, Label, cancellationToken).ConfigureAwait(false);
            var tx = await _engine.BeginSourceReadAsync(holder, cancellationToken).ConfigureAwait(false);
            _sourceSnapshot = await _engine.ExportSourceSnapshotAsync(holder, tx, cancellationToken).ConfigureAwait(false);
            _observer.Verbose($"source: every table of this run is read from one snapshot ({_sourceSnapshot})");
            return holder;
        }
        catch (Exception ex) when (ex is DbException or DatabaseConnectionException or InvalidOperationException or TimeoutException or IOException)
        {
            // Each unit still reads one consistent snapshot of its own tables; the units report what failed.
            if (holder is not null)
            {
                await holder.DisposeAsync().ConfigureAwait(false);
            }

            _observer.Warning($"source: could not open one snapshot for the whole run ({Describe(ex)}); each unit reads the source at its own moment");
            return null;
        }
    }
}
