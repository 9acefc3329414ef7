using DataRefresh.Configuration;
using DataRefresh.Tests.Support;
using Npgsql;

namespace DataRefresh.Tests.Conformance;

/// <summary>The conformance suite against the PostgreSQL server named by DATAREFRESH_TEST_PG.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlConformanceTests : EngineConformanceTests
{
    protected override async Task<IConformanceTarget> CreateTargetAsync() => await PostgreSqlTarget.CreateAsync();

    protected override IReadOnlyDictionary<string, CanonicalCase> CanonicalCases { get; } = new Dictionary<string, CanonicalCase>
    {
        ["numeric scale"] = new("numeric", "1.0", "1.00"),
        ["timestamp microsecond"] = new("timestamp", "'2024-01-01 12:00:00.000001'", "'2024-01-01 12:00:00.000002'"),
        ["time zone"] = new("timestamptz", "'2024-06-01 12:00:00+02'", "'2024-06-01 12:00:00+03'"),
        ["NULL vs empty"] = new("text", "NULL", "''"),
        ["empty vs 'NULL'"] = new("text", "''", "'NULL'"),
        ["NULL vs 'NULL'"] = new("text", "NULL", "'NULL'"),
        ["trailing space"] = new("varchar(20)", "'abc'", "'abc '"),
        ["case under a case-insensitive collation"] = new("citext", "'Abc'", "'abc'", "CREATE EXTENSION IF NOT EXISTS citext"),
        ["case under a nondeterministic collation"] = new("text COLLATE ci", "'Abc'", "'abc'", "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"),
        ["-0.0 vs 0"] = new("double precision", "'-0'::float8", "0"),
        ["one byte of binary"] = new("bytea", "'\\x00010203'::bytea", "'\\x00010303'::bytea"),
        ["array order"] = new("int[]", "ARRAY[1, 2, 3]", "ARRAY[1, 3, 2]"),
        ["json as stored"] = new("json", "'{\"a\": 1, \"b\": 2}'", "'{\"b\": 2, \"a\": 1}'"),
        ["jsonb value"] = new("jsonb", "'{\"a\": 1, \"b\": [1, 2]}'", "'{\"a\": 1, \"b\": [2, 1]}'"),
    };

    protected override FidelityCase Fidelity => new(
        "fidelity",
        """
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE TABLE fidelity (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            i int, s smallint, n numeric(38,10), r real, d double precision, b boolean,
            t text, v varchar(20), c char(3), ts timestamp, tstz timestamptz, dt date, tm time,
            bin bytea, j json, jb jsonb, arr int[], tarr text[], m mood, u uuid, iv interval,
            doubled bigint GENERATED ALWAYS AS (i::bigint * 2) STORED)
        """,
        [
            """
            INSERT INTO fidelity (i, s, n, r, d, b, t, v, c, ts, tstz, dt, tm, bin, j, jb, arr, tarr, m, u, iv)
            SELECT g, g % 100, (g * 1234567.0123456789)::numeric(38,10), g / 3.0, g / 7.0, g % 2 = 0,
                   CASE WHEN g % 5 = 0 THEN NULL WHEN g % 5 = 1 THEN '' ELSE 'ünïcødé ✓ 日本語 ' || g || E'\ttab "quote" \\ back\nnewline' END,
                   'v' || g, 'c' || (g % 10), '2024-01-01'::timestamp + g * interval '1 minute 1.123456 second',
                   '2024-06-30 23:59:59.999999+02'::timestamptz + g * interval '1 hour', '2020-02-29'::date + g, '23:59:59.999999'::time,
                   decode(md5(g::text), 'hex') || '\x00ff'::bytea, ('{"k": ' || g || ', "s": "x\"y"}')::json, ('{"a": [1, 2, {"b": null}], "g": ' || g || '}')::jsonb,
                   ARRAY[g, NULL, -g], ARRAY['a,b', NULL, '"q"', ''], (ARRAY['sad', 'ok', 'happy']::mood[])[1 + g % 3], md5(g::text)::uuid, g * interval '1 day 3 seconds'
            FROM generate_series(1, 2000) g
            """,
            "INSERT INTO fidelity (i, t) VALUES (NULL, repeat('long text ', 200000))",
            """
            INSERT INTO fidelity (i, s, n, r, d, b, t, v, c, ts, tstz, dt, tm, bin, j, jb, arr, tarr, m, u, iv) VALUES
                (2147483647, 32767, 9999999999999999999999999999.9999999999, 3.4028235e38, 1.7976931348623157e308, true, '', '', '', 'infinity', 'infinity', 'infinity', '24:00:00', '\x', '{}', '{}', '{}', '{}', 'happy', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '178000000 years'),
                (-2147483648, -32768, -9999999999999999999999999999.9999999999, 'NaN', '-Infinity', false, 'ü', 'ü', 'ü', '-infinity', '-infinity', '-infinity', '00:00:00', '\x00', 'null', 'null', '{NULL}', '{NULL}', 'sad', '00000000-0000-0000-0000-000000000000', '-178000000 years'),
                (0, 0, 0.0000000001, 1.4e-45, 5e-324, NULL, '😀 𝄞', '日本語', '日本', '4713-01-01 BC', '294276-12-31 23:59:59.999999+00', '5874897-12-31', '12:34:56.789012', '\xdeadbeef', '"s"', '"s"', '{1}', '{""}', 'ok', '12345678-1234-1234-1234-123456789abc', '1 microsecond')
            """,
            "INSERT INTO fidelity (i) VALUES (NULL)",
        ],
        "INSERT INTO fidelity (i, t) VALUES (-1, 'stale UAT row')",
        2005,
        ["doubled"]);

    internal sealed class PostgreSqlTarget : IConformanceTarget
    {
        private readonly PostgresServer _pg;
        private string _source = "";
        private string _target = "";

        private PostgreSqlTarget(PostgresServer pg) => _pg = pg;

        public static async Task<IConformanceTarget> CreateAsync()
        {
            var target = new PostgreSqlTarget(await PostgresServer.CreateAsync());
            target._source = await target._pg.CreateDatabaseAsync("src");
            target._target = await target._pg.CreateDatabaseAsync("tgt");
            target.Login = (string)(await target.ScalarAsync(DatabaseSide.Target, "SELECT session_user::text"))!;
            return target;
        }

        public EngineKind Kind => EngineKind.PostgreSql;

        public string Login { get; private set; } = "";

        public bool LocksPerTable => true;

        // unique_violation's SQLSTATE: a row copied into a kept index says "duplicate key value violates unique
        // constraint", an index rebuilt after a TRUNCATE reload says "could not create unique index"; both name it.
        public string DuplicateKeyError => "23505";

        public string ForeignKeyDetail => "DETAIL: Key (parent_id)=(6) is not present in table \"parent\".";

        public string IntType => "integer";

        public string BigIntType => "bigint";

        public string TextType => "text";

        public string KeyType => "text";

        public string DateType => "date";

        public string TimestampType => "timestamp";

        public string DecimalType => "numeric(12,2)";

        public string IdentityKey => "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

        public string Series(int first, int last) => $"generate_series({first}, {last}) AS series(g)";

        public string Concat(params string[] parts) => $"concat({string.Join(", ", parts)})";

        public string AddDays(string day, string days) => $"('{day}'::date + ({days})::integer)";

        public string AddHours(string day, string hours) => $"('{day}'::timestamp + ({hours}) * interval '1 hour')";

        public IReadOnlyList<string> MonthlyPartitioned(string table, string columns, string column, DateOnly first, int months) =>
        [
            $"CREATE TABLE {table} ({columns}) PARTITION BY RANGE ({column})",
            .. Enumerable.Range(0, months).Select(m => first.AddMonths(m)).Select(m =>
                $"CREATE TABLE {table}_{m:yyyy_MM} PARTITION OF {table} FOR VALUES FROM ('{m:yyyy-MM-dd}') TO ('{m.AddMonths(1):yyyy-MM-dd}')"),
        ];

        private string Database(DatabaseSide side) => side == DatabaseSide.Source ? _source : _target;

        public Task ExecAsync(DatabaseSide side, string sql) => _pg.ExecAsync(Database(side), sql);

        public async Task<object?> ScalarAsync(DatabaseSide side, string sql)
        {
            await using var c = await _pg.OpenAsync(Database(side));
            await using var cmd = new NpgsqlCommand(sql, c);
            var value = await cmd.ExecuteScalarAsync();
            return value is DBNull ? null : value;
        }

        public Task<List<string>> DumpAsync(DatabaseSide side, string table, string orderBy) => _pg.DumpAsync(Database(side), table, orderBy);

        public async Task<bool> TableExistsAsync(DatabaseSide side, string table) =>
            (long)(await ScalarAsync(side, $"SELECT count(*) FROM pg_class WHERE relname = '{table}' AND relkind IN ('r', 'p')"))! > 0;

        public RefreshConfig Config(IEnumerable<TableConfig> tables, Func<RefreshSettings, RefreshSettings>? settings = null) =>
            _pg.Config(_source, _target, tables, settings);

        public ValueTask DisposeAsync() => _pg.DisposeAsync();
    }
}
