using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Tests.Support;
using Microsoft.Data.Sqlite;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>The conformance suite against two SQLite files. Needs no server, so it runs in the Unit tier.</summary>
public sealed class SqliteConformanceTests : EngineConformanceTests
{
    protected override Task<IConformanceTarget> CreateTargetAsync() => Task.FromResult<IConformanceTarget>(new SqliteTarget());

    protected override IReadOnlyDictionary<string, CanonicalCase> CanonicalCases { get; } = new Dictionary<string, CanonicalCase>
    {
        // SQLite keeps a value's storage class in a column without a type: integer 1 and real 1.0 are different values.
        ["numeric scale"] = new("", "1", "1.0"),
        ["timestamp microsecond"] = new("DATETIME", "'2024-01-01 12:00:00.000001'", "'2024-01-01 12:00:00.000002'"),
        ["time zone"] = new("DATETIME", "'2024-06-01T12:00:00+02:00'", "'2024-06-01T12:00:00+03:00'"),
        ["NULL vs empty"] = new("TEXT", "NULL", "''"),
        ["empty vs 'NULL'"] = new("TEXT", "''", "'NULL'"),
        ["NULL vs 'NULL'"] = new("TEXT", "NULL", "'NULL'"),
        ["trailing space"] = new("TEXT", "'abc'", "'abc '"),
        ["case under a case-insensitive collation"] = new("TEXT COLLATE NOCASE", "'Abc'", "'abc'"),
        // A REAL column stores whole numbers as integers on disk and so loses the sign of zero; a column without a type keeps it.
        ["-0.0 vs 0"] = new("", "-0.0", "0.0"),
        ["one byte of binary"] = new("BLOB", "x'00010203'", "x'00010303'"),
        ["json as stored"] = new("TEXT", "'{\"a\": 1, \"b\": 2}'", "'{\"b\": 2, \"a\": 1}'"),
    };

    protected override FidelityCase Fidelity => new(
        "fidelity",
        """
        CREATE TABLE fidelity (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            i INTEGER, r REAL, t TEXT, b BLOB, n NUMERIC, anything, d DATE, ts DATETIME,
            doubled INTEGER GENERATED ALWAYS AS (i * 2) STORED)
        """,
        [
            $"""
            INSERT INTO fidelity (i, r, t, b, n, anything, d, ts)
            SELECT g * 1000003, g / 7.0,
                   CASE WHEN g % 5 = 0 THEN NULL WHEN g % 5 = 1 THEN '' ELSE 'ünïcødé ✓ 日本語 ' || g || char(9) || 'tab "quote" '' apostrophe \ back' || char(10) || 'newline' END,
                   CASE WHEN g % 4 = 0 THEN NULL WHEN g % 4 = 1 THEN x'' ELSE randomblob(g % 50) END,
                   CASE g % 3 WHEN 0 THEN g WHEN 1 THEN g / 4.0 ELSE '12.50' END,
                   CASE g % 5 WHEN 0 THEN g WHEN 1 THEN g * 0.5 WHEN 2 THEN 'text ' || g WHEN 3 THEN randomblob(4) ELSE NULL END,
                   date('2020-02-29', g || ' days'), datetime('2024-01-01 00:00:00', g || ' minutes', (g % 60) || ' seconds')
            FROM {SqliteTarget.SeriesOf(1, 2000)}
            """,
            "INSERT INTO fidelity (t, b, anything) VALUES (replace(hex(zeroblob(100000)), '00', 'long text '), randomblob(3 * 1024 * 1024), zeroblob(1024 * 1024))",
            """
            INSERT INTO fidelity (i, r, t, b, n, anything, d, ts) VALUES
                (9223372036854775807, 1.7976931348623157e308, '😀 𝄞 日本語', x'00ff00', 9223372036854775807, 1e308, '9999-12-31', '9999-12-31 23:59:59.999'),
                (-9223372036854775807 - 1, -1.7976931348623157e308, 'ü', x'00', -9223372036854775807 - 1, -1e308, '0000-01-01', '0000-01-01 00:00:00'),
                (0, 4.9e-324, '', x'', 0.000000001, '', '2024-02-29', '2024-02-29T12:34:56.789Z')
            """,
            "INSERT INTO fidelity (i) VALUES (NULL)",
        ],
        "INSERT INTO fidelity (i, t) VALUES (-1, 'stale UAT row')",
        2005,
        ["doubled"]);

