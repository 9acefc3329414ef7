using System.Collections.Concurrent;
using DataRefresh.Events;

namespace DataRefresh.Execution;

/// <summary>
/// The refreshes at work in this process, whichever host started them (a prompt's Invoke-TableRefresh, a status
/// page's trigger): another host reads their status and subscribes to their events.
/// </summary>
public static class RefreshRuns
{
    private static readonly ConcurrentDictionary<string, RefreshRun> Runs = new(StringComparer.Ordinal);
    private static readonly RefreshEventHub Everything = new();

    /// <summary>The runs not finished yet, oldest first.</summary>
    public static IReadOnlyList<RefreshRun> Active => [.. Runs.Values.OrderBy(r => r.StartedAt)];

    public static RefreshRun? Find(string runId) => Runs.TryGetValue(runId, out var run) ? run : null;

    /// <summary>Every event of every run in this process from now on (a run's first event is <see cref="RunStarted"/>); dispose to stop.</summary>
    public static IDisposable Subscribe(IRefreshObserver observer) => Everything.Subscribe(observer);

    internal static void Add(RefreshRun run) => Runs[run.RunId] = run;

    internal static void Remove(RefreshRun run) => Runs.TryRemove(run.RunId, out _);

    internal static void Publish(RefreshEvent refreshEvent) => Everything.OnEvent(refreshEvent);
}
