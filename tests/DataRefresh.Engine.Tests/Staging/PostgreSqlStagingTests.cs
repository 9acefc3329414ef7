using DataRefresh.Configuration;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Staging;

/// <summary>staging_partition_switch on a real PostgreSQL server: partition swaps, load-aside, readers, kills, leftovers.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlStagingTests : PostgresTestBase
{
    private const string Partitioned = """
        CREATE TABLE daily (report_date date NOT NULL, region text NOT NULL, revenue numeric(12,2), PRIMARY KEY (report_date, region)) PARTITION BY RANGE (report_date);
        CREATE INDEX daily_region ON daily (region);
        CREATE TABLE daily_2024_01 PARTITION OF daily FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
        CREATE TABLE daily_2024_02 PARTITION OF daily FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
        CREATE TABLE daily_2024_03 PARTITION OF daily FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
        CREATE TABLE daily_2024_04 PARTITION OF daily FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');
        """;

    private const string Days = "INSERT INTO daily SELECT d::date, r, 100 FROM generate_series('2024-01-01'::date, '2024-04-30', '1 day') d, unnest(ARRAY['north', 'south', 'west']) r";

    private static TableConfig Staged(TableConfig table) => table with { Strategy = RefreshStrategy.StagingPartitionSwitch };

    private async Task<string> Physical(string partition) =>
        await Pg.ScalarAsync<string>(Tgt, $"SELECT string_agg(ctid::text || '/' || xmin::text, ',' ORDER BY ctid) FROM {partition}");

    [Fact]
    public async Task An_incremental_window_rebuilds_only_the_partitions_it_touches()
    {
        await Both(Partitioned);
        await Both(Days);
        await Pg.ExecAsync(Src, "UPDATE daily SET revenue = 555 WHERE report_date = '2024-03-25'; UPDATE daily SET revenue = 777 WHERE report_date = '2024-04-05'; UPDATE daily SET revenue = 111 WHERE report_date = '2024-01-10'");
        var january = await Physical("daily_2024_01");
        var february = await Physical("daily_2024_02");
        var config = Pg.Config(Src, Tgt, [Staged(Incremental("daily", "report_date", IncrementalType.Date, buffer: 40))]);

        // The window starts on March 21: March straddles it (its rows before the 21st stay), April is wholly inside.
        var plan = (await PlanAsync(config)).Single();
        var steps = string.Join("\n", plan.Steps);
        Assert.Contains("daily_2024_01, daily_2024_02: untouched", steps, StringComparison.Ordinal);
        Assert.Contains("daily_2024_03: rows moved in place", steps, StringComparison.Ordinal);
        Assert.Contains("daily_2024_04: swapped", steps, StringComparison.Ordinal);

        var (_, results, _) = await RunAsync(config);

        var result = results.Single();
        Assert.Equal((RefreshStatus.Succeeded, 123L, 123L), (result.Status, result.RowsCopied, result.RowsDeleted));
        Assert.Equal(january, await Physical("daily_2024_01"));
        Assert.Equal(february, await Physical("daily_2024_02"));
        Assert.Equal(await Pg.DumpAsync(Src, "daily", "report_date, region") is var all ? all.Where(r => !r.Contains("2024-01-10", StringComparison.Ordinal)) : [], (await Pg.DumpAsync(Tgt, "daily", "report_date, region")).Where(r => !r.Contains("2024-01-10", StringComparison.Ordinal)));
        Assert.Equal(100m, await Pg.ScalarAsync<decimal>(Tgt, "SELECT revenue FROM daily WHERE report_date = '2024-01-10' AND region = 'north'"));
        Assert.Equal(4L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'daily'::regclass"));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, $"SELECT count(*) FROM pg_class WHERE relname LIKE '{RunTag.StagingLikePattern}'"));
    }

    [Fact]
    public async Task A_full_refresh_swaps_every_partition_and_keeps_indexes()
    {
        await Both(Partitioned);
        await Pg.ExecAsync(Src, Days);
        await Pg.ExecAsync(Tgt, "INSERT INTO daily VALUES ('2024-02-02', 'stale', 1)");
        const string Indexes = "SELECT string_agg(regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON'), '; ' ORDER BY indexdef) FROM pg_indexes WHERE tablename = 'daily_2024_03'";
        var indexesBefore = await Pg.ScalarAsync<string>(Tgt, Indexes);

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Staged(Full("daily"))]));

        Assert.Equal((RefreshStatus.Succeeded, 363L, 1L), (results[0].Status, results[0].RowsCopied, results[0].RowsDeleted));
        Assert.Equal(await Pg.DumpAsync(Src, "daily", "report_date, region"), await Pg.DumpAsync(Tgt, "daily", "report_date, region"));
        Assert.Equal(indexesBefore, await Pg.ScalarAsync<string>(Tgt, Indexes));
    }

    [Fact]
    public async Task Preflight_blocks_source_rows_that_no_partition_would_accept()
    {
        await Both(Partitioned);
        await Pg.ExecAsync(Src, "CREATE TABLE daily_2024_05 PARTITION OF daily FOR VALUES FROM ('2024-05-01') TO ('2024-06-01')");
        await Pg.ExecAsync(Src, Days + "; INSERT INTO daily VALUES ('2024-05-03', 'north', 1)");

        var plan = (await PlanAsync(Pg.Config(Src, Tgt, [Staged(Full("daily"))]))).Single();

        Assert.Equal(RefreshAction.Skip, plan.Action);
        Assert.Contains("1 source row(s) fall outside every partition of public.daily on report_date", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_table_loads_aside_keeping_views_and_foreign_keys_and_readers_never_see_a_partial_table()
    {
        await Both("CREATE TABLE facts (id bigint PRIMARY KEY, payload text)");
        await Pg.ExecAsync(Src, "INSERT INTO facts SELECT g, md5(g::text) FROM generate_series(1, 500000) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO facts SELECT g, 'old' FROM generate_series(1, 400000) g");
        await Pg.ExecAsync(Tgt, "CREATE VIEW recent_facts AS SELECT id FROM facts WHERE id > 399990; CREATE TABLE notes (fact_id bigint REFERENCES facts (id) DEFERRABLE); INSERT INTO notes VALUES (5)");
        var table = Staged(Full("facts")) with { ExternalReferences = ExternalReferences.Defer, TruncateTarget = false, BatchSize = 50000 };
        using var stop = new CancellationTokenSource();
        var seen = new HashSet<long>();
        var reader = Task.Run(async () =>
        {
            await using var c = await Pg.OpenAsync(Tgt);
            while (!stop.IsCancellationRequested)
            {
                await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM facts", c);
                seen.Add((long)(await cmd.ExecuteScalarAsync())!);
            }
        });

        var (plans, results, _) = await RunAsync(Pg.Config(Src, Tgt, [table]));
        await stop.CancelAsync();
        await reader;

        Assert.Contains("load the source rows into a staging table", plans[0].Steps[0], StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Succeeded, results[0].Status);
        Assert.Subset(new HashSet<long> { 400000, 500000 }, seen);
        Assert.Contains(400000L, seen);
        Assert.Equal(100010L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM recent_facts"));
        Assert.Equal(1L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM notes JOIN facts ON facts.id = notes.fact_id"));
    }

    public static TheoryData<string, string> KillPoints => new()
    {
        // A step's name, and which of its kind (a partition's copy, then its index build; a window's move in place, then its swap).
        { "partitioned", "progress" }, { "partitioned", "Copy#1" }, { "partitioned", "IndexBuild#1" }, { "partitioned", "Swap#1" },
        { "plain", "progress" }, { "plain", "Copy#1" }, { "plain", "Swap#1" },
        { "window", "progress" }, { "window", "Swap#1" }, { "window", "Swap#2" },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Killing_a_session_at_any_step_leaves_the_target_as_before_and_no_staging_behind(string shape, string point)
    {
        string table;
        if (shape is "partitioned" or "window")
        {
            await Both(Partitioned);
            await Pg.ExecAsync(Src, Days.Replace("unnest(ARRAY['north', 'south', 'west'])", "(SELECT 'r' || g FROM generate_series(1, 100) g)", StringComparison.Ordinal));
            await Pg.ExecAsync(Tgt, Days);
            table = "daily";
        }
        else
        {
            await Both("CREATE TABLE facts (id bigint PRIMARY KEY, payload text)");
            await Pg.ExecAsync(Src, "INSERT INTO facts SELECT g, md5(g::text) FROM generate_series(1, 50000) g");
            await Pg.ExecAsync(Tgt, "INSERT INTO facts SELECT g, 'old' FROM generate_series(1, 100) g");
            table = "facts";
        }

        var order = shape == "plain" ? "id" : "report_date, region";
        var before = await Pg.DumpAsync(Tgt, table, order);
        var killed = false;
        void Kill(bool swapSession)
        {
            if (killed)
            {
                return;
            }

            killed = true;

            // The swap session holds the refresh lock; the loader is the other DataRefresh session on the target.
            var holder = $"pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')";
            using var c = Pg.OpenAsync("postgres").GetAwaiter().GetResult();
            using var cmd = new Npgsql.NpgsqlCommand($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{Tgt}' AND application_name LIKE '{RunTag.LabelPrefix}%' AND {(swapSession ? "" : "NOT ")}{holder}", c);
            Assert.True((long)cmd.ExecuteScalar()! >= 1);
        }

        var observer = new RecordingObserver();
        if (point == "progress")
        {
            observer.OnProgress = p => { if (p.RowsCopied > 0) { Kill(swapSession: false); } };
        }
        else
        {
            // The swap session dies at a swap, and at a plain table's load aside (it loads in the refresh transaction); the loader otherwise.
            var (step, nth) = (Enum.Parse<RefreshStep>(point.Split('#')[0]), int.Parse(point.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture));
            var seen = 0;
            observer.OnAnyEvent = e => { if (e is StepFinished s && s.Step == step && ++seen == nth) { Kill(swapSession: step == RefreshStep.Swap || shape == "plain"); } };
        }

        // "window": March straddles the 40-day window (its rows are moved in place), April is swapped.
        var config = Pg.Config(Src, Tgt, [Staged(shape == "window" ? Incremental(table, "report_date", IncrementalType.Date, buffer: 40) : Full(table)) with { BatchSize = 1000 }]);
        var (_, results, _) = await RunAsync(config, observer);

        Assert.True(killed, "the session was never killed");
        Assert.Equal(RefreshStatus.Failed, results[0].Status);
        Assert.Equal(before, await Pg.DumpAsync(Tgt, table, order));

        // Whatever the killed attempt could not drop, the next run does.
        await RunAsync(config);
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, $"SELECT count(*) FROM pg_class WHERE relname LIKE '{RunTag.StagingLikePattern}'"));
    }

    [Fact]
    public async Task Leftovers_of_a_killed_run_are_dropped_at_the_start_of_the_next()
    {
        await Both("CREATE TABLE facts (id bigint PRIMARY KEY, payload text)");
        await Pg.ExecAsync(Tgt, $"CREATE TABLE {RunTag.New().Unit(0).Name("0")} (id bigint)");

        var (_, results, observer) = await RunAsync(Pg.Config(Src, Tgt, [Staged(Full("facts"))]));

        Assert.Equal(RefreshStatus.Succeeded, results[0].Status);
        Assert.Contains(observer.Warnings, w => w.Contains("left by an earlier, killed run", StringComparison.Ordinal));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, $"SELECT count(*) FROM pg_class WHERE relname LIKE '{RunTag.StagingLikePattern}'"));
    }
}
