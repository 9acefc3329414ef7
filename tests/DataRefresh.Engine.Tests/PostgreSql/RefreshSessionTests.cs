using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>
/// The session API as a second host (a status page, a scheduler) drives it, with no PowerShell: plan, approve,
/// start, watch from another observer through the process's run registry, cancel; and piped plans run as planned.
/// </summary>
[Trait("Category", "PostgreSql")]
public sealed class RefreshSessionTests : PostgresTestBase
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_starts_a_run_watches_it_from_a_second_observer_and_cancels_it()
    {
        await Both("CREATE TABLE sales (id bigint PRIMARY KEY, amount numeric(12,2))");
        await Pg.ExecAsync(Src, "INSERT INTO sales SELECT g, g / 100.0 FROM generate_series(1, 200000) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO sales SELECT g, -1 FROM generate_series(1, 10) g");
        var before = await Pg.DumpAsync(Tgt, "sales", "id");
        var session = new RefreshSession(Pg.Config(Src, Tgt, [Full("sales") with { BatchSize = 1000 }]));
        await session.PlanAsync(null, Token);
        var asked = new List<string>();
        session.Approve(plan => { asked.Add(plan.Table); return true; });

        // The second host: it knows no run id in advance; it finds the run in the registry and cancels it mid-copy.
        // The registry is process-wide and other test classes run at the same time, so it only touches runs this host
        // started (cancelling another test's run made both fail).
        var startedBy = $"test host {Guid.NewGuid():N}";
        var watcher = new RecordingObserver();
        RunStatus? seen = null;
        watcher.OnAnyEvent = e =>
        {
            if (e is RowsProgress { Progress.RowsCopied: > 0 } && seen is null && RefreshRuns.Find(e.RunId) is { StartedBy: var by } active && by == startedBy)
            {
                seen = active.Status;
                active.Cancel();
            }
        };
        var host = new RecordingObserver();
        using var subscription = RefreshRuns.Subscribe(watcher);
        using var run = session.Start(new RefreshRunOptions { Observers = [host], StartedBy = startedBy }, Token);
        Assert.Contains(RefreshRuns.Active, r => r.RunId == run.RunId);
        var results = await run.Completion;

        Assert.Equal(["sales"], asked);
        var result = Assert.Single(results);
        Assert.Equal(RefreshStatus.Failed, result.Status);
        Assert.StartsWith("cancelled", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Pg.DumpAsync(Tgt, "sales", "id"));

        // What the second host saw: the table at its copy step, started by the first host, with rows moving.
        Assert.NotNull(seen);
        Assert.Equal(startedBy, seen.StartedBy);
        var table = Assert.Single(seen.Tables);
        Assert.Equal((TableRunState.Running, RefreshStep.Copy), (table.State, table.Step));
        Assert.True(table.Rows > 0);

        // Both observers got the same stream, from RunStarted to RunFinished.
        foreach (var events in new[] { watcher.Events.Where(e => e.RunId == run.RunId).ToList(), host.Events.ToList() })
        {
            Assert.IsType<RunStarted>(events[0]);
            Assert.True(events[^1] is RunFinished { Cancelled: true });
            Assert.Contains(events, e => e is StepStarted { Step: RefreshStep.Copy, Table: "sales" });
            Assert.Contains(events, e => e is StepFinished { Step: RefreshStep.Copy, Succeeded: false });
            Assert.DoesNotContain(events, e => e is StepFinished { Step: RefreshStep.Commit });
        }

        Assert.Equal(host.Events.Select(e => e.GetType()), watcher.Events.Where(e => e.RunId == run.RunId).Select(e => e.GetType()));
        Assert.DoesNotContain(RefreshRuns.Active, r => r.RunId == run.RunId);
        Assert.True(run.Status.Finished);
    }

    [Fact]
    public async Task A_finished_run_reports_each_step_in_order_in_its_events_and_its_result()
    {
        await Both("CREATE TABLE sales (id bigint PRIMARY KEY, amount numeric(12,2))");
        await Pg.ExecAsync(Src, "INSERT INTO sales SELECT g, g FROM generate_series(1, 100) g");
        var (_, results, observer) = await RunAsync(Pg.Config(Src, Tgt, [Full("sales")]));

        var result = Assert.Single(results);
        Assert.Equal(RefreshStatus.Succeeded, result.Status);
        Assert.Equal([RefreshStep.Lock, RefreshStep.SuspendTriggers, RefreshStep.Decide, RefreshStep.Empty, RefreshStep.Copy, RefreshStep.IndexBuild, RefreshStep.Commit, RefreshStep.Verify], result.Steps.Select(s => s.Step));
        Assert.Equal(100L, result.Steps.Single(s => s.Step == RefreshStep.Copy).Rows);
        Assert.Equal(result.Steps.Select(s => s.Step), observer.Steps.Select(s => s.Step));
        Assert.Null(result.Deviation);
        Assert.Equal(RefreshAction.Full, result.PlannedAction);
    }

    [Fact]
    public async Task Piped_plans_run_as_planned_and_the_result_says_where_the_run_decided_otherwise()
    {
        await Both("CREATE TABLE orders (id bigint PRIMARY KEY, note text)");
        await Pg.ExecAsync(Src, "INSERT INTO orders SELECT g, 'n' || g FROM generate_series(1, 50) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO orders SELECT g, 'n' || g FROM generate_series(1, 20) g");
        var config = Pg.Config(Src, Tgt, [Incremental("orders", "id")]);
        var plans = await PlanAsync(config);
        Assert.Equal(RefreshAction.Incremental, plans.Single("orders").Action);

        // Between the plan and the run, UAT gets rows above the planned watermark: the run copies from the new one.
        await Pg.ExecAsync(Tgt, "INSERT INTO orders SELECT g, 'n' || g FROM generate_series(21, 30) g");
        var session = RefreshSession.FromPlans(plans);
        var observer = new RecordingObserver();
        var results = await session.RunAsync(new RefreshRunOptions { Observers = [observer] }, Token);

        var result = results.Single("orders");
        Assert.Equal((RefreshStatus.Succeeded, 20L), (result.Status, result.RowsCopied));
        Assert.Contains("planned 20, now 30", result.Deviation, StringComparison.Ordinal);
        Assert.Contains(observer.Events, e => e is TableDecided { Deviation: not null });
        Assert.Equal(50L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM orders"));
    }

    [Fact]
    public async Task A_piped_plan_whose_table_changed_shape_since_is_refused_and_the_table_left_as_it_was()
    {
        await Both("CREATE TABLE orders (id bigint PRIMARY KEY, note text); CREATE TABLE lines (id bigint PRIMARY KEY)");
        await Pg.ExecAsync(Src, "INSERT INTO orders SELECT g, 'n' || g FROM generate_series(1, 50) g; INSERT INTO lines SELECT generate_series(1, 5)");
        var config = Pg.Config(Src, Tgt, [Full("orders"), Full("lines")]);
        var plans = await PlanAsync(config);
        await Pg.ExecAsync(Tgt, "ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu'; INSERT INTO orders VALUES (999, 'uat', 'us')");

        var results = await RefreshSession.FromPlans(plans).RunAsync(null, Token);

        var refused = results.Single("orders");
        Assert.Equal(RefreshStatus.Failed, refused.Status);
        Assert.Contains("column region", refused.Error, StringComparison.Ordinal);
        Assert.Contains("plan again", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM orders"));
        Assert.Equal(RefreshStatus.Succeeded, results.Single("lines").Status);
    }

    [Fact]
    public async Task Plans_of_two_configurations_are_refused_before_anything_runs()
    {
        await Both("CREATE TABLE a (id bigint PRIMARY KEY)");
        var one = await PlanAsync(Pg.Config(Src, Tgt, [Full("a")]));
        var other = await PlanAsync(Pg.Config(Src, Tgt, [Full("a")]) with { Files = ["/elsewhere/other.yaml"] });

        var refused = Assert.Throws<ArgumentException>(() => RefreshSession.FromPlans([.. one, .. other]));
        Assert.Contains("different configurations", refused.Message, StringComparison.Ordinal);
    }
}
