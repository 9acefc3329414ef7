using DataRefresh.Configuration;
using DataRefresh.Events;
using DataRefresh.Planning;

namespace DataRefresh.Execution;

/// <summary>
/// One run started by a <see cref="RefreshSession"/>: its id, live status and events while it works, its results
/// when done. Listed in <see cref="RefreshRuns"/> until it ends.
/// </summary>
public sealed class RefreshRun : IDisposable
{
    private readonly RefreshEventHub _events;
    private readonly CancellationTokenSource _cancel;
    private readonly object _gate = new();
    private readonly Dictionary<string, TableRunStatus> _tables;
    private readonly List<string> _order;
    private bool _finished;

    internal RefreshRun(RefreshSession session, IReadOnlyList<RefreshPlan> plans, RefreshRunOptions options, CancellationToken cancellationToken)
    {
        _events = new RefreshEventHub([new Tracker(this), .. options.Observers, new Forwarder()]);
        var runner = new RefreshRunner(session.Config, _events) { RecheckSchemas = session.PlannedElsewhere, Actor = options.Actor, CancelReason = options.CancelReason };
        RunId = runner.RunId;
        StartedBy = options.StartedBy;
        Target = session.Config.Target.Display;
        TargetDatabase = session.Config.Target;
        _order = [.. plans.OrderBy(p => p.Order).Select(p => p.Table)];
        _tables = plans.ToDictionary(p => p.Table, p => new TableRunStatus(p.Table, TableRunState.Waiting, null, 0, p.EstimatedRows, 0, null), StringComparer.Ordinal);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        RefreshRuns.Add(this);
        Completion = RunAsync(runner, plans, options.ThrottleLimit);
    }

    public string RunId { get; }

    public string StartedBy { get; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The target database, as the configuration names it (no credentials).</summary>
    public string Target { get; }

    /// <summary>The target database's configuration (no credentials), for a host to tell whether a run writes its database (<see cref="SameDatabase"/>).</summary>
    public DatabaseConfig TargetDatabase { get; }

    /// <summary>The results, once every table has been tried (or the run was cancelled).</summary>
    public Task<IReadOnlyList<RefreshResult>> Completion { get; }

    /// <summary>Each table's state right now.</summary>
    public RunStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new RunStatus(RunId, StartedBy, StartedAt, Target, _finished, [.. _order.Select(t => _tables[t])]);
            }
        }
    }

    /// <summary>This run's events from now on; dispose to stop.</summary>
    public IDisposable Subscribe(IRefreshObserver observer) => _events.Subscribe(observer);

    /// <summary>As Ctrl+C: the table at work rolls back and keeps its rows, tables not started are skipped.</summary>
    public void Cancel() => _cancel.Cancel();

    public void Dispose() => _cancel.Dispose();

    private async Task<IReadOnlyList<RefreshResult>> RunAsync(RefreshRunner runner, IReadOnlyList<RefreshPlan> plans, int throttleLimit)
    {
        await Task.Yield();
        try
        {
            return await runner.RunAsync(plans, throttleLimit, _cancel.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _finished = true;
            }

            RefreshRuns.Remove(this);
        }
    }

    private void Track(RefreshEvent e)
    {
        if (e.Table is not { } table)
        {
            return;
        }

        lock (_gate)
        {
            if (!_tables.TryGetValue(table, out var s))
            {
                return;
            }

            _tables[table] = e switch
            {
                AttemptStarted a => s with { State = TableRunState.Running, Attempt = a.Attempt, Rows = 0 },
                StepStarted step => s with { State = TableRunState.Running, Step = step.Step },
                RowsProgress p => s with { Rows = p.Progress.RowsCopied },
                TableFinished f => s with
                {
                    State = f.Result.Status switch
                    {
                        RefreshStatus.Succeeded => TableRunState.Succeeded,
                        RefreshStatus.Failed => TableRunState.Failed,
                        _ => TableRunState.Skipped,
                    },
                    Rows = f.Result.RowsCopied,
                    Result = f.Result,
                },
                _ => s,
            };
        }
    }

    private sealed class Tracker(RefreshRun run) : IRefreshObserver
    {
        public void OnEvent(RefreshEvent refreshEvent) => run.Track(refreshEvent);
    }

    private sealed class Forwarder : IRefreshObserver
    {
        public void OnEvent(RefreshEvent refreshEvent) => RefreshRuns.Publish(refreshEvent);
    }
}
