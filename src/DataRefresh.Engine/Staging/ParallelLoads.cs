using System.Data.Common;
using System.Runtime.ExceptionServices;
using DataRefresh.Events;

namespace DataRefresh.Staging;

/// <summary>
/// One pair of sessions that loads staging tables: a source session reading in the unit's snapshot and a target
/// session outside the refresh transaction. The request's own pair (<see cref="StagingRequest.Source"/>,
/// <see cref="StagingRequest.Loader"/>) is one; <see cref="StagingRequest.OpenLoadSessionAsync"/> opens the others.
/// Disposing it closes what it owns (never the request's own pair).
/// </summary>
public sealed class StagingSession(DbConnection source, DbTransaction? sourceTransaction, DbConnection loader, bool owned) : IAsyncDisposable
{
    public DbConnection Source { get; } = source;

    public DbTransaction? SourceTransaction { get; } = sourceTransaction;

    public DbConnection Loader { get; } = loader;

    public async ValueTask DisposeAsync()
    {
        if (!owned)
        {
            return;
        }

        await Loader.DisposeAsync().ConfigureAwait(false);
        if (SourceTransaction is not null)
        {
            await SourceTransaction.DisposeAsync().ConfigureAwait(false);
        }

        await Source.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>What one staging load reports while it runs: rows so far, and each of its steps as it ends.</summary>
internal interface IStagingLoadLog
{
    /// <summary>Rows this load has copied so far (its own count; the table's progress is the sum over the loads).</summary>
    void Rows(long rows);

    /// <summary>A step of this load ended; it started at <paramref name="startedAt"/>.</summary>
    void Finished(RefreshStep kind, long? rows, string detail, DateTimeOffset startedAt);
}

/// <summary>
/// Staging loads of one table, <see cref="StagingRequest.LoadParallelism"/> at a time, each on its own
/// <see cref="StagingSession"/>. Every load writes only to staging tables committed on its own session (named by
/// the unit's <see cref="StagingRequest.RunTag"/>), never to the target: the swap comes after, in the refresh
/// transaction, once every load succeeded. The first load that fails cancels the others; this returns (or throws
/// that first failure) only once every load has stopped, so the caller's cleanup of the staging tables never races
/// a load still creating one. Steps and progress reach the table's log and progress one at a time, whichever load
/// reports them.
/// </summary>
internal static class ParallelLoads
{
    /// <summary>How many sessions the loads of <paramref name="count"/> tables use at once under <paramref name="request"/>.</summary>
    public static int Width(StagingRequest request, int count) =>
        request.OpenLoadSessionAsync is null ? 1 : Math.Max(1, Math.Min(request.LoadParallelism, count));

    public static async Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(
        StagingRequest request,
        IReadOnlyList<TItem> items,
        Func<StagingSession, TItem, IStagingLoadLog, CancellationToken, Task<TResult>> load,
        IProgress<long> progress,
        StagingLog log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(load);
        var results = new TResult[items.Count];
        if (items.Count == 0)
        {
            return results;
        }

        var gate = new object();
        var rows = new long[items.Count];
        var width = Width(request, items.Count);
        var sessions = new List<StagingSession> { new(request.Source, request.SourceTransaction, request.Loader, owned: false) };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? failure = null;
        try
        {
            // Every session is open before the first load starts: a server that refuses one more connection fails
            // the refresh here, before anything is loaded.
            while (sessions.Count < width)
            {
                sessions.Add(await request.OpenLoadSessionAsync!(cancellationToken).ConfigureAwait(false));
            }

            var next = -1;
            async Task WorkAsync(StagingSession session)
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < items.Count && !cancel.IsCancellationRequested)
                {
                    try
                    {
                        results[i] = await load(session, items[i], new LoadLog(gate, rows, i, progress, log), cancel.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        lock (gate)
                        {
                            // The first failure is the one to report; the others' cancellations follow from it.
                            if (failure is null && !(ex is OperationCanceledException && cancel.IsCancellationRequested))
                            {
                                failure = ExceptionDispatchInfo.Capture(ex);
                            }
                        }

                        await cancel.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
            }

            await Task.WhenAll(sessions.Select(s => Task.Run(() => WorkAsync(s), CancellationToken.None))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        failure?.Throw();
        return results;
    }

    private sealed class LoadLog(object gate, long[] rows, int index, IProgress<long> progress, StagingLog log) : IStagingLoadLog
    {
        public void Rows(long value)
        {
            lock (gate)
            {
                rows[index] = value;
                progress.Report(rows.Sum());
            }
        }

        public void Finished(RefreshStep kind, long? rows, string detail, DateTimeOffset startedAt)
        {
            lock (gate)
            {
                log(kind, rows, detail, startedAt);
            }
        }
    }
}
