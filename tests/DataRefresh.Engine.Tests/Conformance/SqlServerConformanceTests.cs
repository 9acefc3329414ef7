using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>
/// The conformance suite against SQL Server: DATAREFRESH_TEST_SQLSERVER, else SQL Server 2022 in a container
/// when a Docker engine answers, else skipped (see Support/SqlServerServer.cs for how to run it).
/// </summary>
[Trait("Category", "SqlServer")]
[Collection(SqlServerCollectionDefinition.Name)]
public sealed partial class SqlServerConformanceTests(SqlServerInstance instance) : EngineConformanceTests
{
    protected override async Task<IConformanceTarget> CreateTargetAsync() => await SqlServerTarget.CreateAsync(instance);

    /// <summary>Compare-TableState's canonical forms on SQL Server (values the server's own = calls equal included: offset, trailing space, case).</summary>
    protected override IReadOnlyDictionary<string, CanonicalCase> CanonicalCases { get; } = new Dictionary<string, CanonicalCase>
    {
        ["timestamp microsecond"] = new("datetime2(6)", "'2024-01-01 12:00:00.000001'", "'2024-01-01 12:00:00.000002'"),
        ["datetime2 100 ns"] = new("datetime2(7)", "'2024-01-01 12:00:00.0000001'", "'2024-01-01 12:00:00.0000002'"),
        ["time zone"] = new("datetimeoffset(7)", "'2024-06-01 12:00:00 +02:00'", "'2024-06-01 13:00:00 +03:00'"),
        ["NULL vs empty"] = new("nvarchar(20)", "NULL", "N''"),
        ["empty vs 'NULL'"] = new("nvarchar(20)", "N''", "N'NULL'"),
        ["NULL vs 'NULL'"] = new("nvarchar(20)", "NULL", "N'NULL'"),
        ["trailing space"] = new("nvarchar(20)", "N'abc'", "N'abc '"),
        ["case under a case-insensitive collation"] = new("nvarchar(20) COLLATE Latin1_General_CI_AS", "N'Abc'", "N'abc'"),
        ["one byte of binary"] = new("varbinary(16)", "0x00010203", "0x00010303"),
    };

    protected override string? KnownBug(string test) =>
        test == nameof(Staging_strategy_gives_the_same_rows_as_simple_copy_for_a_full_refresh_and_a_buffered_window)
            ? "on SQL Server a staged incremental refresh switches partitions and needs a target partitioned on the incremental column; this engine-neutral table is not partitioned (SQL Server's staging has its own tests)"
            : null;

    private const string FidelityColumns =
        "c_bit, c_tinyint, c_smallint, c_int, c_bigint, c_decimal, c_money, c_float, c_real, c_date, c_time, c_datetime, c_datetime2, c_dto, " +
        "c_char, c_varchar, c_varchar_max, c_nchar, c_nvarchar, c_nvarchar_max, c_varbinary_max, c_guid, c_xml, c_variant";

