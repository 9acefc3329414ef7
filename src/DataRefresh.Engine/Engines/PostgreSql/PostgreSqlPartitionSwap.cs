using DataRefresh.Catalog;
using DataRefresh.Events;
using DataRefresh.Planning;
using DataRefresh.Staging;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// The partition-wise run of staging_partition_switch on PostgreSQL (see <see cref="PostgreSqlStaging"/>): load
/// the staging tables — up to <see cref="StagingRequest.LoadParallelism"/> at once, each on its own source and
/// target sessions, the source ones in the unit's snapshot (<see cref="ParallelLoads"/>) — then, in the refresh
/// transaction, move the in-place partitions' rows and swap the others.
/// </summary>
internal static class PostgreSqlPartitionSwap
{
    private sealed record Staged(PartitionMove Move, QualifiedName Stage, QualifiedName Bound, PartitionRecipe Recipe);

    public static async Task<StagingOutcome> RunAsync(PostgreSqlEngine engine, StagingRequest request, PartitionLayout layout, IProgress<long> progress, StagingLog log, CancellationToken cancellationToken)
    {
        var schema = request.TargetTable.Name.Schema;
        var inPlace = layout.InPlace;
        var rowsStage = new QualifiedName(schema, request.RunTag.Name("rows"));

        // The loads: each swapped partition's replacement, and one staging table for the in-place partitions' rows.
        // They run side by side (ParallelLoads), each on its own sessions, and write only staging tables: the
        // target is touched only below, in the refresh transaction, once every load succeeded.
        var loads = layout.Swapped.Select((m, i) => (Move: (PartitionMove?)m, Index: i)).ToList();
        if (inPlace.Count > 0)
        {
            loads.Add((null, -1));
        }

        var done = await ParallelLoads.RunAsync(
            request,
            loads,
            (session, load, loadLog, ct) => load.Move is { } move
                ? LoadPartitionAsync(engine, request, session, layout, move, load.Index, loadLog, ct)
                : LoadInPlaceRowsAsync(engine, request, session, layout, rowsStage, loadLog, ct),
            progress,
            log,
            cancellationToken).ConfigureAwait(false);
        var staged = done.Select(d => d.Staged).OfType<Staged>().ToList();
        var copied = done.Sum(d => d.Rows);

        await SetSwapTimeoutAsync(request, cancellationToken).ConfigureAwait(false);
        long deleted = 0;
        if (inPlace.Count > 0)
        {
            deleted += await RemoveInPlaceAsync(engine, request, layout, cancellationToken).ConfigureAwait(false);
            await InsertFromAsync(request, rowsStage, cancellationToken).ConfigureAwait(false);
            log(RefreshStep.Swap, deleted, $"{string.Join(", ", inPlace.Select(m => m.Partition.Name.Name))}: {deleted} row(s) removed and the source's moved in from staging, in place");
        }

        // Count what goes before the first DETACH locks the parent, so readers wait only for metadata changes.
        var swaps = new List<Staged>();
        foreach (var s in staged)
        {
            var old = await engine.CountAsync(request.Target, request.SwapTransaction, s.Move.Partition.Name, null, cancellationToken).ConfigureAwait(false);
            if (old > 0 && request.Action == RefreshAction.Incremental && request.DeleteFilter is null)
            {
                // Nothing may be deleted, yet the partition got rows since the decision (newer than the target's maximum): keep them.
                await InsertFromAsync(request, s.Stage, cancellationToken).ConfigureAwait(false);
                log(RefreshStep.Swap, old, $"partition {s.Move.Partition.Name.Name}: {old} row(s) appeared in it since the decision, so the source's rows were moved in place instead of swapping it");
                continue;
            }

            deleted += old;
            swaps.Add(s);
        }

        foreach (var s in swaps)
        {
            await SwapAsync(request, s, cancellationToken).ConfigureAwait(false);
        }

        log(RefreshStep.Swap, deleted, $"{swaps.Count} partition(s) swapped in; {deleted} old row(s) removed in all");
        return new StagingOutcome(copied, deleted);
    }

