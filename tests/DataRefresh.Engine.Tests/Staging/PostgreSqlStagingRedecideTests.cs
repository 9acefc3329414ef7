using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Staging;

/// <summary>
/// A staged table whose action the run would decide differently from the plan (the target changed in between) is
/// refused: the strategy's pre-flight only checked the planned action.
/// </summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlStagingRedecideTests : PostgresTestBase
{
    [Fact]
    public async Task A_staged_table_planned_full_that_the_run_finds_filled_is_refused_and_left_as_it_is()
    {
        await Both("CREATE TABLE facts (id bigint PRIMARY KEY, payload text)");
        await Pg.ExecAsync(Src, "INSERT INTO facts SELECT g, 'new' FROM generate_series(1, 100) g");
        var table = Smart("facts", "id", IncrementalType.Identity, fallback: false) with { Strategy = RefreshStrategy.StagingPartitionSwitch };
        var config = Pg.Config(Src, Tgt, [table]);
        var plans = await PlanAsync(config);
        Assert.Equal(RefreshAction.Full, plans.Single().Action);

        // Between plan and run, someone fills the target: smart_sync would now choose incremental.
        await Pg.ExecAsync(Tgt, "INSERT INTO facts SELECT g, 'old' FROM generate_series(1, 40) g");
        var results = await new RefreshRunner(config, new RecordingObserver()).RunAsync(plans, 1, TestContext.Current.CancellationToken);

        var result = results.Single();
        Assert.Equal(RefreshStatus.Failed, result.Status);
        Assert.Contains("planned Full", result.Error, StringComparison.Ordinal);
        Assert.Equal(40L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM facts WHERE payload = 'old'"));
        Assert.Equal(40L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM facts"));
    }
}
