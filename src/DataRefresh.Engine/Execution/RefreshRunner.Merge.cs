using System.Data.Common;
using System.Diagnostics;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Planning;

namespace DataRefresh.Execution;

/// <summary>
/// load_method: merge inside the unit's transaction: the source's rows go through the one copy code path into a
/// temporary table, then rows gone from the source are deleted (children's first, with the reloads' emptying),
/// changed rows updated and new rows inserted (parents' first, with the reloads' copies). The database checks
/// every foreign key as usual, so nothing is deferred and no child table is re-validated.
/// </summary>
public sealed partial class RefreshRunner
{
    private IMergeLoad MergeLoad => _engine.Merge ?? throw new InvalidOperationException($"load_method: merge is not available on {_engine.Kind.ToString().ToLowerInvariant()}");

    private static bool Merges(TableRun t) => t.Action == RefreshAction.Full && t.Plan.LoadMethod == LoadMethod.Merge;

    /// <summary>Copy each merged table's source rows into its temporary table (step 1, before any target row changes).</summary>
    private async Task StageMergesAsync(List<TableRun> tables, DbConnection source, DbTransaction? sourceTx, DbConnection target, DbTransaction tx, CancellationToken cancellationToken)
    {
        foreach (var t in tables.Where(Merges))
        {
            t.Clock.Start();
            var schema = t.Plan.TargetSchema!;

            // Where the engine can, source and target are compared as two key-ordered streams: nothing is staged and
            // only the rows that differ reach the target session. RowsCopied still counts the source rows read.
            var streamed = CopyRequestFor(t, source, sourceTx, target, tx, schema);
            var obstacle = await MergeLoad.StreamCompareObstacleAsync(streamed, t.Plan.MergeKey, cancellationToken).ConfigureAwait(false);
            if (obstacle is null)
            {
                var compared = await MergeLoad.StreamCompareAsync(streamed, t.Plan.MergeKey, ProgressFor(t), cancellationToken).ConfigureAwait(false);
                t.Merge = new MergeRequest(schema, compared.Differences, t.Plan.MergeKey, t.Plan.Columns, Settings.CommandTimeout) { Differences = compared.Differences };
                t.RowsCopied = compared.SourceRows;
                t.Clock.Stop();
                _observer.Verbose($"{t.Plan.Table}: {t.RowsCopied} source row(s) compared with the target in key order for the merge: {compared.Inserts} to insert, {compared.Updates} to update, {compared.Deletes} to delete");
                continue;
            }

            _observer.Verbose($"{t.Plan.Table}: the source is staged for the merge ({obstacle})");
            var staging = await MergeLoad.CreateStagingAsync(target, tx, schema, t.Plan.Columns, cancellationToken).ConfigureAwait(false);
            t.Merge = new MergeRequest(schema, staging, t.Plan.MergeKey, t.Plan.Columns, Settings.CommandTimeout);
            t.RowsCopied = await CopyAsync(t, source, sourceTx, target, tx, schema with { Name = staging, References = [], ReferencedBy = [] }, cancellationToken).ConfigureAwait(false);
            t.Merge = t.Merge with { Differences = await MergeLoad.CompareAsync(target, tx, t.Merge, cancellationToken).ConfigureAwait(false) };
            t.Clock.Stop();
            _observer.Verbose($"{t.Plan.Table}: {t.RowsCopied} source row(s) staged in {staging} for the merge");
        }
    }