    /// <summary>
    /// One swapped partition's replacement, on <paramref name="session"/>: read the old partition's recipe, create
    /// the standalone table (bound as a CHECK), load the source rows within the bound, then build its indexes and
    /// everything else it must have before the swap. Committed on the load session, named by the unit's RunTag.
    /// </summary>
    private static async Task<(Staged? Staged, long Rows)> LoadPartitionAsync(PostgreSqlEngine engine, StagingRequest request, StagingSession session, PartitionLayout layout, PartitionMove move, int index, IStagingLoadLog loadLog, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var name = move.Partition.Name;
        var stage = new QualifiedName(name.Schema, request.RunTag.Name(index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var bound = new QualifiedName(name.Schema, $"{stage.Name}_bound");
        var recipe = await PartitionRecipe.ReadAsync(session.Loader, name, stage, bound, layout.Bound(move.Partition), cancellationToken).ConfigureAwait(false);
        await ExecuteAllAsync(session.Loader, request, recipe.BeforeLoad, cancellationToken).ConfigureAwait(false);
        var rows = await engine.CopyAsync(Load(request, session, stage, layout.Bound(move.Partition)), new LoadProgress(loadLog), cancellationToken).ConfigureAwait(false);
        loadLog.Rows(rows);
        loadLog.Finished(RefreshStep.Copy, rows, $"partition {name.Name}: {rows} row(s) loaded into {stage.Name}", started);
        var indexing = DateTimeOffset.UtcNow;
        await ExecuteAllAsync(session.Loader, request, recipe.AfterLoad, cancellationToken).ConfigureAwait(false);
        loadLog.Finished(RefreshStep.IndexBuild, rows, $"partition {name.Name}: {rows} row(s) staged in {stage.Name} and indexed", indexing);
        return (new Staged(move, stage, bound, recipe), rows);
    }

    /// <summary>The in-place partitions' source rows, into one staging table on <paramref name="session"/>.</summary>
    private static async Task<(Staged? Staged, long Rows)> LoadInPlaceRowsAsync(PostgreSqlEngine engine, StagingRequest request, StagingSession session, PartitionLayout layout, QualifiedName rowsStage, IStagingLoadLog loadLog, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var inPlace = layout.InPlace;
        await session.Loader.ExecuteAsync(null, $"CREATE TABLE {Quote(rowsStage)} (LIKE {Quote(request.TargetTable.Name)} INCLUDING DEFAULTS)", cancellationToken).ConfigureAwait(false);
        var rows = await engine.CopyAsync(Load(request, session, rowsStage, layout.Within(inPlace)), new LoadProgress(loadLog), cancellationToken).ConfigureAwait(false);
        loadLog.Rows(rows);
        loadLog.Finished(RefreshStep.Copy, rows, $"{rows} row(s) for {string.Join(", ", inPlace.Select(m => m.Partition.Name.Name))} loaded into staging {rowsStage.Name}", started);
        return (null, rows);
    }

    /// <summary>
    /// DETACH and DROP the old partition, give its names to the replacement, ATTACH it, and check it against the
    /// old one's catalog: anything different fails the refresh (the transaction rolls back, UAT keeps the old one).
    /// </summary>
    private static async Task SwapAsync(StagingRequest request, Staged s, CancellationToken cancellationToken)
    {
        var (parent, tx) = (Quote(request.TargetTable.Name), request.SwapTransaction);
        var old = s.Move.Partition;
        var before = await PostgreSqlPartitionObstacles.FingerprintAsync(request.Target, tx, old.Name, cancellationToken).ConfigureAwait(false);
        await request.Target.ExecuteAsync(tx, $"ALTER TABLE {parent} DETACH PARTITION {Quote(old.Name)}", cancellationToken).ConfigureAwait(false);
        await request.Target.ExecuteAsync(tx, $"DROP TABLE {Quote(old.Name)}", cancellationToken).ConfigureAwait(false);
        await request.Target.ExecuteAsync(tx, $"ALTER TABLE {Quote(s.Stage)} RENAME TO {Quote(old.Name.Name)}", cancellationToken).ConfigureAwait(false);
        foreach (var statement in s.Recipe.AfterDrop)
        {
            await request.Target.ExecuteAsync(tx, statement, cancellationToken).ConfigureAwait(false);
        }

        await request.Target.ExecuteAsync(tx, $"ALTER TABLE {parent} ATTACH PARTITION {Quote(old.Name)} FOR VALUES FROM ({old.Lower}) TO ({old.Upper})", cancellationToken).ConfigureAwait(false);
        await request.Target.ExecuteAsync(tx, $"ALTER TABLE {Quote(old.Name)} DROP CONSTRAINT {Quote(s.Bound.Name)}", cancellationToken).ConfigureAwait(false);
        foreach (var statement in s.Recipe.AfterAttach)
        {
            await request.Target.ExecuteAsync(tx, statement, cancellationToken).ConfigureAwait(false);
        }

        var after = await PostgreSqlPartitionObstacles.FingerprintAsync(request.Target, tx, old.Name, cancellationToken).ConfigureAwait(false);
        if (!before.SequenceEqual(after))
        {
            var lost = string.Join("; ", before.Except(after));
            var gained = string.Join("; ", after.Except(before));
            throw new InvalidOperationException($"staging_partition_switch: the replacement of partition {old.Name} would differ from it (had: {lost}; would have: {gained}); the refresh is rolled back and the partition kept as it was");
        }
    }

    /// <summary>The in-place partitions' window rows, removed as simple_copy would (through the table, so the same triggers fire).</summary>
    private static async Task<long> RemoveInPlaceAsync(PostgreSqlEngine engine, StagingRequest request, PartitionLayout layout, CancellationToken cancellationToken)
    {
        var (parent, tx) = (Quote(request.TargetTable.Name), request.SwapTransaction);
        if (request.Action == RefreshAction.Full && request.Truncate)
        {
            // The table first, as simple_copy's TRUNCATE locks it: a reader holding the table and waiting for a
            // truncated partition would otherwise deadlock with the DETACH that follows.
            await request.Target.ExecuteAsync(tx, $"LOCK TABLE {parent} IN ACCESS EXCLUSIVE MODE", cancellationToken, request.CommandTimeout).ConfigureAwait(false);
            long rows = 0;
            foreach (var move in layout.InPlace)
            {
                rows += await engine.EmptyAsync(request.Target, tx, move.Partition.Name, true, request.CommandTimeout, cancellationToken).ConfigureAwait(false);
            }

            return rows;
        }

        if (request.Action == RefreshAction.Full)
        {
            return await request.Target.ExecuteAsync(tx, $"DELETE FROM {parent} WHERE {layout.Within(layout.InPlace)}", cancellationToken, request.CommandTimeout).ConfigureAwait(false);
        }

        if (request.DeleteFilter is not { } window)
        {
            return 0;
        }

        var sql = $"DELETE FROM {parent} WHERE {Quote(window.Column)} {Operator(window)} @bound AND ({layout.Within(layout.InPlace)})";
        return await request.Target.ExecuteAsync(tx, sql, cancellationToken, request.CommandTimeout, ("bound", window.Value)).ConfigureAwait(false);
    }

    /// <summary>Rows from a staging table into the target, through the table (as simple_copy's COPY goes), in the refresh transaction.</summary>
    public static async Task InsertFromAsync(StagingRequest request, QualifiedName stage, CancellationToken cancellationToken)
    {
        var target = request.TargetTable;
        var columns = string.Join(", ", request.Columns.Select(Quote));
        var overriding = target.Columns.Any(c => c.Identity == IdentityKind.Always) ? " OVERRIDING SYSTEM VALUE" : "";
        await request.Target.ExecuteAsync(request.SwapTransaction, $"INSERT INTO {Quote(target.Name)} ({columns}){overriding} SELECT {columns} FROM {Quote(stage)}", cancellationToken, request.CommandTimeout).ConfigureAwait(false);
    }

    /// <summary>
    /// The table's copy (its filter, columns, transform…) into a staging table on the loader session; with a
    /// <paramref name="partition"/> predicate, only the source rows within that partition's bounds.
    /// </summary>
    public static CopyRequest Load(StagingRequest request, QualifiedName stage, string? partition) =>
        request.Copy.Into(request.Loader, null, stage) with { SourcePredicate = partition };

    /// <summary>The same, on one load session of <see cref="ParallelLoads"/>: its source session (in the unit's snapshot) and its loader.</summary>
    private static CopyRequest Load(StagingRequest request, StagingSession session, QualifiedName stage, string? partition) =>
        Load(request, stage, partition) with { Source = session.Source, SourceTransaction = session.SourceTransaction, Target = session.Loader };

    public static async Task SetSwapTimeoutAsync(StagingRequest request, CancellationToken cancellationToken) =>
        await request.Target.ExecuteAsync(request.SwapTransaction, "SELECT set_config('lock_timeout', @ms, true)", cancellationToken, null, ("ms", $"{(long)request.SwapTimeout.TotalMilliseconds}ms")).ConfigureAwait(false);

    private static async Task ExecuteAllAsync(System.Data.Common.DbConnection loader, StagingRequest request, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            await loader.ExecuteAsync(null, statement, cancellationToken, request.CommandTimeout).ConfigureAwait(false);
        }
    }

    private sealed class LoadProgress(IStagingLoadLog log) : IProgress<long>
    {
        public void Report(long value) => log.Rows(value);
    }
}