    [Fact]
    public async Task Autoincrement_moves_past_the_loaded_rows_never_back_and_a_plain_integer_key_needs_nothing()
    {
        foreach (var side in new[] { DatabaseSide.Source, DatabaseSide.Target })
        {
            await Db.ExecAsync(side, """
                CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT);
                CREATE TABLE "Fresh Tickets" (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT);
                CREATE TABLE plain (id INTEGER PRIMARY KEY, note TEXT);
                """);
        }

        foreach (var table in new[] { "tickets", "\"Fresh Tickets\"", "plain" })
        {
            await Db.ExecAsync(DatabaseSide.Source, $"INSERT INTO {table} (note) SELECT 'prod' FROM {SqliteTarget.SeriesOf(1, 300)}");
        }

        // UAT's tickets once reached 9000: AUTOINCREMENT promises never to hand out those ids again.
        await Db.ExecAsync(DatabaseSide.Target, "INSERT INTO tickets (id, note) VALUES (9000, 'uat'); DELETE FROM tickets");

        var (plans, results, _) = await RunAsync(Db.Config([Full("tickets"), Full("\"Fresh Tickets\""), Full("plain")]));

        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal(["main.tickets AUTOINCREMENT (tickets.id)"], plans.Single("tickets").Sequences.Select(q => q.ToString()));
        Assert.Equal(["main.Fresh Tickets AUTOINCREMENT (Fresh Tickets.id)"], plans.Single("\"Fresh Tickets\"").Sequences.Select(q => q.ToString()));
        Assert.Empty(plans.Single("plain").Sequences);
        Assert.Equal(300L, await Db.ScalarAsync(DatabaseSide.Target, "SELECT seq FROM sqlite_sequence WHERE name = 'Fresh Tickets'"));
        foreach (var table in new[] { "tickets", "\"Fresh Tickets\"", "plain" })
        {
            await Db.ExecAsync(DatabaseSide.Target, $"INSERT INTO {table} (note) VALUES ('made in UAT')");
        }

        Assert.Equal(9001L, await Db.ScalarAsync(DatabaseSide.Target, "SELECT id FROM tickets WHERE note = 'made in UAT'"));
        Assert.Equal(301L, await Db.ScalarAsync(DatabaseSide.Target, "SELECT id FROM \"Fresh Tickets\" WHERE note = 'made in UAT'"));
        Assert.Equal(301L, await Db.ScalarAsync(DatabaseSide.Target, "SELECT id FROM plain WHERE note = 'made in UAT'"));
    }

    /// <summary>SQLite has no per-table trigger switch: the load drops the table's triggers in its transaction and re-creates them before commit.</summary>
    [Fact]
    public async Task Uat_triggers_are_dropped_for_the_load_and_recreated_as_they_were_and_fire_with_fire_triggers_true()
    {
        foreach (var side in new[] { DatabaseSide.Source, DatabaseSide.Target })
        {
            await Db.ExecAsync(side, """
                CREATE TABLE country (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE, last_update TEXT);
                CREATE TABLE city (id INTEGER PRIMARY KEY, country_id INTEGER NOT NULL REFERENCES country (id));
                """);
        }

        await Db.ExecAsync(DatabaseSide.Source, $"INSERT INTO country SELECT g, 'Country ' || g, '2024-01-01' FROM {SqliteTarget.SeriesOf(1, 30)}");
        await Db.ExecAsync(DatabaseSide.Target, $"INSERT INTO country SELECT g, 'country ' || g, '2000-01-01' FROM {SqliteTarget.SeriesOf(1, 20)}");
        await Db.ExecAsync(DatabaseSide.Target, """
            INSERT INTO city VALUES (1, 1);
            CREATE TRIGGER country_stamp AFTER UPDATE ON country BEGIN UPDATE country SET last_update = 'stamped' WHERE id = NEW.id; END;
            """);
        const string Triggers = "SELECT group_concat(name || ':' || sql, ';') FROM sqlite_master WHERE type = 'trigger'";
        var triggers = await Db.ScalarAsync(DatabaseSide.Target, Triggers);

        var (plans, results, _) = await RunAsync(Db.Config([Full("country")]));

        Assert.True(plans.Single("country").SuspendsTriggers);
        Assert.Equal(LoadMethod.Merge, plans.Single("country").LoadMethod);

        // 'country 1' and 'Country 1' are equal under NOCASE; the merge compares bytes, so all 20 are rewritten.
        Assert.Equal((RefreshStatus.Succeeded, 10L, 20L), (results.Single("country").Status, results.Single("country").RowsInserted, results.Single("country").RowsUpdated));
        Assert.Equal(await Db.DumpAsync(DatabaseSide.Source, "country", "id"), await Db.DumpAsync(DatabaseSide.Target, "country", "id"));
        Assert.Equal(triggers, await Db.ScalarAsync(DatabaseSide.Target, Triggers));

        await Db.ExecAsync(DatabaseSide.Source, "UPDATE country SET name = 'renamed' WHERE id = 5");
        var (_, fired, _) = await RunAsync(Db.Config([Full("country") with { FireTriggers = true }]));
        Assert.Equal(RefreshStatus.Succeeded, fired.Single("country").Status);
        Assert.Equal("stamped", await Db.ScalarAsync(DatabaseSide.Target, "SELECT last_update FROM country WHERE id = 5"));
    }

