using System.Collections.Concurrent;
using DataRefresh.Comparison;
using DataRefresh.Configuration;
using DataRefresh.Execution;

namespace DataRefresh.Dashboard;

/// <summary>What Compare-TableState found for one table, as the dashboard shows it: counts and verdict, no row values.</summary>
public sealed record ComparisonView(
    string Table,
    string Status,
    string Method,
    string? Reason,
    long SourceRows,
    long TargetRows,
    IReadOnlyList<string> KeyColumns,
    int SegmentsChecked,
    int DifferentRanges,
    int DifferentRows,
    bool MoreDifferences,
    IReadOnlyDictionary<string, int> DifferencesByKind,
    double DurationSeconds,
    DateTimeOffset FinishedAt,
    string StartedBy)
{
    public static ComparisonView From(TableComparison c, DateTimeOffset at, string by) => new(
        c.Table, c.Status.ToString(), c.Method.ToString(), c.Reason, c.SourceRows, c.TargetRows, c.KeyColumns, c.SegmentsChecked, c.DifferentRanges.Count,
        c.Differences.Count, c.MoreDifferences, c.Differences.GroupBy(d => d.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count()), Math.Round(c.Duration.TotalSeconds, 3), at, by);
}

/// <summary>A comparison the dashboard started: running, or finished with one result per table (or an error).</summary>
public sealed record CompareJobView(string CompareId, string StartedBy, DateTimeOffset StartedAt, IReadOnlyList<string> Tables, bool Finished, IReadOnlyList<ComparisonView> Results, string? Error, string Method = nameof(CompareMethod.Checksum));

/// <summary>
/// Compare now: runs Compare-TableState's engine (<see cref="RefreshSession.CompareAsync"/>: plans, then reads both
/// sides, read only) in the background, keeps the last 50 comparisons and each table's last verdict (this process's).
/// </summary>
internal sealed class DashboardCompare(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, CompareJobView> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentDictionary<string, ComparisonView> _last = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    public CompareJobView? Find(string id) => _jobs.GetValueOrDefault(id);

    public ComparisonView? Last(string table) => _last.GetValueOrDefault(table);

    public IReadOnlyList<CompareJobView> Recent => [.. _order.Reverse().Select(id => _jobs.GetValueOrDefault(id)).OfType<CompareJobView>()];

    /// <summary>The tables a running comparison is reading now.</summary>
    public IEnumerable<string> Busy => _jobs.Values.Where(j => !j.Finished).SelectMany(j => j.Tables);

    public CompareJobView Start(RefreshConfig config, IReadOnlyList<string> tables, string user, CancellationToken stopping, CompareMethod method = CompareMethod.Checksum)
    {
        var job = new CompareJobView(Guid.NewGuid().ToString("N")[..12], user, clock.GetUtcNow(), tables, false, [], null, method.ToString());
        _jobs[job.CompareId] = job;
        _order.Enqueue(job.CompareId);
        while (_order.Count > 50 && _order.TryDequeue(out var old))
        {
            _jobs.TryRemove(old, out _);
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[job.CompareId] = Task.Run(
            async () =>
            {
                await gate.Task.ConfigureAwait(false);
                await RunAsync(config, job, stopping).ConfigureAwait(false);
            },
            CancellationToken.None);
        gate.SetResult();
        return job;
    }

    /// <summary>Completes when the comparison has finished (at once when it has, or is unknown).</summary>
    public Task WaitAsync(string id) => _running.GetValueOrDefault(id) ?? Task.CompletedTask;

    /// <summary>Waits for the comparisons still running (after the host cancelled them).</summary>
    public Task DrainAsync() => Task.WhenAll(_running.Values);

    private async Task RunAsync(RefreshConfig config, CompareJobView job, CancellationToken stopping)
    {
        try
        {
            var session = new RefreshSession(config);
            await session.PlanAsync(job.Tables, stopping).ConfigureAwait(false);
            var results = await session.CompareAsync(new CompareOptions { Method = Enum.Parse<CompareMethod>(job.Method) }, stopping).ConfigureAwait(false);
            var at = clock.GetUtcNow();
            var views = results.Select(r => ComparisonView.From(r, at, job.StartedBy)).ToList();
            foreach (var view in views)
            {
                _last[view.Table] = view;
            }

            _jobs[job.CompareId] = job with { Finished = true, Results = views };
        }
        catch (Exception ex)
        {
            _jobs[job.CompareId] = job with { Finished = true, Error = ex is OperationCanceledException ? "cancelled: the dashboard stopped" : DashboardData.Safe(ex) ?? $"the comparison failed ({ex.GetType().Name})" };
        }
        finally
        {
            _running.TryRemove(job.CompareId, out _);
        }
    }
}
