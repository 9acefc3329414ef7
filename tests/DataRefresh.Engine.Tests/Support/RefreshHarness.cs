using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;

namespace DataRefresh.Tests.Support;

/// <summary>Plan and run through the engine exactly as the cmdlets do, collecting what they would write.</summary>
public static class RefreshHarness
{
    public static async Task<IReadOnlyList<RefreshPlan>> PlanAsync(RefreshConfig config, params string[] tables) =>
        await Planner.PlanAsync(config, tables.Length == 0 ? null : tables, TestContext.Current.CancellationToken);

    public static async Task<(IReadOnlyList<RefreshPlan> Plans, IReadOnlyList<RefreshResult> Results, RecordingObserver Observer)> RunAsync(
        RefreshConfig config, RecordingObserver? observer = null, int throttle = 1, CancellationToken cancellationToken = default, params string[] tables)
    {
        observer ??= new RecordingObserver();
        var token = cancellationToken == default ? TestContext.Current.CancellationToken : cancellationToken;
        // Through the session, as every host runs: plan, then run with the observer subscribed from the first event.
        var session = new RefreshSession(config);
        var plans = await session.PlanAsync(tables.Length == 0 ? null : tables, token);
        var results = await session.RunAsync(new RefreshRunOptions { ThrottleLimit = throttle, Observers = [observer] }, token);
        return (plans, results, observer);
    }

    public static RefreshResult Single(this IReadOnlyList<RefreshResult> results, string table) =>
        results.Single(r => string.Equals(r.Table, table, StringComparison.OrdinalIgnoreCase));

    public static RefreshPlan Single(this IReadOnlyList<RefreshPlan> plans, string table) =>
        plans.Single(r => string.Equals(r.Table, table, StringComparison.OrdinalIgnoreCase));

    public static TableConfig Full(string name) => new() { Name = name, SyncMode = SyncMode.FullReplace };

    public static TableConfig Incremental(string name, string column, IncrementalType type = IncrementalType.Identity, int buffer = 0) =>
        new() { Name = name, SyncMode = SyncMode.Incremental, IncrementalColumn = column, IncrementalType = type, DateBufferDays = buffer };

    public static TableConfig Smart(string name, string column, IncrementalType type, bool fallback = true) =>
        new() { Name = name, SyncMode = SyncMode.SmartSync, IncrementalColumn = column, IncrementalType = type, FallbackToFull = fallback };
}
