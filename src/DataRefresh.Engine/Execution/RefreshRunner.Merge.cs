using System.Data.Common;
using System.Diagnostics;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Events;
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
    private IMergeLoad MergeLoad => _engine.Merge;

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
            var streamed = CopyFor(t, source, sourceTx, target, tx);
            // A row transform (masking) needs decoded values: then the source is staged through the copy pipeline.
            var obstacle = streamed.Transforms ? "the copy transforms rows" : await MergeLoad.StreamCompareObstacleAsync(streamed, t.Plan.MergeKey, cancellationToken).ConfigureAwait(false);
            if (obstacle is null)
            {
                var compared = await StepAsync(t, RefreshStep.Stage, () => MergeLoad.StreamCompareAsync(streamed, t.Plan.MergeKey, ProgressOf(t, Stopwatch.StartNew()), cancellationToken), c => c.SourceRows, c => $"{c.SourceRows} source row(s) compared with the target in key order for the merge: {c.Inserts} to insert, {c.Updates} to update, {c.Deletes} to delete").ConfigureAwait(false);
                t.Merge = new MergeRequest(schema, compared.Differences, t.Plan.MergeKey, t.Plan.Columns, Settings.CommandTimeout) { Differences = compared.Differences };
                t.RowsCopied = compared.SourceRows;
                t.Clock.Stop();
                continue;
            }

            Notice(t.Plan.Table, NoticeLevel.Detail, $"the source is staged for the merge ({obstacle})");
            var staging = await MergeLoad.CreateStagingAsync(target, tx, schema, t.Plan.Columns, cancellationToken).ConfigureAwait(false);
            t.Merge = new MergeRequest(schema, staging, t.Plan.MergeKey, t.Plan.Columns, Settings.CommandTimeout);
            t.RowsCopied = await StepAsync(t, RefreshStep.Stage, () => CopyAsync(t, CopyFor(t, source, sourceTx, target, tx).Into(target, tx, staging), cancellationToken), n => n, n => $"{n} source row(s) staged in {staging} for the merge").ConfigureAwait(false);
            var differences = await StepAsync(t, RefreshStep.Compare, () => MergeLoad.CompareAsync(target, tx, t.Merge, cancellationToken), _ => null, d => d is null ? "each statement compares on its own" : $"differences kept in {d}").ConfigureAwait(false);
            t.Merge = t.Merge with { Differences = differences };
            t.Clock.Stop();
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

        t.RowsDeleted = await StepAsync(t, RefreshStep.DeleteMissing, () => MergeLoad.DeleteMissingAsync(target, tx, merge, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Step 3: update the rows whose copied columns differ (unchanged rows are not written) and insert new keys.</summary>
    private async Task UpsertAsync(TableRun t, DbConnection target, DbTransaction tx, CancellationToken cancellationToken)
    {
        t.RowsUpdated = await StepAsync(t, RefreshStep.Update, () => MergeLoad.UpdateChangedAsync(target, tx, t.Merge!, cancellationToken)).ConfigureAwait(false);
        t.RowsInserted = await StepAsync(t, RefreshStep.Insert, () => MergeLoad.InsertNewAsync(target, tx, t.Merge!, cancellationToken)).ConfigureAwait(false);
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
        var reread = await StepAsync(t, RefreshStep.Stage, () => CopyAsync(t, CopyFor(t, source, sourceTx, target, tx).Into(target, tx, staging) with { Filter = window, RowLimit = t.Plan.Overlap }, cancellationToken), n => n, n => $"incremental_overlap: {n} source row(s) re-read from {_engine.DescribeFilter(window)}").ConfigureAwait(false);
        var late = await StepAsync(t, RefreshStep.Insert, () => MergeLoad.InsertNewAsync(target, tx, new MergeRequest(schema, staging, schema.RowKey, t.Plan.Columns, Settings.CommandTimeout), cancellationToken), n => n, n => $"incremental_overlap: {n} row(s) the target lacked inserted (of {reread} re-read)").ConfigureAwait(false);
        t.RowsInserted += late;
        t.RowsCopied += late;
    }

    /// <summary>
    /// The table's copy as this attempt decided it (<see cref="CopyRequest.For"/>, the one place a copy is built):
    /// a reload copies it as is, a merge or overlap redirects it into a temporary table, staging into its own.
    /// </summary>
    private CopyRequest CopyFor(TableRun t, DbConnection source, DbTransaction? sourceTx, DbConnection target, DbTransaction tx) =>
        CopyRequest.For(_config, t.Plan, t.Filter, source, sourceTx, target, tx);

    /// <summary>The one copy code path: a reload's copy into the table, a merge's or an overlap's into its temporary table.</summary>
    private async Task<long> CopyAsync(TableRun t, CopyRequest request, CancellationToken cancellationToken)
    {
        return await _engine.CopyAsync(request, ProgressOf(t, Stopwatch.StartNew()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>fire_triggers: false (the default): UAT's user triggers do not rewrite the rows a load writes.</summary>
    private async Task<List<string>> SuspendTriggersAsync(List<TableRun> tables, DbConnection target, DbTransaction tx, CancellationToken cancellationToken)
    {
        var restore = new List<string>();
        // A PostgreSQL partitioned table's triggers are clones on every partition, each with its own state; they are left alone.
        foreach (var t in tables.Where(t => !t.Plan.TableConfig.FireTriggers && (!t.Plan.TargetSchema!.IsPartitioned || _engine.SuspendsPartitionedTableTriggers)))
        {
            var suspended = await StepAsync(t, RefreshStep.SuspendTriggers, () => _engine.SuspendTriggersAsync(target, tx, t.TargetName, cancellationToken), s => s.Count).ConfigureAwait(false);

            restore.AddRange(suspended);
        }

        return restore;
    }
}
