using DataRefresh.Catalog;
using DataRefresh.Engines;
using DataRefresh.Events;
using DataRefresh.Planning;

namespace DataRefresh.Staging;

/// <summary>
/// staging_partition_switch where no metadata swap keeps the table's identity (SQLite; PostgreSQL's unpartitioned
/// targets): the source rows are loaded into a staging table by the table's own copy (<see cref="StagingRequest.Copy"/>
/// redirected there), then, in the refresh transaction, the rows the refresh replaces are removed as simple_copy
/// removes them and staging's rows moved in with one INSERT … SELECT.
/// </summary>
internal static class LoadAside
{
    /// <summary>
    /// Load <paramref name="load"/> (the request's copy into the staging table), run <paramref name="beforeMove"/>
    /// (a lock timeout for the swap), remove the replaced rows, then <paramref name="moveIn"/> staging's rows.
    /// </summary>
    public static async Task<StagingOutcome> RunAsync(
        IDatabaseEngine engine,
        StagingRequest request,
        CopyRequest load,
        Func<CancellationToken, Task> beforeMove,
        Func<CancellationToken, Task> moveIn,
        IProgress<long> progress,
        StagingLog log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(beforeMove);
        ArgumentNullException.ThrowIfNull(moveIn);
        ArgumentNullException.ThrowIfNull(log);
        var copied = await engine.CopyAsync(load, progress, cancellationToken).ConfigureAwait(false);
        log(RefreshStep.Copy, copied, $"{copied} row(s) loaded into staging {load.TargetTable.Name}");
        await beforeMove(cancellationToken).ConfigureAwait(false);
        var deleted = await RemoveReplacedAsync(engine, request, request.TargetTable.Name, cancellationToken).ConfigureAwait(false);
        await moveIn(cancellationToken).ConfigureAwait(false);
        log(RefreshStep.Swap, deleted, $"{deleted} row(s) removed and {copied} moved in from staging, in the refresh transaction");
        return new StagingOutcome(copied, deleted);
    }

    /// <summary>
    /// The rows of <paramref name="table"/> a refresh replaces, removed as simple_copy removes them, in the refresh
    /// transaction: a full refresh empties it (TRUNCATE where <see cref="StagingRequest.Truncate"/> allows, else
    /// DELETE), an incremental one deletes its window (<see cref="StagingRequest.DeleteFilter"/>), or nothing.
    /// </summary>
    public static async Task<long> RemoveReplacedAsync(IDatabaseEngine engine, StagingRequest request, QualifiedName table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Action == RefreshAction.Full)
        {
            return await engine.EmptyAsync(request.Target, request.SwapTransaction, table, request.Truncate, request.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }

        return request.DeleteFilter is { } window
            ? await engine.DeleteAsync(request.Target, request.SwapTransaction, table, window, request.CommandTimeout, cancellationToken).ConfigureAwait(false)
            : 0;
    }
}
