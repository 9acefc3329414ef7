using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Staging;
using static DataRefresh.Engines.Sqlite.SqliteEngine;

namespace DataRefresh.Engines.Sqlite;

/// <summary>
/// staging_partition_switch on SQLite: one writer at a time, so everything happens in the refresh transaction —
/// load a staging table, replace the target's rows from it, drop it. Readers see the old rows until commit.
/// </summary>
internal sealed class SqliteStaging(SqliteEngine engine) : IStagingSwitch
{
    public Task<StagingPreflight> PreflightAsync(DbConnection source, DbConnection target, TableSchema sourceTable, TableSchema targetTable, RefreshAction action, RowFilter? filter, RowFilter? deleteFilter, long? rowLimit, int loadParallelism, CancellationToken cancellationToken) =>
        Task.FromResult(new StagingPreflight
        {
            Steps =
            [
                "in one transaction: load the source rows into a staging table",
                $"{(action == RefreshAction.Full ? "empty the target" : deleteFilter is null ? "delete nothing" : $"delete the target's rows with {engine.DescribeFilter(deleteFilter)}")} and insert from staging",
                "drop the staging table; readers keep the old rows until commit",
            ],
        });

    public async Task<StagingOutcome> RunAsync(StagingRequest request, IProgress<long> progress, StagingLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var target = request.Target;
        var tx = request.SwapTransaction;
        var stage = new QualifiedName("main", request.RunTag.Name("0"));
        var columns = string.Join(", ", request.Columns.Select(Quote));
        await target.ExecuteAsync(tx, $"CREATE TABLE {Quote(stage)} AS SELECT {columns} FROM {Quote(request.TargetTable.Name)} WHERE 0", cancellationToken).ConfigureAwait(false);
        var outcome = await LoadAside.RunAsync(
            engine,
            request,
            Load(request, stage),
            _ => Task.CompletedTask,
            async ct => await target.ExecuteAsync(tx, $"INSERT INTO {Quote(request.TargetTable.Name)} ({columns}) SELECT {columns} FROM {Quote(stage)}", ct, request.CommandTimeout).ConfigureAwait(false),
            progress,
            log,
            cancellationToken).ConfigureAwait(false);
        await target.ExecuteAsync(tx, $"DROP TABLE {Quote(stage)}", cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>The table's copy, into the staging table in the refresh transaction (one writer at a time).</summary>
    internal static CopyRequest Load(StagingRequest request, QualifiedName stage) => request.Copy.Into(request.Target, request.SwapTransaction, stage);

    /// <summary>One writer at a time: any staging table not inside our own open transaction is a killed run's leftover.</summary>
    public Task<int> DropStagingAsync(DbConnection target, DbTransaction? transaction, StagingTag? runTag, CancellationToken cancellationToken) =>
        StagingLeftovers.DropAsync(
            target,
            transaction,
            $@"SELECT 'main', name, 0 FROM sqlite_master WHERE type = 'table' AND name LIKE '{RunTag.StagingLikePattern}' ESCAPE '\'",
            table => $"DROP TABLE IF EXISTS {Quote(table)}",
            runTag,
            cancellationToken);
}