    protected override FidelityCase Fidelity => new(
        "fidelity",
        """
        CREATE TABLE fidelity (
            id int IDENTITY(1,1) PRIMARY KEY,
            c_bit bit NULL, c_tinyint tinyint NULL, c_smallint smallint NULL, c_int int NULL, c_bigint bigint NULL,
            c_decimal decimal(38,10) NULL, c_money money NULL, c_float float NULL, c_real real NULL,
            c_date date NULL, c_time time(7) NULL, c_datetime datetime NULL, c_datetime2 datetime2(7) NULL, c_dto datetimeoffset NULL,
            c_char char(10) NULL, c_varchar varchar(50) NULL, c_varchar_max varchar(max) NULL,
            c_nchar nchar(10) NULL, c_nvarchar nvarchar(50) NULL, c_nvarchar_max nvarchar(max) NULL,
            c_varbinary_max varbinary(max) NULL, c_guid uniqueidentifier NULL, c_xml xml NULL, c_variant sql_variant NULL,
            doubled AS (CAST(c_int AS bigint) * 2) PERSISTED)
        """,
        [
            // Minimums and empties.
            $"""
            INSERT INTO fidelity ({FidelityColumns}) VALUES (
                0, 0, -32768, -2147483648, -9223372036854775808,
                -9999999999999999999999999999.9999999999, -922337203685477.5808, -1.79E+308, -3.40E+38,
                '0001-01-01', '00:00:00', '1753-01-01T00:00:00', '0001-01-01T00:00:00', '0001-01-01T00:00:00+00:00',
                '', '', '', N'', N'', N'', 0x, '00000000-0000-0000-0000-000000000000', N'', CAST(-2147483648 AS int))
            """,

            // Maximums, unicode beyond the BMP, big values.
            $"""
            INSERT INTO fidelity ({FidelityColumns}) VALUES (
                1, 255, 32767, 2147483647, 9223372036854775807,
                9999999999999999999999999999.9999999999, 922337203685477.5807, 1.79E+308, 3.40E+38,
                '9999-12-31', '23:59:59.9999999', '9999-12-31T23:59:59.997', '9999-12-31T23:59:59.9999999', '9999-12-31T23:59:59.9999999+00:00',
                'abcdefghij', REPLICATE('x', 50), REPLICATE(CAST('long text ' AS varchar(max)), 100000),
                N'日本語😀', N'ünïcødé ✓ 日本語 😀 𝄞', REPLICATE(CAST(N'ü✓日本😀' AS nvarchar(max)), 200000),
                CAST(REPLICATE(CAST('ab' AS varchar(max)), 1500000) AS varbinary(max)), 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
                N'<root a="1"><ü>日本 &amp; "q"</ü><![CDATA[x<y]]><empty/></root>', CAST(9223372036854775807 AS bigint))
            """,

            // Smallest magnitudes, offsets at both ends, characters that need escaping.
            $"""
            INSERT INTO fidelity ({FidelityColumns}) VALUES (
                NULL, 1, -1, 0, -1,
                0.0000000001, 0.0001, 2.23E-308, 1.18E-38,
                '2024-02-29', '12:34:56.1234567', '2024-02-29T12:34:56.123', '2024-02-29T12:34:56.1234567', '2024-06-30T23:59:59.1234567-14:00',
                'a', CONCAT('tab', CHAR(9), 'nl', CHAR(10), '''q'' "d" \ ;--'), CHAR(0), N'ü', CONCAT(N'cr', NCHAR(13), N'lf', NCHAR(10)), NCHAR(0),
                0x00, '12345678-1234-1234-1234-123456789ABC', N'<a/>', CAST(N'ünï 日本' AS nvarchar(20)))
            """,

            // Every column NULL.
            "INSERT INTO fidelity (c_int) VALUES (NULL)",

            // Many ordinary rows, each base type of sql_variant that SqlBulkCopy is known to keep.
            $"""
            INSERT INTO fidelity ({FidelityColumns})
            SELECT g % 2, g % 256, g - 1000, g * 1000, CAST(g AS bigint) * 1000000007,
                   CAST(g AS decimal(38,10)) * 1234567.0123456789, g * 1.2345, g / 7.0E0, CAST(g / 3.0E0 AS real),
                   DATEADD(day, g, CAST('2020-02-29' AS date)), DATEADD(second, g, CAST('12:00:00.1234567' AS time(7))),
                   DATEADD(minute, g, CAST('2024-01-01T00:00:00.003' AS datetime)), DATEADD(microsecond, g * 1234, CAST('2024-01-01T00:00:00.1234567' AS datetime2(7))),
                   DATEADD(hour, g, CAST('2024-06-30T23:59:59.9999999+02:00' AS datetimeoffset)),
                   CONCAT('c', g % 10), CONCAT('v', g), CASE WHEN g % 5 = 0 THEN NULL WHEN g % 5 = 1 THEN '' ELSE CONCAT('text ', g) END,
                   NCHAR(0x00E0 + g % 20), CONCAT(N'ünï ', g), CASE g % 3 WHEN 0 THEN NULL WHEN 1 THEN N'' ELSE CONCAT(N'日本語 ', g, NCHAR(10), N'"q"') END,
                   CASE WHEN g % 4 = 0 THEN NULL ELSE CAST(CONCAT('bin', g) AS varbinary(max)) END,
                   CAST(HASHBYTES('MD5', CAST(g AS varchar(10))) AS uniqueidentifier),
                   CASE WHEN g % 7 = 0 THEN NULL ELSE CAST(CONCAT(N'<r g="', g, N'">ü</r>') AS xml) END,
                   CASE g % 9
                       WHEN 0 THEN CAST(g AS sql_variant) WHEN 1 THEN CAST(CAST(g AS bigint) * 100000000000 AS sql_variant)
                       WHEN 2 THEN CAST(CONCAT(N'v', g) AS sql_variant) WHEN 3 THEN CAST(g / 7.0E0 AS sql_variant)
                       WHEN 4 THEN CAST(CAST(g % 2 AS bit) AS sql_variant) WHEN 5 THEN CAST(CAST(HASHBYTES('MD5', CAST(g AS varchar(10))) AS uniqueidentifier) AS sql_variant)
                       WHEN 6 THEN CAST(CAST(CONCAT('b', g) AS varbinary(20)) AS sql_variant) WHEN 7 THEN CAST(DATEADD(minute, g, CAST('2024-01-01' AS datetime)) AS sql_variant)
                       ELSE NULL END
            FROM (SELECT TOP (2000) CAST(ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS int) AS g FROM sys.all_objects AS a CROSS JOIN sys.all_objects AS b) AS series
            """,
        ],
        "INSERT INTO fidelity (c_int, c_nvarchar) VALUES (-1, N'stale UAT row')",
        2004,
        ["doubled"]);

