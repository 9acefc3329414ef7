using System.Globalization;
using DataRefresh.Configuration;
using DataRefresh.Execution;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>SQL Server: staging reproduces the target exactly, and TRUNCATE gives way to DELETE where SQL Server refuses it.</summary>
public sealed partial class SqlServerConformanceTests
{
    /// <summary>
    /// The same table twice, one refreshed by simple_copy and one by staging_partition_switch: identity NOT FOR
    /// REPLICATION, ROWGUIDCOL, sparse columns, PAGE/ROW compression, a CHECK NOT FOR REPLICATION, and UAT-only columns
    /// filled by their DEFAULTs (staging without the defaults would refuse the NOT NULL one).
    /// </summary>
    [Fact]
    public Task Staging_gives_the_same_rows_as_simple_copy_on_a_table_with_defaults_compression_rowguidcol_sparse_columns_and_not_for_replication() =>
        StagedEqualsSimpleAsync(columnSet: false);

    /// <summary>The same with a column set over the sparse columns (staging creates it; SWITCH requires it).</summary>
    [Fact(Skip = "bug (from SqlClient's source, not run here: no SQL Server): SqlBulkCopy reads the destination's columns with SELECT *, which on a table with a column set returns the column set instead of the sparse columns, so SqlServerEngine.CopyAsync's by-name mappings of the sparse columns fail in simple_copy and in staging's load alike; copying the column set instead of its sparse columns would fix both")]
    public Task Staging_gives_the_same_rows_as_simple_copy_on_a_table_with_a_sparse_column_set() =>
        StagedEqualsSimpleAsync(columnSet: true);