    internal sealed class SqliteTarget : IConformanceTarget
    {
        private readonly TempDir _dir = new();

        public SqliteTarget()
        {
            foreach (var file in new[] { SourceFile, TargetFile })
            {
                // Opening read-write-create makes the (empty) database file the engine expects to exist.
                using var c = Open(file);
            }
        }

        private string SourceFile => _dir.File("production.db");

        private string TargetFile => _dir.File("uat.db");

        public EngineKind Kind => EngineKind.Sqlite;

        public string Login => Environment.UserName;

        public bool LocksPerTable => false;

        public string DuplicateKeyError => "UNIQUE constraint failed";

        public string ForeignKeyDetail => "DETAIL: Key (parent_id)=(6) is not present in table main.parent";

        public string IntType => "INTEGER";

        public string BigIntType => "INTEGER";

        public string TextType => "TEXT";

        public string KeyType => "TEXT";

        public string DateType => "DATE";

        public string TimestampType => "DATETIME";

        public string DecimalType => "NUMERIC(12,2)";

        public string IdentityKey => "id INTEGER PRIMARY KEY AUTOINCREMENT";

        public static string SeriesOf(int first, int last) =>
            $"(WITH RECURSIVE numbers(g) AS (SELECT {first} UNION ALL SELECT g + 1 FROM numbers WHERE g < {last}) SELECT g FROM numbers) AS series";

        public string Series(int first, int last) => SeriesOf(first, last);

        public string Concat(params string[] parts) => $"({string.Join(" || ", parts)})";

        public string AddDays(string day, string days) => $"date('{day}', ({days}) || ' days')";

        public string AddHours(string day, string hours) => $"datetime('{day}', ({hours}) || ' hours')";

        /// <summary>SQLite has no partitions: a plain table.</summary>
        public IReadOnlyList<string> MonthlyPartitioned(string table, string columns, string column, DateOnly first, int months) => [$"CREATE TABLE {table} ({columns})"];

        private static SqliteConnection Open(string file)
        {
            var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ConnectionString);
            c.Open();
            return c;
        }

        private SqliteConnection Open(DatabaseSide side) => Open(side == DatabaseSide.Source ? SourceFile : TargetFile);

        public async Task ExecAsync(DatabaseSide side, string sql)
        {
            await using var c = Open(side);
            await using var cmd = new SqliteCommand(sql, c);
            await cmd.ExecuteNonQueryAsync();
        }

        public async Task<object?> ScalarAsync(DatabaseSide side, string sql)
        {
            await using var c = Open(side);
            await using var cmd = new SqliteCommand(sql, c);
            var value = await cmd.ExecuteScalarAsync();
            return value is DBNull ? null : value;
        }

        /// <summary>Each value as its storage class and its SQL literal (quote() is exact for REAL and BLOB too).</summary>
        public async Task<List<string>> DumpAsync(DatabaseSide side, string table, string orderBy)
        {
            await using var c = Open(side);
            var columns = new List<string>();
            await using (var cmd = new SqliteCommand("SELECT name FROM pragma_table_xinfo(@t) ORDER BY cid", c))
            {
                cmd.Parameters.AddWithValue("t", table);
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync())
                {
                    columns.Add(SqliteQuote(r.GetString(0)));
                }
            }

            var row = string.Join(" || '|' || ", columns.Select(col => $"typeof({col}) || ':' || quote({col})"));
            await using var select = new SqliteCommand($"SELECT {row} FROM {SqliteQuote(table)} ORDER BY {orderBy}", c);
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }

        private static string SqliteQuote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        public async Task<bool> TableExistsAsync(DatabaseSide side, string table)
        {
            await using var c = Open(side);
            await using var cmd = new SqliteCommand("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @t", c);
            cmd.Parameters.AddWithValue("t", table);
            return (long)(await cmd.ExecuteScalarAsync())! > 0;
        }

        public RefreshConfig Config(IEnumerable<TableConfig> tables, Func<RefreshSettings, RefreshSettings>? settings = null) => new()
        {
            Files = ["(test)"],
            Source = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.Sqlite, Database = SourceFile, Auth = AuthType.None, BaseDirectory = _dir.Path },
            Target = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.Sqlite, Database = TargetFile, Auth = AuthType.None, BaseDirectory = _dir.Path },
            Tables = tables.ToList(),
            Settings = (settings ?? (s => s))(new RefreshSettings { MaxRetries = 0, RetryDelaySeconds = 0.1 }),
        };

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            _dir.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
