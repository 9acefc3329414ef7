using System.Data.Common;
using System.Diagnostics;
using DataRefresh.Engines;
using DataRefresh.Events;
using DataRefresh.Planning;

namespace DataRefresh.Execution;

/// <summary>The run's steps as events: every step is timed, published when it starts and ends, and kept in the result.</summary>
public sealed partial class RefreshRunner
{
    /// <summary>Tables refused at run time (schema changed since the plan): failures of the run, not skips.</summary>
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    private void Publish(RefreshEvent refreshEvent) => _observer.OnEvent(refreshEvent);

    private void Notice(string? table, NoticeLevel level, string message) => Publish(new RefreshNotice(level, message) { RunId = RunId, Table = table });

    private InlineProgress ProgressOf(TableRun t, Stopwatch started) =>
        new InlineProgress(rows => Publish(new RowsProgress(new TableProgress(t.Plan.Table, rows, t.Plan.EstimatedRows, started.Elapsed)) { RunId = RunId, Table = t.Plan.Table, Attempt = t.Attempt }));

    /// <summary>One step of one table; its count (rows, keys, triggers) is the step's rows.</summary>
    private Task<long> StepAsync(TableRun t, RefreshStep step, Func<Task<long>> work) => StepAsync(t, step, work, n => n);

    private async Task<T> StepAsync<T>(TableRun t, RefreshStep step, Func<Task<T>> work, Func<T, long?> rows, Func<T, string?>? detail = null)
    {
        var at = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Publish(new StepStarted(step) { RunId = RunId, Table = t.Plan.Table, Attempt = t.Attempt });
        T value;
        try
        {
            value = await work().ConfigureAwait(false);
        }
        catch
        {
            Publish(new StepFinished(step, clock.Elapsed, Succeeded: false) { RunId = RunId, Table = t.Plan.Table, Attempt = t.Attempt });
            throw;
        }

        Finished(t, step, at, clock.Elapsed, rows(value), detail?.Invoke(value));
        return value;
    }

    /// <summary>A step a sub-system reports as done (staging's swap, a partition's index build), timed since the last one.</summary>
    private void Finished(TableRun t, RefreshStep step, DateTimeOffset at, TimeSpan duration, long? rows, string? detail)
    {
        t.Steps.Add(new StepTiming(step, at, duration, rows, detail));
        Publish(new StepFinished(step, duration, rows, detail) { RunId = RunId, Table = t.Plan.Table, Attempt = t.Attempt, At = at + duration });
    }

    /// <summary>A step the unit takes once for all its tables (commit, the recheck): each table reports it.</summary>
    private async Task<T> UnitStepAsync<T>(List<TableRun> tables, RefreshStep step, Func<Task<T>> work, Func<T, long?>? rows = null)
    {
        var at = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        tables.ForEach(t => Publish(new StepStarted(step) { RunId = RunId, Table = t.Plan.Table, Attempt = t.Attempt }));
        T value;
        try
        {
            value = await work().ConfigureAwait(false);
        }
        catch
        {
            tables.ForEach(t => Publish(new StepFinished(step, clock.Elapsed, Succeeded: false) { RunId = RunId, Table = t.Plan.Table, Attempt = t.Attempt }));
            throw;
        }

        tables.ForEach(t => Finished(t, step, at, clock.Elapsed, rows?.Invoke(value), null));
        return value;
    }

    private async Task UnitStepAsync(List<TableRun> tables, RefreshStep step, Func<Task> work, long? rows = null) =>
        await UnitStepAsync(tables, step, async () => { await work().ConfigureAwait(false); return true; }, _ => rows).ConfigureAwait(false);

    private async Task LockAsync(TableRun t, DbConnection target, DbTransaction tx, CancellationToken cancellationToken) =>
        await StepAsync(t, RefreshStep.Lock, async () => { await _engine.LockTableAsync(target, tx, t.TargetName, TimeSpan.FromSeconds(Settings.LockTimeoutSeconds), cancellationToken).ConfigureAwait(false); return true; }, _ => null).ConfigureAwait(false);

    /// <summary>The decision again under the lock: what can have moved since the plan (watermark, emptiness); the event says how it differs.</summary>
    private async Task DecideAsync(TableRun t, DbConnection target, DbTransaction tx, bool forceFull, CancellationToken cancellationToken)
    {
        await StepAsync(t, RefreshStep.Decide, async () => { await t.DecideAsync(_engine, target, tx, forceFull, cancellationToken).ConfigureAwait(false); return true; }, _ => null, _ => t.Reason).ConfigureAwait(false);
        Publish(new TableDecided(t.Action, t.Reason, t.Plan.Action, t.Deviation) { RunId = RunId, Table = t.Plan.Table, Attempt = t.Attempt });
    }

    /// <summary>
    /// Plans made by another command: the safety rail again (source and target are different databases), then each
    /// table's columns read again; a table whose schema changed since its plan is refused (it fails, naming the
    /// change, and nothing is written to it), the others run as planned.
    /// </summary>
    private async Task<IReadOnlyList<RefreshPlan>> RecheckPlansAsync(IReadOnlyList<RefreshPlan> plans, CancellationToken cancellationToken)
    {
        const string label = "DataRefresh plan check";
        await using var source = await _engine.OpenAsync(_config.Source, ConnectionPurpose.Source, Settings, label, cancellationToken).ConfigureAwait(false);
        await using var target = await _engine.OpenAsync(_config.Target, ConnectionPurpose.Inspect, Settings, label, cancellationToken).ConfigureAwait(false);
        await Planner.RefuseSameDatabaseAsync(_engine, source, target, _config, cancellationToken).ConfigureAwait(false);
        var checkedPlans = new List<RefreshPlan>();
        foreach (var plan in plans)
        {
            if (plan.IsBlocked || plan.SourceSchema is null || plan.TargetSchema is null)
            {
                checkedPlans.Add(plan);
                continue;
            }

            string? drift;
            try
            {
                drift = SchemaDrift.Describe("production", plan.SourceSchema, await _engine.ReadTableAsync(source, plan.SourceSchema.Name, cancellationToken).ConfigureAwait(false), plan.Columns)
                    ?? SchemaDrift.Describe("UAT", plan.TargetSchema, await _engine.ReadTableAsync(target, plan.TargetSchema.Name, cancellationToken).ConfigureAwait(false), plan.Columns);
            }
            catch (InvalidOperationException ex)
            {
                drift = ex.Message;
            }

            if (drift is null)
            {
                checkedPlans.Add(plan);
                continue;
            }

            _refused.Add(plan.Table);
            checkedPlans.Add(plan with { Action = RefreshAction.Skip, Reason = $"not refreshed: {drift}, since the plan was made; plan again (Get-RefreshPlan) and review it" });
        }

        return checkedPlans;
    }
}