    /// <summary>
    /// Step 2: delete the target rows whose key the source no longer has. A row another table still references
    /// (and that the run does not reload) fails the unit, naming the key, the table and how many rows hold it.
    /// </summary>
    private async Task DeleteMissingAsync(TableRun t, List<TableRun> unit, DbConnection target, DbTransaction tx, CancellationToken cancellationToken)
    {
        var merge = t.Merge!;
        var emptied = unit.Where(u => u.Action == RefreshAction.Full && !Merges(u)).Select(u => u.TargetName).ToHashSet();
        foreach (var fk in merge.Table.ReferencedBy.Where(fk => fk.From != merge.Table.Name && !emptied.Contains(fk.ReferencingTable) && fk.OnDelete is ReferentialAction.NoAction or ReferentialAction.Restrict))
        {
            var blocking = await MergeLoad.CountBlockingRowsAsync(target, tx, merge, fk, cancellationToken).ConfigureAwait(false);
            if (blocking > 0)
            {
                throw new MergeBlockedException($"merge of {t.Plan.Table}: production no longer has rows that {blocking} row(s) of {fk.From} still reference through foreign key {fk.Name} (ON DELETE {ForeignKeyInfo.Sql(fk.OnDelete)}); nothing was changed, the target keeps its previous rows. Delete or re-point those {fk.From} rows in UAT, or refresh {fk.ReferencingTable.Name} with full_replace in the same run");
            }
        }

        t.RowsDeleted = await MergeLoad.DeleteMissingAsync(target, tx, merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Step 3: update the rows whose copied columns differ (unchanged rows are not written) and insert new keys.</summary>
    private async Task UpsertAsync(TableRun t, DbConnection target, DbTransaction tx, CancellationToken cancellationToken)
    {
        t.RowsUpdated = await MergeLoad.UpdateChangedAsync(target, tx, t.Merge!, cancellationToken).ConfigureAwait(false);
        t.RowsInserted = await MergeLoad.InsertNewAsync(target, tx, t.Merge!, cancellationToken).ConfigureAwait(false);
        _observer.Verbose($"{t.Plan.Table}: merged: {t.RowsInserted} inserted, {t.RowsUpdated} updated, {t.RowsDeleted} deleted");
    }

    /// <summary>
    /// incremental_overlap, after the copy above the watermark: the first <see cref="RefreshPlan.Overlap"/> source rows
    /// from the window's bound (id order) go through the one copy code path into a temporary table, and those whose
    /// key the target lacks (numbered before, committed after, the last copy) are inserted. Nothing is deleted.
    /// </summary>
    private async Task InsertLateRowsAsync(TableRun t, RowFilter window, DbConnection source, DbTransaction? sourceTx, DbConnection target, DbTransaction tx, CancellationToken cancellationToken)
    {
        var schema = t.Plan.TargetSchema!;
        var staging = await MergeLoad.CreateStagingAsync(target, tx, schema, t.Plan.Columns, cancellationToken).ConfigureAwait(false);
        var reread = await CopyAsync(t, source, sourceTx, target, tx, schema with { Name = staging, References = [], ReferencedBy = [] }, cancellationToken, window, t.Plan.Overlap).ConfigureAwait(false);
        var late = await MergeLoad.InsertNewAsync(target, tx, new MergeRequest(schema, staging, schema.RowKey, t.Plan.Columns, Settings.CommandTimeout), cancellationToken).ConfigureAwait(false);
        t.RowsInserted += late;
        t.RowsCopied += late;
        _observer.Verbose($"{t.Plan.Table}: incremental_overlap: {reread} source row(s) re-read from {_engine.DescribeFilter(window)}, {late} the target lacked inserted");
    }

    /// <summary>The one copy code path: a reload's copy into the table, a merge's into its temporary table.</summary>
    /// <param name="filter">Another filter than the table's (the incremental_overlap window), with <paramref name="rowLimit"/> rows at most.</param>
    private async Task<long> CopyAsync(TableRun t, DbConnection source, DbTransaction? sourceTx, DbConnection target, DbTransaction tx, TableSchema into, CancellationToken cancellationToken, RowFilter? filter = null, long? rowLimit = null) =>
        await _engine.CopyAsync(CopyRequestFor(t, source, sourceTx, target, tx, into, filter, rowLimit), ProgressFor(t), cancellationToken).ConfigureAwait(false);

    private CopyRequest CopyRequestFor(TableRun t, DbConnection source, DbTransaction? sourceTx, DbConnection target, DbTransaction tx, TableSchema into, RowFilter? filter = null, long? rowLimit = null) =>
        new()
        {
            Source = source,
            SourceTransaction = sourceTx,
            Target = target,
            TargetTransaction = tx,
            SourceTable = t.Plan.SourceSchema!,
            TargetTable = into,
            Columns = t.Plan.Columns,
            Filter = filter ?? t.Filter,
            RowLimit = filter is null ? t.Plan.TableConfig.RowLimit : rowLimit,
            BatchSize = _config.BatchSizeFor(t.Plan.TableConfig),
            CommandTimeout = Settings.CommandTimeout,
        };

    private InlineProgress ProgressFor(TableRun t)
    {
        var started = Stopwatch.StartNew();
        var estimate = t.Plan.EstimatedRows;
        return new InlineProgress(rows => _observer.Progress(new TableProgress(t.Plan.Table, rows, estimate, started.Elapsed)));
    }

    /// <summary>fire_triggers: false (the default): UAT's user triggers do not rewrite the rows a load writes.</summary>
    private async Task<List<string>> SuspendTriggersAsync(List<TableRun> tables, DbConnection target, DbTransaction tx, CancellationToken cancellationToken)
    {
        var restore = new List<string>();
        // A PostgreSQL partitioned table's triggers are clones on every partition, each with its own state; they are left alone.
        foreach (var t in tables.Where(t => !t.Plan.TableConfig.FireTriggers && (!t.Plan.TargetSchema!.IsPartitioned || _engine.SuspendsPartitionedTableTriggers)))
        {
            var suspended = await _engine.SuspendTriggersAsync(target, tx, t.TargetName, cancellationToken).ConfigureAwait(false);
            if (suspended.Count > 0)
            {
                _observer.Verbose($"{t.Plan.Table}: {suspended.Count} user trigger(s) suspended for the load (fire_triggers: false)");
            }

            restore.AddRange(suspended);
        }

        return restore;
    }
}

/// <summary>A merge would delete rows that UAT rows outside the run still reference: the unit fails before writing.</summary>
public sealed class MergeBlockedException(string message) : InvalidOperationException(message);
