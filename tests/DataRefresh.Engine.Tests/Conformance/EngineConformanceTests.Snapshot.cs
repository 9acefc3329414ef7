using DataRefresh.Configuration;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Tests.Support;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>One view of production per run, on every engine: a later unit reads production as it was when the run started.</summary>
public abstract partial class EngineConformanceTests
{
    [Fact]
    public async Task A_later_unit_does_not_see_source_rows_committed_after_the_run_started()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE orders (id {Db.IntType} PRIMARY KEY); CREATE TABLE payments (id {Db.IntType} PRIMARY KEY)");
        if (Db.Kind == EngineKind.Sqlite)
        {
            // Production must be able to commit while the refresh reads: in rollback-journal mode a reader blocks writers.
            await Db.ExecAsync(Source, "PRAGMA journal_mode=WAL");
        }
        else if (Db.Kind == EngineKind.SqlServer)
        {
            // Without snapshot isolation there is no snapshot to share (the plan says so): see the plan tests.
            await Db.ExecAsync(Source, "ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON");
        }

        await Db.ExecAsync(Source, $"INSERT INTO orders (id) SELECT g FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Source, $"INSERT INTO payments (id) SELECT g FROM {Db.Series(1, 10)}");
        var committed = 0;
        var observer = new RecordingObserver
        {
            // While the first unit is still loading, production commits a row to each table.
            OnAnyEvent = e =>
            {
                if (e is StepFinished { Step: RefreshStep.Empty } && Interlocked.Exchange(ref committed, 1) == 0)
                {
                    Db.ExecAsync(Source, "INSERT INTO orders (id) VALUES (1000); INSERT INTO payments (id) VALUES (1000)").GetAwaiter().GetResult();
                }
            },
        };

        var (plans, results, _) = await RunAsync(Db.Config([Full("orders"), Full("payments")]), observer);

        Assert.NotEqual(plans.Single("orders").Unit, plans.Single("payments").Unit);
        Assert.All(results, r => Assert.True(r.Status == RefreshStatus.Succeeded, r.Error));
        Assert.Equal(1, committed);
        Assert.Equal(0L, Convert.ToInt64(await Db.ScalarAsync(Target, "SELECT count(*) FROM orders WHERE id = 1000"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(await Db.ScalarAsync(Target, "SELECT count(*) FROM payments WHERE id = 1000"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(20L, Convert.ToInt64(await Db.ScalarAsync(Target, "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM payments)"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_plan_warns_when_production_is_read_with_locking_reads()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE orders (id {Db.IntType} PRIMARY KEY)");
        if (Db.Kind == EngineKind.SqlServer)
        {
            await Db.ExecAsync(Source, "ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION OFF");
        }

        var plans = await Planning.Planner.PlanAsync(Db.Config([Full("orders")]), null, CancellationToken.None);

        var warnings = plans.Single("orders").Warnings;
        if (Db.Kind == EngineKind.SqlServer)
        {
            Assert.Contains(warnings, w => w.Contains("ALLOW_SNAPSHOT_ISOLATION OFF", StringComparison.Ordinal) && w.Contains("READ COMMITTED", StringComparison.Ordinal));
        }
        else
        {
            Assert.DoesNotContain(warnings, w => w.Contains("snapshot isolation", StringComparison.Ordinal));
        }
    }
}
