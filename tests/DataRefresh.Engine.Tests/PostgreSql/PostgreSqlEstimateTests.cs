using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>The batched estimate the dashboard reads (one query for every table) gives the planner's single estimate of each, partitioned tables too.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlEstimateTests : PostgresTestBase
{
    [Fact]
    public async Task Batched_estimates_equal_the_single_estimate_before_and_after_analyse_partitioned_tables_included()
    {
        await Pg.ExecAsync(Src, """
            CREATE TABLE plain (id int PRIMARY KEY);
            CREATE TABLE never_analysed (id int PRIMARY KEY);
            CREATE TABLE parted (id int NOT NULL, PRIMARY KEY (id)) PARTITION BY RANGE (id);
            CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (1) TO (1001);
            CREATE TABLE parted_2 PARTITION OF parted FOR VALUES FROM (1001) TO (3001);
            CREATE SCHEMA "Other Schema";
            CREATE TABLE "Other Schema"."Mixed Case" (id int PRIMARY KEY);
            INSERT INTO plain SELECT generate_series(1, 5000);
            INSERT INTO never_analysed SELECT generate_series(1, 42);
            INSERT INTO parted SELECT generate_series(1, 2500);
            INSERT INTO "Other Schema"."Mixed Case" SELECT generate_series(1, 3);
            ANALYZE plain;
            """);
        var config = Pg.Config(Src, Tgt, [Full("plain"), Full("never_analysed"), Full("parted"), Full("\"Other Schema\".\"Mixed Case\"")]);
        var engine = EngineRegistry.For(config.Source.Engine);
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await engine.OpenAsync(config.Source, ConnectionPurpose.Inspect, config.Settings, "test", ct);
        var catalog = await engine.ReadCatalogAsync(connection, ct);
        var names = config.Tables.Select(t => catalog.Resolve(TableName.Parse(t.Name))!).ToList();
        var missing = new QualifiedName("public", "no_such_table");

        async Task AssertSameAsSingle()
        {
            var batch = await engine.EstimateRowsAsync(connection, [.. names, missing], ct);
            Assert.Equal(names.Count, batch.Count);
            foreach (var name in names)
            {
                Assert.Equal(await engine.EstimateRowsAsync(connection, name, null, ct), batch[name]);
            }
        }

        // Partitioned parent never analysed (reltuples -1): both count it; plain reads its statistics.
        await AssertSameAsSingle();
        Assert.Equal(2500L, (await engine.EstimateRowsAsync(connection, names, ct))[names[2]]);
        Assert.Equal(42L, (await engine.EstimateRowsAsync(connection, names, ct))[names[1]]);

        // The leaves analysed, then the parent itself (PostgreSQL 14+ keeps a partitioned table's reltuples).
        await Pg.ExecAsync(Src, "ANALYZE parted_1; ANALYZE parted_2");
        await AssertSameAsSingle();
        await Pg.ExecAsync(Src, "ANALYZE parted; ANALYZE never_analysed; ANALYZE \"Other Schema\".\"Mixed Case\"");
        await AssertSameAsSingle();
        Assert.Equal(2500L, (await engine.EstimateRowsAsync(connection, names, ct))[names[2]]);
    }
}
