using System.Diagnostics;
using DataRefresh.Engines;
using DataRefresh.Events;
using DataRefresh.Staging;

namespace DataRefresh.Execution;

public sealed partial class RefreshRunner
{
    /// <summary>
    /// staging_partition_switch: the refresh transaction takes the table lock first and swaps last; in between,
    /// a second session loads staging tables, so the target's rows stay readable and untouched while data moves
    /// (PostgreSQL's partition loads: up to partition_parallelism pairs of sessions, the extra source sessions in the
    /// unit's snapshot). Staging objects of this attempt are dropped whatever happens — after every load has
    /// stopped — and a killed run's are dropped by the next run.
    /// </summary>
    private async Task RunStagedOnceAsync(TableRun t, bool forceFull, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var staging = _engine.Staging;
        // The run id starts every staging name (leftovers are traced to their run by it); the unit number keeps
        // parallel units of one run (-ThrottleLimit > 1) in one schema from creating or dropping each other's tables.
        var runTag = new RunTag(RunId).Unit(t.Plan.Unit);
        await using var lease = await OpenSourceAsync(settings, cancellationToken).ConfigureAwait(false);
        var (source, sourceTx) = (lease.Connection, lease.Transaction);
        await using var target = await _engine.OpenAsync(_config.Target, ConnectionPurpose.Target, settings, Label, cancellationToken).ConfigureAwait(false);
        await using var loader = await _engine.OpenAsync(_config.Target, ConnectionPurpose.Target, settings, Label, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var tx = await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await LockAsync(t, target, tx, cancellationToken).ConfigureAwait(false);
            var leftovers = await staging.DropStagingAsync(target, tx, null, cancellationToken).ConfigureAwait(false);
            if (leftovers > 0)
            {
                Notice(t.Plan.Table, NoticeLevel.Warning, $"dropped {leftovers} staging table(s) left by an earlier, killed run");
            }

            var deferred = await DeferExternalReferencesAsync([t], target, tx, cancellationToken).ConfigureAwait(false);
            await DecideAsync(t, target, tx, forceFull, cancellationToken).ConfigureAwait(false);
            t.Clock.Start();
            var started = Stopwatch.StartNew();
            var stepAt = DateTimeOffset.UtcNow;
            var stepClock = Stopwatch.StartNew();
            void Log(RefreshStep step, long? rows, string detail, DateTimeOffset? startedAt)
            {
                // Staging reports each step as it ends: timed since the one before, or from its own start (a load
                // that ran beside others). Staging calls this one step at a time.
                var now = DateTimeOffset.UtcNow;
                Finished(t, step, startedAt ?? stepAt, startedAt is { } at ? now - at : stepClock.Elapsed, rows, detail);
                stepAt = now;
                stepClock.Restart();
            }

            // Parallel loads need sessions that read production at the unit's moment: where the engine can share a
            // snapshot, each extra source session joins the unit's (exported once, from its read transaction).
            var parallelism = _engine.SharesSourceSnapshot && sourceTx is not null ? settings.PartitionParallelismFor(t.Plan.TableConfig) : 1;
            string? loadSnapshot = null;
            async Task<StagingSession> OpenLoadSessionAsync(CancellationToken ct)
            {
                loadSnapshot ??= await _engine.ExportSourceSnapshotAsync(source, sourceTx, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("the source could not name its snapshot for the parallel staging loads");
                var loadSource = await _engine.OpenAsync(_config.Source, ConnectionPurpose.Source, settings, Label, ct).ConfigureAwait(false);
                System.Data.Common.DbTransaction? loadSourceTx = null;
                try
                {
                    loadSourceTx = await _engine.BeginSourceReadAsync(loadSource, loadSnapshot, ct).ConfigureAwait(false);
                    var loadTarget = await _engine.OpenAsync(_config.Target, ConnectionPurpose.Target, settings, Label, ct).ConfigureAwait(false);
                    return new StagingSession(loadSource, loadSourceTx, loadTarget, owned: true);
                }
                catch
                {
                    if (loadSourceTx is not null)
                    {
                        await loadSourceTx.DisposeAsync().ConfigureAwait(false);
                    }

                    await loadSource.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }

            var outcome = await staging.RunAsync(
                new StagingRequest
                {
                    Copy = CopyFor(t, source, sourceTx, target, tx),
                    Loader = loader,
                    LoadParallelism = parallelism,
                    OpenLoadSessionAsync = parallelism > 1 ? OpenLoadSessionAsync : null,
                    Action = t.Action,
                    DeleteFilter = t.DeleteFilter,
                    Truncate = CanTruncate(t.Plan),
                    RunTag = runTag,
                    SwapTimeout = TimeSpan.FromSeconds(settings.LockTimeoutSeconds > 0 ? settings.LockTimeoutSeconds : 30),
                },
                ProgressOf(t, started),
                Log,
                cancellationToken).ConfigureAwait(false);
            (t.RowsCopied, t.RowsDeleted) = (outcome.RowsCopied, outcome.RowsDeleted);
            await AdvanceSequencesAsync([t], target, tx, cancellationToken).ConfigureAwait(false);
            if (deferred.Count > 0)
            {
                await UnitStepAsync([t], RefreshStep.Recheck, () => _engine.RecheckConstraintsAsync(target, tx, deferred, cancellationToken), deferred.Count).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            await UnitStepAsync([t], RefreshStep.Commit, () => tx.CommitAsync(cancellationToken)).ConfigureAwait(false);
            t.Clock.Stop();
        }
        finally
        {
            await DropOwnStagingAsync(staging, loader, runTag).ConfigureAwait(false);
        }

        if (t.Column is not null)
        {
            await ReadWatermarkAfterAsync(t, target).ConfigureAwait(false);
        }

        await VerifyAsync(t, source, sourceTx, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Best effort: if the session died, the next run drops what is left.</summary>
    private async Task DropOwnStagingAsync(IStagingSwitch staging, System.Data.Common.DbConnection loader, StagingTag runTag)
    {
        try
        {
            var connection = loader.State == System.Data.ConnectionState.Open
                ? loader
                : await _engine.OpenAsync(_config.Target, ConnectionPurpose.Target, Settings, Label, CancellationToken.None).ConfigureAwait(false);
            await using var owned = connection == loader ? null : connection;
            await staging.DropStagingAsync(connection, null, runTag, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DatabaseConnectionException or InvalidOperationException or IOException)
        {
            Notice(null, NoticeLevel.Warning, $"could not drop this run's staging tables now ({Describe(ex)}); the next run drops them");
        }
    }
}
