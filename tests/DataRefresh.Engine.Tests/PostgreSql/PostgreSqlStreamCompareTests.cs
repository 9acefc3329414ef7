using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Execution;
using DataRefresh.Tests.Support;
using Npgsql;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>
/// The merge's stream compare on PostgreSQL (both tables read in key order, compared on raw bytes): when it is taken
/// and when the merge falls back to staging, exact results and counts, keys whose binary order is subtle, NULLs, and
/// a compare stopped midway.
/// </summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlStreamCompareTests : PostgresTestBase
{
    private static readonly IDatabaseEngine Engine = EngineRegistry.For(EngineKind.PostgreSql);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TableConfig Merge(string name) => Full(name) with { LoadMethod = LoadMethod.Merge };

    private async Task<string?> ObstacleAsync(string table, string[] columns, string[] key)
    {
        await using var source = await Pg.OpenAsync(Src);
        await using var target = await Pg.OpenAsync(Tgt);
        await using var tx = await target.BeginTransactionAsync(Token);
        var request = await RequestAsync(source, target, tx, table, columns);
        return await Engine.Merge!.StreamCompareObstacleAsync(request, key, Token);
    }

    private static async Task<CopyRequest> RequestAsync(NpgsqlConnection source, NpgsqlConnection target, NpgsqlTransaction tx, string table, string[] columns, int batchSize = 5000)
    {
        var name = new QualifiedName("public", table);
        return new CopyRequest
        {
            Source = source,
            Target = target,
            TargetTransaction = tx,
            SourceTable = await Engine.ReadTableAsync(source, name, Token),
            TargetTable = await Engine.ReadTableAsync(target, name, Token),
            Columns = columns,
            BatchSize = batchSize,
        };
    }

    private async Task<(long Ins, long Upd, long Del)> CountersAsync(string table)
    {
        await using var c = await Pg.OpenAsync(Tgt);
        await using var cmd = new NpgsqlCommand($"SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE relname = '{table}'", c);
        await using var r = await cmd.ExecuteReaderAsync(Token);
        await r.ReadAsync(Token);
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }

    private async Task<(long Ins, long Upd, long Del)> FlushedCountersAsync(string table, long historyInsertsBefore)
    {
        NpgsqlConnection.ClearAllPools();
        for (var i = 0; i < 50 && (await CountersAsync("datarefresh_history")).Ins <= historyInsertsBefore; i++)
        {
            await Task.Delay(100, Token);
        }

        return await CountersAsync(table);
    }

    private static (RefreshStatus, long, long, long, long) Counts(RefreshResult r) => (r.Status, r.RowsCopied, r.RowsInserted, r.RowsUpdated, r.RowsDeleted);

    [Fact]
    public async Task One_percent_changed_writes_exactly_those_rows_and_nothing_changed_writes_none()
    {
        await Both("CREATE TABLE item (id bigint PRIMARY KEY, qty int NOT NULL, label text, amount numeric(12,2), at timestamptz, ok boolean)");
        const string Rows = "INSERT INTO item SELECT g, g % 97, 'label ' || g, g * 0.25, '2024-01-01'::timestamptz + g * interval '1 minute', g % 2 = 0 FROM generate_series(1, 10000) g";
        await Pg.ExecAsync(Src, Rows);
        await Pg.ExecAsync(Tgt, Rows);
        Assert.Null(await ObstacleAsync("item", ["id", "qty", "label", "amount", "at", "ok"], ["id"]));
        var config = Pg.Config(Src, Tgt, [Merge("item")]);
        await RunAsync(config); // creates the history table
        var history = (await CountersAsync("datarefresh_history")).Ins;
        var before = await FlushedCountersAsync("item", -1);

        var (_, same, _) = await RunAsync(config);

        Assert.Equal((RefreshStatus.Succeeded, 10000L, 0L, 0L, 0L), Counts(same.Single("item")));
        Assert.Equal(before, await FlushedCountersAsync("item", history));

        // 1%: 100 updated (one column each way, NULLs included), 10 deleted at both ends, 10 inserted past the end.
        await Pg.ExecAsync(Src, """
            UPDATE item SET label = label || '*' WHERE id % 100 = 0 AND id <= 5000;
            UPDATE item SET amount = NULL WHERE id % 100 = 0 AND id > 5000;
            DELETE FROM item WHERE id <= 5 OR id BETWEEN 9991 AND 9995;
            INSERT INTO item SELECT g, 1, NULL, NULL, NULL, NULL FROM generate_series(10001, 10010) g;
            """);
        history = (await CountersAsync("datarefresh_history")).Ins;
        var (_, changed, _) = await RunAsync(config);

        Assert.Equal((RefreshStatus.Succeeded, 10000L, 10L, 100L, 10L), Counts(changed.Single("item")));
        Assert.Equal((before.Ins + 10, before.Upd + 100, before.Del + 10), await FlushedCountersAsync("item", history));
        Assert.Equal(await Pg.DumpAsync(Src, "item", "id"), await Pg.DumpAsync(Tgt, "item", "id"));
    }

    [Fact]
    public async Task Nulls_compare_as_nulls_an_empty_value_is_not_null_and_equal_bytes_are_unchanged()
    {
        await Both("CREATE TABLE n (id int PRIMARY KEY, a text, b bytea, c int, d jsonb)");
        await Pg.ExecAsync(Src, "INSERT INTO n VALUES (1, NULL, NULL, NULL, NULL), (2, '', '', 0, '{}'), (3, NULL, '\\x00', NULL, 'null'), (4, 'x', NULL, 1, NULL), (5, NULL, NULL, NULL, NULL)");
        await Pg.ExecAsync(Tgt, "INSERT INTO n VALUES (1, NULL, NULL, NULL, NULL), (2, NULL, NULL, NULL, NULL), (3, NULL, '\\x00', NULL, 'null'), (4, 'x', '', 1, NULL), (5, '', NULL, NULL, NULL)");
        Assert.Null(await ObstacleAsync("n", ["id", "a", "b", "c", "d"], ["id"]));

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Merge("n")]));

        // 1 and 3 are equal (NULL = NULL); 2, 4 and 5 differ only in NULL against an empty or zero value.
        Assert.Equal((RefreshStatus.Succeeded, 5L, 0L, 3L, 0L), Counts(results.Single("n")));
        Assert.Equal(await Pg.DumpAsync(Src, "n", "id"), await Pg.DumpAsync(Tgt, "n", "id"));
        Assert.Equal(1L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM n WHERE id = 2 AND a = '' AND b = ''::bytea AND c = 0"));
    }

    [Fact]
    public async Task Keys_order_as_postgresql_orders_them_negative_integers_non_ascii_text_blank_padded_uuid_and_timestamps()
    {
        await Both("""
            CREATE TABLE k (s smallint, i int, b bigint, t text, c char(4), u uuid, ts timestamp, d date, v text, PRIMARY KEY (s, i, b, t, c, u, ts, d));
            CREATE TABLE words (w varchar(20) PRIMARY KEY, n int);
            """);
        const string Keys = """
            INSERT INTO k SELECT s, i, b, t, c, u::uuid, ts::timestamp, d::date, 'v'
            FROM (VALUES (-32768), (-1), (0), (1), (32767)) s(s)
            CROSS JOIN (VALUES (-2147483648), (-256), (255), (2147483647)) i(i)
            CROSS JOIN (VALUES (-9223372036854775808), (-1), (9223372036854775807)) b(b)
            CROSS JOIN (VALUES ('Z'), ('a'), ('é'), ('日本'), ('😀'), ('a b'), ('')) t(t)
            CROSS JOIN (VALUES ('a'), ('a  b'), ('ab')) c(c)
            CROSS JOIN (VALUES ('00000000-0000-0000-0000-000000000000'), ('ffffffff-0000-0000-0000-000000000000'), ('7fffffff-ffff-ffff-ffff-ffffffffffff')) u(u)
            CROSS JOIN (VALUES ('1969-07-20 20:17'), ('2000-01-01'), ('-infinity'), ('infinity')) ts(ts)
            CROSS JOIN (VALUES ('1999-12-31'), ('2000-01-02'), ('4713-01-01 BC')) d(d)
            """;
        await Pg.ExecAsync(Src, Keys);
        await Pg.ExecAsync(Tgt, Keys);
        const string Words = "INSERT INTO words VALUES ('Zebra', 1), ('apple', 2), ('Äpfel', 3), ('ähnlich', 4), ('ß', 5), ('ss', 6), ('z', 7), ('日本語', 8), ('🙂', 9), ('A', 10), ('a', 11)";
        await Pg.ExecAsync(Src, Words);
        await Pg.ExecAsync(Tgt, Words);
        Assert.Null(await ObstacleAsync("k", ["s", "i", "b", "t", "c", "u", "ts", "d", "v"], ["s", "i", "b", "t", "c", "u", "ts", "d"]));
        Assert.Null(await ObstacleAsync("words", ["w", "n"], ["w"]));

        var deletedK = await Pg.ScalarAsync<long>(Src, "SELECT count(*) FROM k WHERE s = 0 AND b = -1 AND t = 'é' AND ts = '-infinity'");

        // Changes spread over the key space: any misorder would pair the wrong rows (or fail the order check).
        await Pg.ExecAsync(Src, """
            UPDATE k SET v = 'changed' WHERE s = -32768 AND i = 2147483647 AND t = '😀' AND c = 'a' AND d = '4713-01-01 BC';
            DELETE FROM k WHERE s = 0 AND b = -1 AND t = 'é' AND ts = '-infinity';
            INSERT INTO k VALUES (-2, 7, -7, 'ä', 'ab  ', '00000000-0000-0000-0000-000000000001', '1900-01-01', '1900-01-01', 'new');
            UPDATE words SET n = -n WHERE w IN ('Äpfel', '🙂', 'A');
            DELETE FROM words WHERE w = 'ß';
            INSERT INTO words VALUES ('Ω', 12), ('', 13);
            """);
        var changedK = await Pg.ScalarAsync<long>(Src, "SELECT count(*) FROM k WHERE v = 'changed'");
        var total = await Pg.ScalarAsync<long>(Src, "SELECT count(*) FROM k");

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Merge("k"), Merge("words")]));

        Assert.Equal((RefreshStatus.Succeeded, total, 1L, changedK, deletedK), Counts(results.Single("k")));
        Assert.Equal((RefreshStatus.Succeeded, 12L, 2L, 3L, 1L), Counts(results.Single("words")));
        Assert.Equal(await Pg.DumpAsync(Src, "k", "s, i, b, t, c, u, ts, d"), await Pg.DumpAsync(Tgt, "k", "s, i, b, t, c, u, ts, d"));
        Assert.Equal(await Pg.DumpAsync(Src, "words", "w COLLATE \"C\""), await Pg.DumpAsync(Tgt, "words", "w COLLATE \"C\""));
    }

    [Fact]
    public async Task A_result_equals_the_source_byte_for_byte_where_values_only_compare_equal()
    {
        await Both("CREATE TABLE v (id int PRIMARY KEY, amount numeric, ratio float8, doc json, js jsonb, at timestamptz, tags text[], pad char(5))");
        await Pg.ExecAsync(Src, "INSERT INTO v VALUES (1, 1.00, '-0', '{\"a\": 1}', '{\"a\": 1}', '2024-01-01 00:00+00', '{x,y}', 'ab'), (2, 2, 0, '[]', '[]', '2024-01-01 00:00+00', '{}', 'ab')");
        await Pg.ExecAsync(Tgt, "INSERT INTO v VALUES (1, 1.0, '0', '{\"a\":1}', '{\"a\": 1}', '2024-01-01 01:00+01', '{x,y}', 'ab '), (2, 2, 0, '[]', '[]', '2024-01-01 00:00+00', '{}', 'ab')");
        Assert.Null(await ObstacleAsync("v", ["id", "amount", "ratio", "doc", "js", "at", "tags", "pad"], ["id"]));

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Merge("v")]));

        Assert.Equal((RefreshStatus.Succeeded, 2L, 0L, 1L, 0L), Counts(results.Single("v")));
        const string Bytes = "SELECT string_agg(id || ':' || numeric_send(amount)::text || float8send(ratio)::text || doc::text || js::text || timestamptz_send(at)::text || tags::text || bpcharsend(pad)::text, ',' ORDER BY id) FROM v";
        Assert.Equal(await Pg.ScalarAsync<string>(Src, Bytes), await Pg.ScalarAsync<string>(Tgt, Bytes));
    }

    [Fact]
    public async Task Rows_larger_than_the_read_buffer_and_differences_beyond_the_memory_spool_are_merged_exactly()
    {
        // 80 rows of 1 MB each differ: the rows outgrow the reader's buffer, the differences the in-memory spool (64 MB).
        await Both("CREATE TABLE wide (id int PRIMARY KEY, body text, small int)");
        await Pg.ExecAsync(Src, "INSERT INTO wide SELECT g, repeat(chr(65 + g % 26), 1000000) || g, g FROM generate_series(1, 100) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO wide SELECT g, CASE WHEN g <= 80 THEN 'old' ELSE repeat(chr(65 + g % 26), 1000000) || g END, g FROM generate_series(1, 100) g");
        Assert.Null(await ObstacleAsync("wide", ["id", "body", "small"], ["id"]));

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Merge("wide") with { BatchSize = 10 }]));

        Assert.Equal((RefreshStatus.Succeeded, 100L, 0L, 80L, 0L), Counts(results.Single("wide")));
        const string Sums = "SELECT string_agg(id || ':' || md5(body) || ':' || small, ',' ORDER BY id) FROM wide";
        Assert.Equal(await Pg.ScalarAsync<string>(Src, Sums), await Pg.ScalarAsync<string>(Tgt, Sums));
    }

    [Fact]
    public async Task A_type_mismatch_a_nondeterministic_key_collation_or_an_unordered_key_type_falls_back_to_staging_with_the_same_result()
    {
        await Pg.ExecAsync(Src, "CREATE TABLE typed (id int PRIMARY KEY, name varchar(20)); CREATE TABLE numkey (id numeric PRIMARY KEY, name text)");
        await Pg.ExecAsync(Tgt, "CREATE TABLE typed (id int PRIMARY KEY, name text); CREATE TABLE numkey (id numeric PRIMARY KEY, name text)");
        await Both("""
            CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            CREATE TABLE coll (code text COLLATE ci PRIMARY KEY, name text);
            CREATE TABLE ccoll (code text COLLATE "C" PRIMARY KEY, name text);
            """);
        foreach (var sql in new[] { "INSERT INTO typed SELECT g, 'n' || g FROM generate_series(1, 50) g", "INSERT INTO numkey SELECT g / 4.0, 'n' || g FROM generate_series(1, 50) g", "INSERT INTO coll SELECT 'Code' || g, 'n' || g FROM generate_series(1, 50) g", "INSERT INTO ccoll SELECT 'Code' || g, 'n' || g FROM generate_series(1, 50) g" })
        {
            await Pg.ExecAsync(Src, sql);
            await Pg.ExecAsync(Tgt, sql);
        }

        Assert.NotNull(await ObstacleAsync("typed", ["id", "name"], ["id"]));
        Assert.NotNull(await ObstacleAsync("numkey", ["id", "name"], ["id"]));
        Assert.NotNull(await ObstacleAsync("coll", ["code", "name"], ["code"]));
        Assert.Null(await ObstacleAsync("ccoll", ["code", "name"], ["code"]));

        await Pg.ExecAsync(Src, "UPDATE typed SET name = 'x' WHERE id = 3; UPDATE numkey SET name = 'x' WHERE id = 1; UPDATE coll SET name = 'x' WHERE code = 'Code7'; UPDATE ccoll SET name = 'x' WHERE code = 'Code7'; DELETE FROM coll WHERE code = 'Code8'; INSERT INTO coll VALUES ('code8', 'lower')");
        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Merge("typed"), Merge("numkey"), Merge("coll"), Merge("ccoll")]));

        Assert.Equal((RefreshStatus.Succeeded, 50L, 0L, 1L, 0L), Counts(results.Single("typed")));
        Assert.Equal((RefreshStatus.Succeeded, 50L, 0L, 1L, 0L), Counts(results.Single("numkey")));
        Assert.Equal((RefreshStatus.Succeeded, 50L, 0L, 2L, 0L), Counts(results.Single("coll"))); // Code8 = code8 under ci: an update
        Assert.Equal((RefreshStatus.Succeeded, 50L, 0L, 1L, 0L), Counts(results.Single("ccoll")));
        foreach (var table in new[] { "typed", "numkey", "ccoll" })
        {
            Assert.Equal(await Pg.DumpAsync(Src, table, "1"), await Pg.DumpAsync(Tgt, table, "1"));
        }
    }

    [Fact]
    public async Task A_compare_cancelled_midway_stops_both_reads_and_leaves_the_target_and_its_session_intact()
    {
        const long Rows = 300_000;
        await Pg.ExecAsync(Src, $"CREATE TABLE big (id bigint PRIMARY KEY, payload text); INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, {Rows}) g");
        await Pg.ExecAsync(Tgt, $"CREATE TABLE big (id bigint PRIMARY KEY, payload text); INSERT INTO big SELECT g, md5((g + 1)::text) FROM generate_series(1, {Rows}) g");
        var dump = await Pg.ScalarAsync<string>(Tgt, "SELECT md5(string_agg(id || payload, ',' ORDER BY id)) FROM big");
        await using var source = await Pg.OpenAsync(Src);
        await using var target = await Pg.OpenAsync(Tgt);
        using var stop = new CancellationTokenSource();
        await using (var tx = await target.BeginTransactionAsync(Token))
        {
            var request = await RequestAsync(source, target, tx, "big", ["id", "payload"], batchSize: 1000);
            Assert.Null(await Engine.Merge!.StreamCompareObstacleAsync(request, ["id"], Token));

            var compare = Engine.Merge!.StreamCompareAsync(request, ["id"], new StopAt(stop, 5000), stop.Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => compare);
            await tx.RollbackAsync(Token);
        }

        // Both sessions are usable again, and the target holds what it held.
        await using (var check = new NpgsqlCommand("SELECT count(*) FROM big", source))
        {
            Assert.Equal(Rows, (long)(await check.ExecuteScalarAsync(Token))!);
        }

        await using (var check = new NpgsqlCommand("SELECT md5(string_agg(id || payload, ',' ORDER BY id)) FROM big", target))
        {
            Assert.Equal(dump, (string)(await check.ExecuteScalarAsync(Token))!);
        }
    }

    [Fact]
    public async Task A_target_session_killed_during_the_compare_fails_the_unit_and_leaves_the_target_as_before()
    {
        const long Rows = 300_000;
        await Pg.ExecAsync(Src, $"CREATE TABLE big (id bigint PRIMARY KEY, payload text); INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, {Rows}) g");
        await Pg.ExecAsync(Tgt, $"CREATE TABLE big (id bigint PRIMARY KEY, payload text); INSERT INTO big SELECT g, md5((g + 1)::text) FROM generate_series(1, {Rows}) g");
        var dump = await Pg.DumpAsync(Tgt, "big", "id");
        var observer = new RecordingObserver();
        var killed = 0;
        observer.OnProgress = p =>
        {
            if (p.RowsCopied > 0 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                // The unit's target session, from another one (as a DBA's pg_terminate_backend would).
                Pg.ExecAsync(Tgt, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Tgt}' AND pid <> pg_backend_pid() AND query LIKE 'COPY (SELECT%'").GetAwaiter().GetResult();
            }
        };

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Merge("big") with { BatchSize = 1000 }]), observer);

        Assert.Equal(1, killed);
        Assert.Equal(RefreshStatus.Failed, results.Single("big").Status);
        Assert.Equal(dump, await Pg.DumpAsync(Tgt, "big", "id"));
    }

    /// <summary>Cancels once the compare has read <paramref name="rows"/> source rows, as Ctrl+C would.</summary>
    private sealed class StopAt(CancellationTokenSource stop, long rows) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= rows)
            {
                stop.Cancel();
            }
        }
    }
}
