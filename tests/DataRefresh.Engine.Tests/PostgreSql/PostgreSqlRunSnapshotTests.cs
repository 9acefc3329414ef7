using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>One view of production per run: every unit reads the source as it was when the run started.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlRunSnapshotTests : PostgresTestBase
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_later_unit_does_not_see_source_rows_committed_after_the_run_started(int throttle)
    {
        await Both("CREATE TABLE orders (id bigint PRIMARY KEY); CREATE TABLE payments (id bigint PRIMARY KEY)");
        await Pg.ExecAsync(Src, "INSERT INTO orders SELECT generate_series(1, 10); INSERT INTO payments SELECT generate_series(1, 10)");
        var committed = 0;
        var observer = new RecordingObserver
        {
            // While the first unit is still loading, production commits a row to each table.
            OnAnyEvent = e =>
            {
                if (e is StepFinished { Step: RefreshStep.Empty } && Interlocked.Exchange(ref committed, 1) == 0)
                {
                    Pg.ExecAsync(Src, "INSERT INTO orders VALUES (1000); INSERT INTO payments VALUES (1000)").GetAwaiter().GetResult();
                }
            },
        };

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("orders"), Full("payments")]), observer, throttle);

        Assert.All(results, r => Assert.True(r.Status == RefreshStatus.Succeeded, r.Error));
        Assert.Equal(1, committed);
        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM orders WHERE id = 1000"));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM payments WHERE id = 1000"));
        Assert.Equal(20L, await Pg.ScalarAsync<long>(Tgt, "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM payments)"));
    }
}
