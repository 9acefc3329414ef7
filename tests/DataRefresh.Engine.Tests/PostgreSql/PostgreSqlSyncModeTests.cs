using DataRefresh.Configuration;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>Every sync mode of the spec against a real PostgreSQL server.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlSyncModeTests : PostgresTestBase
{
    [Fact]
    public async Task Full_replace_copies_every_type_exactly_and_moves_the_identity_past_the_maximum()
    {
        await Both("""
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE TABLE fidelity (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                i int, s smallint, n numeric(38,10), r real, d double precision, b boolean,
                t text, v varchar(20), c char(3), ts timestamp, tstz timestamptz, dt date, tm time,
                bin bytea, j json, jb jsonb, arr int[], tarr text[], m mood, u uuid, iv interval,
                doubled bigint GENERATED ALWAYS AS (i * 2) STORED)
            """);
        await Pg.ExecAsync(Src, """
            INSERT INTO fidelity (i, s, n, r, d, b, t, v, c, ts, tstz, dt, tm, bin, j, jb, arr, tarr, m, u, iv) OVERRIDING SYSTEM VALUE
            SELECT g, g % 100, (g * 1234567.0123456789)::numeric(38,10), g / 3.0, g / 7.0, g % 2 = 0,
                   CASE WHEN g % 5 = 0 THEN NULL WHEN g % 5 = 1 THEN '' ELSE 'ünïcødé ✓ 日本語 ' || g || E'\ttab "quote" \\ back\nnewline' END,
                   'v' || g, 'c' || (g % 10), '2024-01-01'::timestamp + g * interval '1 minute 1.123456 second',
                   '2024-06-30 23:59:59.999999+02'::timestamptz + g * interval '1 hour', '2020-02-29'::date + g, '23:59:59.999999'::time,
                   decode(md5(g::text), 'hex') || '\x00ff'::bytea, ('{"k": ' || g || ', "s": "x\"y"}')::json, ('{"a": [1, 2, {"b": null}], "g": ' || g || '}')::jsonb,
                   ARRAY[g, NULL, -g], ARRAY['a,b', NULL, '"q"', ''], (ARRAY['sad', 'ok', 'happy']::mood[])[1 + g % 3], md5(g::text)::uuid, g * interval '1 day 3 seconds'
            FROM generate_series(1, 2000) g;
            INSERT INTO fidelity (i, t) VALUES (NULL, repeat('long text ', 200000));
            INSERT INTO fidelity (i) VALUES (NULL);
            """);
        await Pg.ExecAsync(Tgt, "INSERT INTO fidelity (i, t) VALUES (-1, 'stale UAT row')");

        var (plans, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("fidelity")]));

        var result = results.Single("fidelity");
        Assert.Equal(RefreshStatus.Succeeded, result.Status);
        Assert.Equal(2002, result.RowsCopied);
        Assert.Equal(1, result.RowsDeleted);
        Assert.DoesNotContain("doubled", plans.Single("fidelity").Columns);
        Assert.Equal(await Pg.DumpAsync(Src, "fidelity", "id"), await Pg.DumpAsync(Tgt, "fidelity", "id"));

        await Pg.ExecAsync(Tgt, "INSERT INTO fidelity (i) VALUES (7)");
        Assert.Equal(2003L, await Pg.ScalarAsync<long>(Tgt, "SELECT max(id) FROM fidelity"));
    }

    [Fact]
    public async Task Full_replace_runs_in_one_transaction_so_readers_see_old_rows_until_commit()
    {
        await Both("CREATE TABLE items (id int PRIMARY KEY, name text)");
        await Pg.ExecAsync(Src, "INSERT INTO items SELECT g, 'new ' || g FROM generate_series(1, 50000) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO items SELECT g, 'old ' || g FROM generate_series(1, 300) g");
        var seen = new List<long>();
        var observer = new RecordingObserver();
        observer.OnProgress = _ =>
        {
            // TRUNCATE would block readers; DELETE (truncate_target: false) lets them read the old rows meanwhile.
            using var c = Pg.OpenAsync(Tgt).GetAwaiter().GetResult();
            using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM items", c);
            seen.Add((long)cmd.ExecuteScalar()!);
        };
        var table = Full("items") with { TruncateTarget = false, BatchSize = 5000 };

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [table]), observer);

        Assert.Equal(RefreshStatus.Succeeded, results.Single("items").Status);
        Assert.NotEmpty(seen);
        Assert.All(seen, count => Assert.Equal(300, count));
        Assert.Equal(50000L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task Incremental_identity_copies_only_rows_above_the_target_maximum()
    {
        await Both("CREATE TABLE orders (order_id bigint PRIMARY KEY, amount numeric(12,2))");
        await Pg.ExecAsync(Src, "INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 1500) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 1000) g");
        var config = Pg.Config(Src, Tgt, [Incremental("orders", "order_id")]);

        var plan = (await PlanAsync(config)).Single("orders");
        Assert.Equal(RefreshAction.Incremental, plan.Action);
        Assert.Equal(1000L, Convert.ToInt64(plan.Watermark));
        Assert.Equal("\"order_id\" > 1000", plan.SourceFilter);
        Assert.Equal(500, plan.EstimatedRows);

        var (_, results, _) = await RunAsync(config);
        var result = results.Single("orders");
        Assert.Equal((RefreshStatus.Succeeded, 500L, "1000", "1500"), (result.Status, result.RowsCopied, result.WatermarkBefore, result.WatermarkAfter));
        Assert.Equal(await Pg.DumpAsync(Src, "orders", "order_id"), await Pg.DumpAsync(Tgt, "orders", "order_id"));
    }

    [Fact]
    public async Task Incremental_date_with_buffer_resyncs_the_window_without_duplicates()
    {
        await Both("CREATE TABLE daily_reports (report_date date, region text, revenue numeric(12,2), PRIMARY KEY (report_date, region))");
        await Pg.ExecAsync(Src, "INSERT INTO daily_reports SELECT d::date, r, 100 FROM generate_series('2024-01-01'::date, '2024-01-20', '1 day') d, unnest(ARRAY['north', 'south']) r");
        await Pg.ExecAsync(Tgt, "INSERT INTO daily_reports SELECT * FROM daily_reportsSrc_placeholder".Replace("daily_reportsSrc_placeholder", "(SELECT d::date, r, 100 FROM generate_series('2024-01-01'::date, '2024-01-15', '1 day') d, unnest(ARRAY['north', 'south']) r) x", StringComparison.Ordinal));

        // Late corrections in production: inside the 3-day window (Jan 12..15) and outside it (Jan 2).
        await Pg.ExecAsync(Src, "UPDATE daily_reports SET revenue = 555 WHERE report_date IN ('2024-01-13', '2024-01-02')");
        var config = Pg.Config(Src, Tgt, [Incremental("daily_reports", "report_date", IncrementalType.Date, buffer: 3)]);

        var plan = (await PlanAsync(config)).Single("daily_reports");
        Assert.Equal("\"report_date\" >= '2024-01-12'::date", plan.SourceFilter);
        Assert.Equal(plan.SourceFilter, plan.TargetDelete);

        var (_, results, _) = await RunAsync(config);
        var result = results.Single("daily_reports");
        Assert.Equal((RefreshStatus.Succeeded, 18L, 8L), (result.Status, result.RowsCopied, result.RowsDeleted));
        Assert.Equal(40L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM daily_reports"));
        Assert.Equal(555m, await Pg.ScalarAsync<decimal>(Tgt, "SELECT revenue FROM daily_reports WHERE report_date = '2024-01-13' AND region = 'north'"));
        Assert.Equal(100m, await Pg.ScalarAsync<decimal>(Tgt, "SELECT revenue FROM daily_reports WHERE report_date = '2024-01-02' AND region = 'north'"));
    }

    [Fact]
    public async Task Incremental_datetime_without_buffer_copies_strictly_newer_rows()
    {
        await Both("CREATE TABLE events (id int PRIMARY KEY, at timestamptz NOT NULL)");
        await Pg.ExecAsync(Src, "INSERT INTO events SELECT g, '2024-01-01 00:00:00.000001+00'::timestamptz + g * interval '1 second' FROM generate_series(1, 100) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO events SELECT g, '2024-01-01 00:00:00.000001+00'::timestamptz + g * interval '1 second' FROM generate_series(1, 60) g");

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Incremental("events", "at", IncrementalType.DateTime)]));

        Assert.Equal(40, results.Single("events").RowsCopied);
        Assert.Equal(await Pg.DumpAsync(Src, "events", "id"), await Pg.DumpAsync(Tgt, "events", "id"));
    }

    [Fact]
    public async Task Smart_sync_chooses_full_for_an_empty_target_and_incremental_otherwise()
    {
        await Both("CREATE TABLE catalog (id int PRIMARY KEY, last_modified timestamp NOT NULL)");
        await Pg.ExecAsync(Src, "INSERT INTO catalog SELECT g, '2024-01-01'::timestamp + g * interval '1 hour' FROM generate_series(1, 100) g");
        var config = Pg.Config(Src, Tgt, [Smart("catalog", "last_modified", IncrementalType.DateTime)]);

        var first = (await PlanAsync(config)).Single("catalog");
        Assert.Equal((RefreshAction.Full, "target empty: smart_sync chose full"), (first.Action, first.Reason));
        Assert.Equal(100, (await RunAsync(config)).Results.Single("catalog").RowsCopied);

        await Pg.ExecAsync(Src, "INSERT INTO catalog SELECT g, '2025-01-01'::timestamp + g * interval '1 hour' FROM generate_series(101, 110) g");
        var second = (await PlanAsync(config)).Single("catalog");
        Assert.Equal(RefreshAction.Incremental, second.Action);
        Assert.StartsWith("smart_sync chose incremental", second.Reason, StringComparison.Ordinal);
        var result = (await RunAsync(config)).Results.Single("catalog");
        Assert.Equal((RefreshAction.Incremental, 10L), (result.Action, result.RowsCopied));
    }

    [Fact]
    public async Task Smart_sync_falls_back_to_full_when_the_incremental_attempt_fails_and_records_both()
    {
        await Both("CREATE TABLE products (id int PRIMARY KEY, last_modified timestamp NOT NULL, name text)");
        await Pg.ExecAsync(Src, "INSERT INTO products SELECT g, '2024-01-01'::timestamp + g * interval '1 day', 'p' || g FROM generate_series(1, 20) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO products SELECT g, '2024-01-01'::timestamp + g * interval '1 day', 'p' || g FROM generate_series(1, 10) g");

        // An edited product already in UAT: the incremental copy re-inserts id 3 and hits the primary key.
        await Pg.ExecAsync(Src, "UPDATE products SET last_modified = '2030-01-01', name = 'renamed' WHERE id = 3");
        var config = Pg.Config(Src, Tgt, [Smart("products", "last_modified", IncrementalType.DateTime)]);

        var (_, results, observer) = await RunAsync(config);

        var result = results.Single("products");
        Assert.Equal((RefreshStatus.Succeeded, RefreshAction.Full, 20L, 2), (result.Status, result.Action, result.RowsCopied, result.Attempts));
        Assert.Contains("fell back to a full refresh", result.Note, StringComparison.Ordinal);
        Assert.Contains("duplicate key", Assert.Single(observer.Events.OfType<FallbackStarted>()).Reason, StringComparison.Ordinal);
        Assert.Equal(await Pg.DumpAsync(Src, "products", "id"), await Pg.DumpAsync(Tgt, "products", "id"));
        var history = await new History.HistoryJournal(Engines.EngineRegistry.For(EngineKind.PostgreSql), config.Target, config.Settings, "t").ReadAsync(new History.HistoryQuery(), TestContext.Current.CancellationToken);
        Assert.Equal(["Full:Succeeded", "Incremental:Failed"], history.OrderByDescending(h => h.Attempt).Select(h => $"{h.Action}:{h.Status}"));
    }

    [Fact]
    public async Task Row_limit_caps_the_copy_in_watermark_order()
    {
        await Both("CREATE TABLE users (id int PRIMARY KEY)");
        await Pg.ExecAsync(Src, "INSERT INTO users SELECT g FROM generate_series(1, 500) g");
        var table = Incremental("users", "id") with { RowLimit = 100 };

        var (plans, results, _) = await RunAsync(Pg.Config(Src, Tgt, [table]));

        Assert.Equal(100, plans.Single("users").EstimatedRows);
        Assert.Equal((100L, "100"), (results.Single("users").RowsCopied, results.Single("users").WatermarkAfter));
    }
}
