using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Staging;

/// <summary>Staging tables of one run: each unit names its own, so parallel units in one schema never meet.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlStagingNameTests : PostgresTestBase
{
    [Fact]
    public async Task Two_staged_tables_in_one_schema_load_side_by_side_with_throttle_limit_2()
    {
        await Both("CREATE TABLE facts_a (id bigint PRIMARY KEY, payload text); CREATE TABLE facts_b (id bigint PRIMARY KEY, payload text)");
        await Pg.ExecAsync(Src, "INSERT INTO facts_a SELECT g, md5(g::text) FROM generate_series(1, 200000) g; INSERT INTO facts_b SELECT g, md5(g::text) FROM generate_series(1, 150000) g");
        var stagedA = Full("facts_a") with { Strategy = RefreshStrategy.StagingPartitionSwitch, BatchSize = 10000 };
        var stagedB = Full("facts_b") with { Strategy = RefreshStrategy.StagingPartitionSwitch, BatchSize = 10000 };

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [stagedA, stagedB]), throttle: 2);

        Assert.All(results, r => Assert.True(r.Status == RefreshStatus.Succeeded, $"{r.Table}: {r.Status} {r.Error}"));
        Assert.Equal(200000L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM facts_a"));
        Assert.Equal(150000L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM facts_b"));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM pg_class WHERE relname LIKE '\\_dr\\_stage\\_%'"));
    }
}
