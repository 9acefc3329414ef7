using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Engines.SqlServer;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;

namespace DataRefresh.Tests.SqlServer;

/// <summary>
/// Bounds typed like their columns, against a live SQL Server (skipped without one), and what the server reports
/// about itself for the same-database guard.
/// </summary>
[Trait("Category", "SqlServer")]
[Collection(SqlServerCollectionDefinition.Name)]
public sealed class SqlServerTypedBoundTests(SqlServerInstance instance)
{
    /// <summary>An nvarchar parameter against a varchar column under a SQL collation converts every row: a scan.</summary>
    [Fact]
    public async Task A_varchar_watermark_seeks_the_index()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SqlServerServer.CreateAsync(instance);
        var db = await server.CreateDatabaseAsync("typed");
        await server.ExecAsync(db, "CREATE TABLE dbo.codes (code varchar(10) COLLATE SQL_Latin1_General_CP1_CI_AS NOT NULL PRIMARY KEY, n int NOT NULL)");
        await server.ExecAsync(db, "INSERT INTO dbo.codes (code, n) SELECT CONCAT('C', RIGHT(CONCAT('00000', g), 5)), g FROM (SELECT TOP (5000) CAST(ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS int) AS g FROM sys.all_columns AS a CROSS JOIN sys.all_columns AS b) AS n");
        var engine = new SqlServerEngine();
        var config = server.Config(db, db + "_never_opened", [new TableConfig { Name = "dbo.codes" }]);
        await using var connection = await engine.OpenAsync(config.Source, ConnectionPurpose.Source, config.Settings, "DataRefresh run test", ct);

        var count = await engine.CountAsync(connection, null, new QualifiedName("dbo", "codes"), new RowFilter("code", FilterOperator.Greater, "C04990", "varchar(10)"), ct);

        Assert.Equal(10, count);
        var plan = (string?)await server.ScalarAsync(db, """
            SELECT TOP (1) CAST(qp.query_plan AS nvarchar(max))
            FROM sys.dm_exec_cached_plans AS cp
            CROSS APPLY sys.dm_exec_sql_text(cp.plan_handle) AS st
            CROSS APPLY sys.dm_exec_query_plan(cp.plan_handle) AS qp
            WHERE CHARINDEX(N'FROM [dbo].[codes] WHERE [code] > @bound', st.text) > 0
            """);
        Assert.NotNull(plan);
        Assert.Contains("Index Seek", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("CONVERT_IMPLICIT", plan, StringComparison.Ordinal);
    }

    /// <summary>Sent as datetime, 23:59:59.9999999 rounds to midnight and lands in the next day's partition.</summary>
    [Fact]
    public async Task A_datetime2_bound_finds_its_own_partition_not_the_next_days()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SqlServerServer.CreateAsync(instance);
        var source = await server.CreateDatabaseAsync("src");
        var target = await server.CreateDatabaseAsync("tgt");
        await server.ExecAsync(source, "CREATE TABLE dbo.events (d datetime2(7) NOT NULL, id int NOT NULL, CONSTRAINT pk_events PRIMARY KEY CLUSTERED (d, id))");
        await server.ExecAsync(target, "CREATE PARTITION FUNCTION pf_day (datetime2(7)) AS RANGE RIGHT FOR VALUES ('2024-06-01', '2024-06-02')");
        await server.ExecAsync(target, "CREATE PARTITION SCHEME ps_day AS PARTITION pf_day ALL TO ([PRIMARY])");
        await server.ExecAsync(target, "CREATE TABLE dbo.events (d datetime2(7) NOT NULL, id int NOT NULL, CONSTRAINT pk_events PRIMARY KEY CLUSTERED (d, id) ON ps_day (d))");
        var engine = new SqlServerEngine();
        var config = server.Config(source, target, [new TableConfig { Name = "dbo.events" }]);
        await using var s = await engine.OpenAsync(config.Source, ConnectionPurpose.Source, config.Settings, "DataRefresh run test", ct);
        await using var t = await engine.OpenAsync(config.Target, ConnectionPurpose.Inspect, config.Settings, "DataRefresh run test", ct);
        var table = new QualifiedName("dbo", "events");
        var bound = new RowFilter("d", FilterOperator.GreaterOrEqual, new DateTime(2024, 5, 31, 23, 59, 59).AddTicks(9_999_999), "datetime2(7)");

        var preflight = await engine.Staging!.PreflightAsync(s, t, await engine.ReadTableAsync(s, table, ct), await engine.ReadTableAsync(t, table, ct), RefreshAction.Incremental, bound, bound, null, 1, ct);

        Assert.Empty(preflight.Blockers);
        Assert.Contains(preflight.Steps, step => step.StartsWith("partition 1 (it holds the bound)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_standalone_server_reports_its_name_and_no_availability_group()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SqlServerServer.CreateAsync(instance);
        var db = await server.CreateDatabaseAsync("ident");
        var engine = new SqlServerEngine();
        var config = server.Config(db, db, [new TableConfig { Name = "x" }]);
        await using var connection = await engine.OpenAsync(config.Source, ConnectionPurpose.Source, config.Settings, "DataRefresh run test", ct);

        var identity = await engine.IdentifyAsync(connection, ct);

        var expected = ((string)(await server.ScalarAsync("master", "SELECT CAST(SERVERPROPERTY('ServerName') AS nvarchar(256))"))!).ToUpperInvariant();
        Assert.Equal((expected, db.ToUpperInvariant(), (string?)null), (identity.Server, identity.Database, identity.ReplicaOf));
        Assert.Equal("both report " + expected + "/" + db.ToUpperInvariant(), SameDatabase.Reported(identity, identity));
    }
}
