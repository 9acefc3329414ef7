using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Staging;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// staging_partition_switch on PostgreSQL. It deletes and copies exactly the rows simple_copy would for the same
/// sync mode; only how the rows get there differs.
/// <para>
/// A RANGE-partitioned target is handled partition by partition (<see cref="PostgreSqlPartitionLayout"/>). A
/// partition all of whose rows are replaced is rebuilt aside as a standalone table — the bound as a CHECK (so
/// ATTACH skips its validation scan), loaded from the source, then given every object of the old partition
/// (<see cref="PartitionRecipe"/>) — and, in one short transaction, the old one is detached and dropped and the
/// new one attached under its name, checked against the old one's catalog before commit. A partition that keeps
/// some rows (it straddles the delete bound), or has something a rebuild could not reproduce, keeps its identity:
/// its window rows are deleted and the source's inserted from a staging table in the refresh transaction.
/// Partitions outside the window keep their rows untouched (same ctid/xmin). The staging loads run side by side,
/// up to partition_parallelism at once, each on its own sessions (<see cref="PostgreSqlPartitionSwap"/>).
/// </para>
/// <para>
/// Any other target: PostgreSQL has no metadata swap that keeps a table's identity. A rename swap would leave
/// views, foreign keys and grants bound to the old table (they follow its OID, not its name). So the rows are
/// loaded aside — the slow, remote part, holding no lock on the target — and then moved in one local
/// transaction (DELETE or TRUNCATE, then INSERT … SELECT from staging): readers see the old rows until commit.
/// </para>
/// </summary>
internal sealed class PostgreSqlStaging(PostgreSqlEngine engine) : IStagingSwitch
{
    public async Task<StagingPreflight> PreflightAsync(DbConnection source, DbConnection target, TableSchema sourceTable, TableSchema targetTable, RefreshAction action, RowFilter? filter, RowFilter? deleteFilter, long? rowLimit, int loadParallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetTable);
        var layout = await PostgreSqlPartitionLayout.ReadAsync(target, null, targetTable, action, filter, deleteFilter, rowLimit, cancellationToken).ConfigureAwait(false);
        if (layout.Key is null || layout.Reason is not null)
        {
            return new StagingPreflight
            {
                Warnings = layout.Reason is null ? [] : [$"staging_partition_switch: {layout.Reason}; loading aside and moving the rows in one local transaction instead"],
                Steps =
                [
                    "load the source rows into a staging table (no lock held on the target meanwhile)",
                    $"in one transaction: {Removal(action, deleteFilter, "the target")}, INSERT … SELECT from staging, advance identity; readers keep the old rows until commit",
                    "drop the staging table",
                ],
            };
        }

        var blockers = new List<string>();
        var outside = await RowsOutsideAsync(source, sourceTable, layout, filter, cancellationToken).ConfigureAwait(false);
        if (outside > 0)
        {
            blockers.Add($"{outside} source row(s) fall outside every partition of {targetTable.Name} on {layout.Key}; create partitions for them in the target first");
        }

        var steps = new List<string>
        {
            action == RefreshAction.Full ? "every target row is replaced by the source's"
            : deleteFilter is not null ? $"target rows with {engine.DescribeFilter(deleteFilter)} are deleted and the source rows with {engine.DescribeFilter(filter!)} copied; rows below the bound stay"
            : filter is not null ? $"no target row is deleted; the source rows with {engine.DescribeFilter(filter)} are copied"
            : "no target row is deleted; every source row is copied",
        };
        foreach (var group in layout.Moves.GroupBy(m => (m.Fate, m.Why)))
        {
            var names = string.Join(", ", group.Select(m => m.Partition.Name.Name));
            steps.Add(group.Key.Fate switch
            {
                PartitionFate.Untouched => $"{names}: untouched ({group.Key.Why})",
                PartitionFate.InPlace => $"{names}: rows moved in place ({group.Key.Why}): the source rows for {(group.Count() == 1 ? "it" : "them")} are loaded into a staging table (no lock on the target meanwhile); then, in the refresh transaction, {Removal(action, deleteFilter, group.Count() == 1 ? "its rows" : "their rows")} and INSERT … SELECT from staging",
                _ => $"{names}: swapped: each rebuilt aside as a standalone table with its bound as a CHECK, loaded from the source (no lock on the target meanwhile), then given the old partition's own indexes, constraints, triggers, policies, row security, comments, owner, grants and storage options; then, in the refresh transaction (lock_timeout bounds the wait), the old partition is detached and dropped and its replacement attached under its name",
            });
        }