    private const string PartitionedDaily = """
        CREATE PARTITION FUNCTION pf_daily (date) AS RANGE RIGHT FOR VALUES ('2024-02-01', '2024-03-01', '2024-04-01');
        CREATE PARTITION SCHEME ps_daily AS PARTITION pf_daily ALL TO ([PRIMARY]);
        CREATE TABLE daily (report_date date NOT NULL, region nvarchar(20) NOT NULL, revenue decimal(12,2) NULL,
            CONSTRAINT pk_daily PRIMARY KEY CLUSTERED (report_date, region) ON ps_daily (report_date)) ON ps_daily (report_date);
        CREATE NONCLUSTERED INDEX ix_daily_region ON daily (region) INCLUDE (revenue) ON ps_daily (report_date);
        """;

    private const string DailyRows = """
        INSERT INTO daily (report_date, region, revenue)
        SELECT DATEADD(day, n.g, '2024-01-01'), r.region, 100
        FROM (SELECT TOP (121) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) - 1 AS g FROM sys.all_objects) AS n
        CROSS JOIN (VALUES (N'north'), (N'south')) AS r (region)
        """;

    [Fact]
    public async Task Staging_switches_only_the_partitions_an_incremental_window_touches()
    {
        foreach (var side in new[] { DatabaseSide.Source, DatabaseSide.Target })
        {
            await Db.ExecAsync(side, PartitionedDaily);
            await Db.ExecAsync(side, DailyRows);
        }

        await Db.ExecAsync(DatabaseSide.Source, "UPDATE daily SET revenue = 555 WHERE report_date IN ('2024-03-25', '2024-01-10')");
        var table = Incremental("daily", "report_date", IncrementalType.Date, buffer: 40) with { Strategy = RefreshStrategy.StagingPartitionSwitch };

        var (plans, results, _) = await RunAsync(Db.Config([table]));

        Assert.Contains("SWITCH PARTITION", string.Join(" ", plans.Single("daily").Steps), StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Succeeded, results.Single("daily").Status);
        Assert.Equal(555m, Convert.ToDecimal(await Db.ScalarAsync(DatabaseSide.Target, "SELECT revenue FROM daily WHERE report_date = '2024-03-25' AND region = N'north'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(100m, Convert.ToDecimal(await Db.ScalarAsync(DatabaseSide.Target, "SELECT revenue FROM daily WHERE report_date = '2024-01-10' AND region = N'north'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(242L, Convert.ToInt64(await Db.ScalarAsync(DatabaseSide.Target, "SELECT COUNT_BIG(*) FROM daily"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(await Db.ScalarAsync(DatabaseSide.Target, "SELECT COUNT_BIG(*) FROM sys.tables WHERE name LIKE N'\\_dr\\_stage\\_%' ESCAPE N'\\'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Staging_switches_a_whole_plain_table_in_and_out()
    {
        await Db.ExecAsync(DatabaseSide.Source, "CREATE TABLE facts (id int IDENTITY(1,1) PRIMARY KEY, payload nvarchar(40) NOT NULL, CONSTRAINT ck_payload CHECK (LEN(payload) > 0)); CREATE INDEX ix_payload ON facts (payload)");
        await Db.ExecAsync(DatabaseSide.Target, "CREATE TABLE facts (id int IDENTITY(1,1) PRIMARY KEY, payload nvarchar(40) NOT NULL, CONSTRAINT ck_payload CHECK (LEN(payload) > 0)); CREATE INDEX ix_payload ON facts (payload)");
        await Db.ExecAsync(DatabaseSide.Source, "INSERT INTO facts (payload) SELECT TOP (5000) CONVERT(nvarchar(40), NEWID()) FROM sys.all_objects a CROSS JOIN sys.all_objects b");
        await Db.ExecAsync(DatabaseSide.Target, "INSERT INTO facts (payload) VALUES (N'old')");

        var (_, results, _) = await RunAsync(Db.Config([Full("facts") with { Strategy = RefreshStrategy.StagingPartitionSwitch }]));

        Assert.Equal((RefreshStatus.Succeeded, 5000L, 1L), (results[0].Status, results[0].RowsCopied, results[0].RowsDeleted));
        Assert.Equal(await Db.DumpAsync(DatabaseSide.Source, "facts", "id"), await Db.DumpAsync(DatabaseSide.Target, "facts", "id"));
        Assert.Equal(0L, Convert.ToInt64(await Db.ScalarAsync(DatabaseSide.Target, "SELECT COUNT_BIG(*) FROM sys.tables WHERE name LIKE N'\\_dr\\_stage\\_%' ESCAPE N'\\'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_hierarchyid_column_blocks_the_table_in_the_plan_with_a_clear_message()
    {
        await Db.ExecAsync(DatabaseSide.Source, "CREATE TABLE org (id int PRIMARY KEY, node hierarchyid NULL, name nvarchar(50) NULL); INSERT INTO org VALUES (1, hierarchyid::GetRoot(), N'root'), (2, CAST('/1/' AS hierarchyid), N'child')");
        await Db.ExecAsync(DatabaseSide.Target, "CREATE TABLE org (id int PRIMARY KEY, node hierarchyid NULL, name nvarchar(50) NULL); INSERT INTO org VALUES (9, CAST('/9/' AS hierarchyid), N'uat')");

        var (plans, results, _) = await RunAsync(Db.Config([Full("org")]));

        // Same type on both sides, but hierarchyid (like geometry and geography) is on SqlServerTypes' unsupported list.
        var plan = plans.Single("org");
        Assert.Equal(RefreshAction.Skip, plan.Action);
        Assert.Contains("column node: type hierarchyid is not supported by DataRefresh", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("exclude the table or convert the column", plan.Reason, StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Skipped, results.Single("org").Status);

        // SqlClient cannot read hierarchyid without Microsoft.SqlServer.Types, so the check is done in the server.
        Assert.Equal(1L, Convert.ToInt64(await Db.ScalarAsync(DatabaseSide.Target, "SELECT COUNT(*) FROM org WHERE id = 9 AND node = CAST('/9/' AS hierarchyid) AND name = N'uat'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(await Db.ScalarAsync(DatabaseSide.Target, "SELECT COUNT(*) FROM org"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_next_value_for_default_and_a_sequence_shared_with_a_table_outside_the_run_move_past_every_column_using_them()
    {
        foreach (var side in new[] { DatabaseSide.Source, DatabaseSide.Target })
        {
            await Db.ExecAsync(side, "CREATE SCHEMA billing");
            await Db.ExecAsync(side, """
                CREATE SEQUENCE billing.[Order Numbers] AS bigint START WITH 1 INCREMENT BY 1;
                CREATE TABLE orders (order_id bigint NOT NULL CONSTRAINT df_orders DEFAULT (NEXT VALUE FOR billing.[Order Numbers]) PRIMARY KEY, note nvarchar(50) NULL);
                CREATE TABLE archive_orders (order_id bigint NOT NULL DEFAULT (NEXT VALUE FOR billing.[Order Numbers]) PRIMARY KEY, note nvarchar(50) NULL);
                CREATE SEQUENCE countdown AS int START WITH -1 INCREMENT BY -1 MINVALUE -1000000 MAXVALUE -1;
                CREATE TABLE countdown_rows (id int NOT NULL DEFAULT (NEXT VALUE FOR countdown) PRIMARY KEY, note nvarchar(50) NULL);
                """);
        }

        await Db.ExecAsync(DatabaseSide.Source, $"INSERT INTO orders (note) SELECT N'prod' FROM {Db.Series(1, 300)}; INSERT INTO countdown_rows (note) SELECT N'prod' FROM {Db.Series(1, 300)}");

        // UAT's archive holds order numbers far above production's orders, from the same sequence.
        await Db.ExecAsync(DatabaseSide.Target, $"INSERT INTO archive_orders (order_id, note) SELECT g, N'archived in UAT' FROM {Db.Series(1000, 5000)}");

        var (plans, results, _) = await RunAsync(Db.Config([Full("orders"), Full("countdown_rows")]));

        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal(["billing.Order Numbers (dbo.archive_orders.order_id, dbo.orders.order_id)"], plans.Single("orders").Sequences.Select(q => q.ToString()));
        Assert.Equal(["dbo.countdown (countdown_rows.id)"], plans.Single("countdown_rows").Sequences.Select(q => q.ToString()));
        Assert.Equal(5001L, await InsertDefault("orders", "order_id"));
        Assert.Equal(5002L, await InsertDefault("archive_orders", "order_id"));
        Assert.Equal(-301L, await InsertDefault("countdown_rows", "id"));
    }

    [Fact]
    public async Task An_identity_with_a_negative_increment_moves_below_the_smallest_loaded_value_and_a_UAT_identity_ahead_stays_ahead()
    {
        foreach (var side in new[] { DatabaseSide.Source, DatabaseSide.Target })
        {
            await Db.ExecAsync(side, "CREATE TABLE refunds (id int IDENTITY(-1, -1) PRIMARY KEY, note nvarchar(50) NULL); CREATE TABLE ahead (id bigint IDENTITY(1, 1) PRIMARY KEY, note nvarchar(50) NULL)");
        }

        await Db.ExecAsync(DatabaseSide.Source, $"INSERT INTO refunds (note) SELECT N'prod' FROM {Db.Series(1, 300)}; INSERT INTO ahead (note) SELECT N'prod' FROM {Db.Series(1, 100)}");
        await Db.ExecAsync(DatabaseSide.Target, "INSERT INTO refunds (note) VALUES (N'stale'); INSERT INTO ahead (note) VALUES (N'stale'); DBCC CHECKIDENT (N'dbo.ahead', RESEED, 10000)");

        var (plans, results, _) = await RunAsync(Db.Config([Full("refunds"), Full("ahead")]));

        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal(["dbo.refunds IDENTITY (refunds.id)"], plans.Single("refunds").Sequences.Select(q => q.ToString()));
        Assert.Equal(-301L, await InsertDefault("refunds", "id"));

        // TRUNCATE reset it to 1 and it was put back to hand out 10001 next; the loaded rows then made that 10002.
        Assert.Equal(10002L, await InsertDefault("ahead", "id"));
    }

    private async Task<long> InsertDefault(string table, string column)
    {
        await Db.ExecAsync(DatabaseSide.Target, $"INSERT INTO {table} (note) VALUES (N'made in UAT')");
        return Convert.ToInt64(await Db.ScalarAsync(DatabaseSide.Target, $"SELECT {column} FROM {table} WHERE note = N'made in UAT'"), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact(Skip = "bug (expected from SqlClient's documented behaviour, not run here: no SQL Server): SqlBulkCopy fed from a SqlDataReader re-types sql_variant values it writes from CLR values: money becomes numeric (SqlClient's SqlVariantParameterTests), varchar/char become nvarchar, decimal(p,s) becomes numeric; SqlServerEngine.CopyAsync does nothing to keep the base type")]
    public async Task Sql_variant_values_keep_their_base_type_precision_and_scale()
    {
        const string create = "CREATE TABLE variants (id int PRIMARY KEY, v sql_variant NULL)";
        await Db.ExecAsync(DatabaseSide.Source, create);
        await Db.ExecAsync(DatabaseSide.Target, create);
        await Db.ExecAsync(DatabaseSide.Source, """
            INSERT INTO variants VALUES
                (1, CAST(12.3456 AS money)), (2, CAST(-0.0001 AS smallmoney)), (3, CAST('ascii' AS varchar(20))), (4, CAST('fixed' AS char(8))),
                (5, CAST(1.5 AS decimal(10,2))), (6, CAST(123456789.123 AS numeric(20,5))), (7, CAST('2024-02-29' AS date)),
                (8, CAST('2024-02-29T12:34:56.1234567' AS datetime2(7))), (9, CAST('12:34:56.1234567' AS time(7))),
                (10, CAST('2024-02-29T12:34:56.1234567+05:30' AS datetimeoffset)), (11, CAST('2024-02-29T12:34:00' AS smalldatetime)),
                (12, CAST(N'national' AS nchar(10))), (13, CAST(0x0102 AS binary(4))), (14, CAST(7 AS tinyint)), (15, CAST(-7 AS smallint)), (16, CAST(1.5 AS real))
            """);

        var (_, results, _) = await RunAsync(Db.Config([Full("variants")]));

        Assert.Equal((RefreshStatus.Succeeded, 16L), (results.Single("variants").Status, results.Single("variants").RowsCopied));
        Assert.Equal(await Db.DumpAsync(DatabaseSide.Source, "variants", "id"), await Db.DumpAsync(DatabaseSide.Target, "variants", "id"));
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_named_as_missing_not_as_an_unreachable_server()
    {
        var source = Db.Config([]).Source with { Database = "no_such_database_dr" };

        var ex = await Assert.ThrowsAsync<Engines.DatabaseConnectionException>(() => Engines.EngineRegistry.For(EngineKind.SqlServer).OpenAsync(source, Engines.ConnectionPurpose.Source, new RefreshSettings(), "test", TestContext.Current.CancellationToken));

        Assert.Equal(Engines.ConnectionFailure.DatabaseMissing, ex.Failure);
        Assert.Contains("(sqlserver): database \"no_such_database_dr\" does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_login_failed_for_the_user_and_the_password_is_in_no_message()
    {
        var config = Db.Config([]);
        if (config.Source.Auth != AuthType.Sql)
        {
            Assert.Skip("the test server uses integrated security: no password to get wrong");
        }

        const string wrong = "Wrong-Canary-4c2f";
        using var env = new EnvironmentScope(("SOURCE_DB_PASSWORD", wrong));

        var ex = await Assert.ThrowsAsync<Engines.DatabaseConnectionException>(() => Engines.EngineRegistry.For(EngineKind.SqlServer).OpenAsync(config.Source, Engines.ConnectionPurpose.Source, new RefreshSettings(), "test", TestContext.Current.CancellationToken));

        Assert.Equal(Engines.ConnectionFailure.LoginFailed, ex.Failure);
        Assert.Contains("(sqlserver): login failed for user", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
    }

    private sealed class SqlServerTarget : IConformanceTarget
    {
        private readonly SqlServerServer _server;
        private string _source = "";
        private string _target = "";

        private SqlServerTarget(SqlServerServer server) => _server = server;

        public static async Task<IConformanceTarget> CreateAsync(SqlServerInstance instance)
        {
            var target = new SqlServerTarget(await SqlServerServer.CreateAsync(instance));
            target._source = await target._server.CreateDatabaseAsync("src");
            target._target = await target._server.CreateDatabaseAsync("tgt");
            return target;
        }

        public EngineKind Kind => EngineKind.SqlServer;

        public string Login => _server.Login;

        public bool LocksPerTable => true;

        public string DuplicateKeyError => "duplicate key";

        public string ForeignKeyDetail => "table \"dbo.parent\", column 'id'";

        public string RestrictAction => "NO ACTION";

        public string IntType => "int";

        public string BigIntType => "bigint";

        public string TextType => "nvarchar(max)";

        public string KeyType => "nvarchar(50)";

        public string DateType => "date";

        public string TimestampType => "datetime2(7)";

        public string DecimalType => "decimal(12,2)";

        public string IdentityKey => "id bigint IDENTITY(1,1) PRIMARY KEY";

        /// <summary>ROW_NUMBER over a cross join of the catalog: works on every version (GENERATE_SERIES needs 2022 and level 160).</summary>
        public string Series(int first, int last) =>
            $"(SELECT TOP ({last - first + 1}) CAST({first - 1} + ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS int) AS g FROM sys.all_objects AS a CROSS JOIN sys.all_objects AS b) AS series";

        public string Concat(params string[] parts) => $"CONCAT({string.Join(", ", parts)})";

        public string AddDays(string day, string days) => $"DATEADD(day, {days}, CAST('{day}' AS date))";

        public string AddHours(string day, string hours) => $"DATEADD(hour, {hours}, CAST('{day}' AS datetime2(7)))";

        /// <summary>RANGE RIGHT on each month's first day: partition 1 holds everything before the second month.</summary>
        public IReadOnlyList<string> MonthlyPartitioned(string table, string columns, string column, DateOnly first, int months) =>
        [
            $"CREATE PARTITION FUNCTION pf_{table} (date) AS RANGE RIGHT FOR VALUES ({string.Join(", ", Enumerable.Range(1, months - 1).Select(m => $"'{first.AddMonths(m):yyyy-MM-dd}'"))})",
            $"CREATE PARTITION SCHEME ps_{table} AS PARTITION pf_{table} ALL TO ([PRIMARY])",
            $"CREATE TABLE {table} ({columns}) ON ps_{table} ({column})",
        ];

        private string Database(DatabaseSide side) => side == DatabaseSide.Source ? _source : _target;

        public Task ExecAsync(DatabaseSide side, string sql) => _server.ExecAsync(Database(side), sql);

        public Task<object?> ScalarAsync(DatabaseSide side, string sql) => _server.ScalarAsync(Database(side), sql);

        public Task<List<string>> DumpAsync(DatabaseSide side, string table, string orderBy) => _server.DumpAsync(Database(side), table, orderBy);

        public async Task<bool> TableExistsAsync(DatabaseSide side, string table) =>
            Convert.ToInt64(await ScalarAsync(side, $"SELECT COUNT_BIG(*) FROM sys.tables WHERE name = N'{table}'"), System.Globalization.CultureInfo.InvariantCulture) > 0;

        public RefreshConfig Config(IEnumerable<TableConfig> tables, Func<RefreshSettings, RefreshSettings>? settings = null) =>
            _server.Config(_source, _target, tables, settings);

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