    private async Task StagedEqualsSimpleAsync(bool columnSet)
    {
        string Create(string table, bool uat) => $"""
            CREATE TABLE {table} (
                id int IDENTITY(1,1) NOT FOR REPLICATION NOT NULL,
                rg uniqueidentifier ROWGUIDCOL NOT NULL CONSTRAINT df_{table}_rg DEFAULT (NEWSEQUENTIALID()),
                status nvarchar(10) NOT NULL CONSTRAINT df_{table}_status DEFAULT (N'new'),
                color nvarchar(20) SPARSE NULL,
                size int SPARSE NULL,
                {(columnSet ? "attrs xml COLUMN_SET FOR ALL_SPARSE_COLUMNS," : "")}
                {(uat ? $"uat_note nvarchar(30) NOT NULL CONSTRAINT df_{table}_note DEFAULT (N'filled by the default'), uat_level int NULL CONSTRAINT df_{table}_level DEFAULT (7)," : "")}
                CONSTRAINT pk_{table} PRIMARY KEY CLUSTERED (id) WITH (DATA_COMPRESSION = PAGE),
                CONSTRAINT ck_{table}_status CHECK NOT FOR REPLICATION (LEN(status) > 0));
            CREATE INDEX ix_{table}_status ON {table} (status) WITH (DATA_COMPRESSION = ROW);
            """;

        foreach (var table in new[] { "orders_simple", "orders_staged" })
        {
            await Db.ExecAsync(DatabaseSide.Source, Create(table, uat: false));
            await Db.ExecAsync(DatabaseSide.Target, Create(table, uat: true));
            await Db.ExecAsync(DatabaseSide.Source, $"""
                INSERT INTO {table} (rg, status, color, size)
                SELECT CAST(HASHBYTES('MD5', CAST(g AS varchar(10))) AS uniqueidentifier), CASE g % 3 WHEN 0 THEN N'open' WHEN 1 THEN N'paid' ELSE N'shipped' END,
                       CASE WHEN g % 4 = 0 THEN CONCAT(N'colour ', g) END, CASE WHEN g % 5 = 0 THEN g END
                FROM {Db.Series(1, 300)}
                """);
            await Db.ExecAsync(DatabaseSide.Target, $"INSERT INTO {table} (status, uat_note) VALUES (N'stale', N'UAT row')");
        }

        var (plans, results, _) = await RunAsync(Db.Config([Full("orders_simple"), Full("orders_staged") with { Strategy = RefreshStrategy.StagingPartitionSwitch }]));

        Assert.All(results, r => Assert.Equal((RefreshStatus.Succeeded, 300L, 1L), (r.Status, r.RowsCopied, r.RowsDeleted)));
        Assert.Contains(plans.Single("orders_staged").Steps, s => s.Contains("UPDATE STATISTICS", StringComparison.Ordinal));
        var simple = await Db.DumpAsync(DatabaseSide.Target, "orders_simple", "id");
        Assert.Equal(simple, await Db.DumpAsync(DatabaseSide.Target, "orders_staged", "id"));
        Assert.All(simple, row => Assert.EndsWith("|'filled by the default'|7", row, StringComparison.Ordinal));

        // The switched-in rows keep the target's compression, and the statistics describe them, not the UAT row.
        Assert.Equal("PAGE", await Db.ScalarAsync(DatabaseSide.Target, "SELECT data_compression_desc FROM sys.partitions WHERE object_id = OBJECT_ID(N'orders_staged') AND index_id = 1"));
        Assert.Equal(300L, Convert.ToInt64(await Db.ScalarAsync(DatabaseSide.Target, "SELECT sp.rows FROM sys.stats AS s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) AS sp WHERE s.object_id = OBJECT_ID(N'orders_staged') AND s.name = N'pk_orders_staged'"), CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(await Db.ScalarAsync(DatabaseSide.Target, "SELECT COUNT_BIG(*) FROM sys.tables WHERE name LIKE N'\\_dr\\_stage\\_%' ESCAPE N'\\'"), CultureInfo.InvariantCulture));
    }

    /// <summary>SQL Server refuses TRUNCATE on a table an indexed view is built on (no CDC here): the plan says DELETE and why, and the run deletes.</summary>
    [Fact]
    public async Task A_table_under_an_indexed_view_is_emptied_with_DELETE_and_the_plan_says_why()
    {
        foreach (var side in new[] { DatabaseSide.Source, DatabaseSide.Target })
        {
            await Db.ExecAsync(side, "CREATE TABLE tally (id int PRIMARY KEY, status nvarchar(10) NOT NULL)");
        }

        await Db.ExecAsync(DatabaseSide.Target, "CREATE VIEW dbo.v_tally WITH SCHEMABINDING AS SELECT status, COUNT_BIG(*) AS n FROM dbo.tally GROUP BY status");
        await Db.ExecAsync(DatabaseSide.Target, "CREATE UNIQUE CLUSTERED INDEX ix_v_tally ON dbo.v_tally (status)");
        await Db.ExecAsync(DatabaseSide.Source, $"INSERT INTO tally (id, status) SELECT g, CASE WHEN g % 2 = 0 THEN N'even' ELSE N'odd' END FROM {Db.Series(1, 500)}");
        await Db.ExecAsync(DatabaseSide.Target, "INSERT INTO tally (id, status) VALUES (9999, N'stale')");
        Assert.Equal(0, Convert.ToInt32(await Db.ScalarAsync(DatabaseSide.Target, "SELECT CAST(is_tracked_by_cdc AS int) FROM sys.tables WHERE name = N'tally'"), CultureInfo.InvariantCulture));

        var (plans, results, _) = await RunAsync(Db.Config([Full("tally")]));

        Assert.Contains("truncate_target: indexed view dbo.v_tally is built on the table, so it is emptied with DELETE instead of TRUNCATE", plans.Single("tally").Warnings);
        Assert.Equal((RefreshStatus.Succeeded, 500L, 1L), (results.Single("tally").Status, results.Single("tally").RowsCopied, results.Single("tally").RowsDeleted));
        Assert.Equal(await Db.DumpAsync(DatabaseSide.Source, "tally", "id"), await Db.DumpAsync(DatabaseSide.Target, "tally", "id"));
        Assert.Equal(2L, Convert.ToInt64(await Db.ScalarAsync(DatabaseSide.Target, "SELECT COUNT_BIG(*) FROM dbo.v_tally WITH (NOEXPAND)"), CultureInfo.InvariantCulture));
    }
}