        var loads = layout.Swapped.Count + (layout.InPlace.Count > 0 ? 1 : 0);
        var width = Math.Max(1, Math.Min(loadParallelism, loads));
        if (loads > 1)
        {
            steps.Add(width > 1
                ? $"the {loads} staging loads run in parallel, up to {width} at once (partition_parallelism {loadParallelism}), each on its own pair of sessions: a source session reading the unit's snapshot and a target session outside the refresh transaction; the refresh transaction waits for all of them before it touches the target, and a failure in any load cancels the others, drops every staging table and leaves the target as it was"
                : $"the {loads} staging loads run one after another (partition_parallelism 1)");
        }

        steps.Add("the staging tables are dropped");
        return new StagingPreflight
        {
            Blockers = blockers,
            Steps = steps,
            Warnings = [.. layout.Moves.Where(m => m.Obstacle).Select(m => $"staging_partition_switch: partition {m.Partition.Name.Name} is not swapped ({m.Why}); its rows are moved in place instead")],
        };
    }

    public async Task<StagingOutcome> RunAsync(StagingRequest request, IProgress<long> progress, StagingLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var layout = await PostgreSqlPartitionLayout.ReadAsync(request.Target, request.SwapTransaction, request.TargetTable, request.Action, request.Filter, request.DeleteFilter, request.RowLimit, cancellationToken).ConfigureAwait(false);
        return layout.Key is null || layout.Reason is not null
            ? await LoadAsideAsync(request, progress, log, cancellationToken).ConfigureAwait(false)
            : await PostgreSqlPartitionSwap.RunAsync(engine, request, layout, progress, log, cancellationToken).ConfigureAwait(false);
    }

    public Task<int> DropStagingAsync(DbConnection target, DbTransaction? transaction, StagingTag? runTag, CancellationToken cancellationToken)
    {
        return StagingLeftovers.DropAsync(target, transaction, StagingTablesSql, table => $"DROP TABLE IF EXISTS {Quote(table)}", runTag, cancellationToken);
    }

    /// <summary>Every staging table (not a partition of one), and whether a session of the run that made it is still connected.</summary>
    internal static string StagingTablesSql => $"""
        SELECT n.nspname, c.relname,
               EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.application_name LIKE '{RunTag.LabelPrefix}' || substr(c.relname, {RunTag.StagingShortIdStartSql}, {RunTag.ShortIdLengthSql}) || '%' AND a.pid <> pg_backend_pid())
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND c.relname LIKE '{RunTag.StagingLikePattern}' AND NOT c.relispartition
        """;

    /// <summary>What the refresh removes, in the plan's words.</summary>
    private string Removal(RefreshAction action, RowFilter? delete, string what) =>
        (action, delete, what) switch
        {
            (RefreshAction.Full, _, "the target") => "empty the target (TRUNCATE where allowed, else DELETE)",
            (RefreshAction.Full, _, _) => $"empty {(what == "its rows" ? "it" : "them")} (TRUNCATE where allowed, else DELETE)",
            (_, null, _) => "delete nothing",
            (_, _, "the target") => $"delete the target's rows with {engine.DescribeFilter(delete)}",
            _ => $"delete {what} with {engine.DescribeFilter(delete)}",
        };

    private async Task<StagingOutcome> LoadAsideAsync(StagingRequest request, IProgress<long> progress, StagingLog log, CancellationToken cancellationToken)
    {
        var target = request.TargetTable;
        var stage = new QualifiedName(target.Name.Schema, request.RunTag.Name("0"));
        await request.Loader.ExecuteAsync(null, $"CREATE TABLE {Quote(stage)} (LIKE {Quote(target.Name)} INCLUDING DEFAULTS)", cancellationToken).ConfigureAwait(false);
        return await LoadAside.RunAsync(
            engine,
            request,
            PostgreSqlPartitionSwap.Load(request, stage, null),
            ct => PostgreSqlPartitionSwap.SetSwapTimeoutAsync(request, ct),
            ct => PostgreSqlPartitionSwap.InsertFromAsync(request, stage, ct),
            progress,
            log,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Source rows (within the window) that no partition of the target would accept.</summary>
    private static async Task<long> RowsOutsideAsync(DbConnection source, TableSchema sourceTable, PartitionLayout layout, RowFilter? filter, CancellationToken cancellationToken)
    {
        var window = filter is null ? "" : $"{Quote(filter.Column)} {Operator(filter)} {Literal(filter.Value)} AND ";
        var sql = $"SELECT count(*) FROM {Quote(sourceTable.Name)} WHERE {window}NOT ({layout.Within(layout.Touched)})";
        return Convert.ToInt64(await source.ScalarAsync(null, sql, cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
