using DataRefresh.Comparison;
using DataRefresh.Configuration;
using DataRefresh.Planning;

namespace DataRefresh.Execution;

/// <summary>
/// The refresh API every host drives (the cmdlets, a status page, a scheduler, a plain C# program): a
/// configuration, its plans, the host's approval, a run with live events and status, its results. Nothing here
/// knows PowerShell or HTTP.
/// </summary>
/// <example>
/// <code>
/// var session = new RefreshSession(ConfigLoader.Load(["refresh.yaml"]));
/// await session.PlanAsync(null, token);
/// session.Approve(plan => plan.Action != RefreshAction.Full);
/// using var run = session.Start(new RefreshRunOptions { Observers = [myObserver] });
/// var results = await run.Completion;
/// </code>
/// </example>
public sealed class RefreshSession
{
    public RefreshSession(RefreshConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
    }

    public RefreshConfig Config { get; }

    /// <summary>The plans the next <see cref="Start"/> runs: from <see cref="PlanAsync"/> or the piped plans, narrowed by <see cref="Approve"/>.</summary>
    public IReadOnlyList<RefreshPlan> Plans { get; private set; } = [];

    /// <summary>
    /// The plans came from another command (Get-RefreshPlan, earlier): the run re-reads each table's columns and
    /// refuses a table whose schema changed since, besides re-deciding watermark and emptiness under the lock.
    /// </summary>
    internal bool PlannedElsewhere { get; private init; }

    /// <summary>
    /// A session over plans made earlier (piped from Get-RefreshPlan): they run as planned, without reading
    /// production's catalogs again. Plans of several configurations are refused. A subset of the plans (filtered in
    /// the pipeline) is arranged again on its own, so a unit partner left out is not emptied or loaded unseen.
    /// </summary>
    public static RefreshSession FromPlans(IReadOnlyList<RefreshPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 0)
        {
            throw new ArgumentException("no plans to run");
        }

        var config = plans[0].Config;
        if (plans.Any(p => !ReferenceEquals(p.Config, config) && !p.Config.Files.SequenceEqual(config.Files)))
        {
            throw new ArgumentException("the piped plans come from different configurations; refresh them in separate commands");
        }

        var distinct = plans.GroupBy(p => p.Table, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        return new RefreshSession(config) { Plans = Planner.Rearrange(distinct), PlannedElsewhere = true };
    }

    /// <summary>Plan the configured tables (or <paramref name="tables"/> of them); writes nothing.</summary>
    public async Task<IReadOnlyList<RefreshPlan>> PlanAsync(IReadOnlyList<string>? tables, CancellationToken cancellationToken)
    {
        Plans = await Planner.PlanAsync(Config, tables, cancellationToken).ConfigureAwait(false);
        return Plans;
    }

    /// <summary>
    /// Ask the host about each table that would run, in run order. After a No the rest are arranged again
    /// without that table, so a unit partner that needed it is blocked (and not asked about) instead of failing
    /// on a foreign key mid-run. Blocked tables stay, to be recorded as skipped. Returns the plans that will run.
    /// </summary>
    public IReadOnlyList<RefreshPlan> Approve(Func<RefreshPlan, bool> approve)
    {
        ArgumentNullException.ThrowIfNull(approve);
        var plans = Plans;
        var current = plans;
        var approved = new HashSet<string>(StringComparer.Ordinal);
        var declined = new List<string>();
        foreach (var table in plans.Select(p => p.Table))
        {
            if (current.FirstOrDefault(p => p.Table == table) is not { IsBlocked: false } plan)
            {
                continue;
            }

            if (approve(plan))
            {
                approved.Add(table);
            }
            else
            {
                declined.Add(table);
                current = Planner.Decline(plans, declined);
            }
        }

        Plans = [.. current.Where(p => p.IsBlocked || approved.Contains(p.Table))];
        return Plans;
    }

    /// <summary>Start running <see cref="Plans"/> in the background; the run is listed in <see cref="RefreshRuns"/> until it ends.</summary>
    public RefreshRun Start(RefreshRunOptions? options = null, CancellationToken cancellationToken = default) =>
        new(this, Plans, options ?? new RefreshRunOptions(), cancellationToken);

    /// <summary>Compare each planned table's production and UAT rows (Compare-TableState); reads only, on both sides.</summary>
    public Task<IReadOnlyList<TableComparison>> CompareAsync(CompareOptions options, CancellationToken cancellationToken) =>
        TableComparer.CompareAsync(Plans, options, cancellationToken);

    /// <summary>Run <see cref="Plans"/> and wait for the results; cancelling rolls back the table at work.</summary>
    public async Task<IReadOnlyList<RefreshResult>> RunAsync(RefreshRunOptions? options, CancellationToken cancellationToken)
    {
        using var run = Start(options, cancellationToken);
        return await run.Completion.ConfigureAwait(false);
    }
}
