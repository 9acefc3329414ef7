using DataRefresh.Configuration;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Tests.Support;
using Npgsql;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Staging;

/// <summary>
/// staging_partition_switch's parallel partition loads on a real PostgreSQL server. Each UAT partition carries a
/// CHECK whose function takes a shared advisory lock keyed by the partition's month, so a staging load (which
/// checks the rows it copies) waits at its first row while the test holds that month's gate: which loads are in
/// flight at once is then seen in pg_locks, not guessed from timings.
/// </summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlParallelLoadTests : PostgresTestBase
{
    private const int Gate = 4242;
    private const int Months = 6;

    private const string Schema = """
        CREATE TABLE ledger (id bigint NOT NULL, day date NOT NULL, amount numeric(12,2), note text, PRIMARY KEY (id, day)) PARTITION BY RANGE (day);
        CREATE INDEX ledger_amount ON ledger (amount);
        CREATE TABLE ledger_2024_01 PARTITION OF ledger FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
        CREATE TABLE ledger_2024_02 PARTITION OF ledger FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
        CREATE TABLE ledger_2024_03 PARTITION OF ledger FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
        CREATE TABLE ledger_2024_04 PARTITION OF ledger FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');
        CREATE TABLE ledger_2024_05 PARTITION OF ledger FOR VALUES FROM ('2024-05-01') TO ('2024-06-01');
        CREATE TABLE ledger_2024_06 PARTITION OF ledger FOR VALUES FROM ('2024-06-01') TO ('2024-07-01');
        """;

    private static string Rows(string note) => $"INSERT INTO ledger SELECT g, '2024-01-01'::date + (g % 182), g * 0.5, '{note} ' || g FROM generate_series(1, 6000) g";

    /// <summary>UAT only: every partition's CHECK waits for its month's gate (a shared advisory lock, held to the load's commit).</summary>
    private const string Gates = """
        CREATE FUNCTION dr_gate(d date) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN PERFORM pg_advisory_xact_lock_shared(4242, extract(month FROM d)::int); RETURN true; END$$;
        DO $$DECLARE m int; BEGIN FOR m IN 1..6 LOOP
            EXECUTE format('ALTER TABLE ledger_2024_%1$s ADD CONSTRAINT ledger_2024_%1$s_gate CHECK (dr_gate(day))', lpad(m::text, 2, '0'));
        END LOOP; END$$;
        """;

    /// <summary>The partitions' indexes and constraints, as the catalog says (no OIDs).</summary>
    private const string Catalog = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
            SELECT tablename || ' ' || indexdef AS line FROM pg_indexes WHERE tablename LIKE 'ledger%'
            UNION ALL
            SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid::regclass::text LIKE 'ledger%') lines
        """;

    private static readonly string StagingCount = $"SELECT count(*) FROM pg_class WHERE relname LIKE '{RunTag.StagingLikePattern}'";

    private RefreshConfig Config(int parallelism) =>
        Pg.Config(Src, Tgt, [Full("ledger") with { Strategy = RefreshStrategy.StagingPartitionSwitch, BatchSize = 500 }], s => s with { PartitionParallelism = parallelism });

    private async Task SetUpAsync()
    {
        await Both(Schema);
        await Pg.ExecAsync(Src, Rows("source"));
        await Pg.ExecAsync(Tgt, Rows("old uat"));
        await Pg.ExecAsync(Tgt, Gates);
    }

    /// <summary>The months whose load waits at its gate now, with the waiting session.</summary>
    private async Task<Dictionary<int, int>> WaitingAsync(NpgsqlConnection probe)
    {
        var waiting = new Dictionary<int, int>();
        await using var cmd = new NpgsqlCommand($"SELECT l.objid::int, l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = '{Tgt}' AND l.locktype = 'advisory' AND l.classid = {Gate} AND l.objsubid = 2 AND NOT l.granted", probe);
        await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            waiting[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return waiting;
    }

    /// <summary>Staging loads in flight: sessions copying into a staging table now (waiting at a gate or not).</summary>
    private async Task<long> InFlightAsync(NpgsqlConnection probe)
    {
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{Tgt}' AND state = 'active' AND query LIKE 'COPY %{RunTag.StagingPrefix.Replace("_", "\\_", StringComparison.Ordinal)}%FROM STDIN%'", probe);
        return (long)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The most Copy steps (a partition's load, from its start to its COPY's end) that overlap in time.</summary>
    private static int MostOverlapping(IEnumerable<StepTiming> steps)
    {
        var edges = steps.Where(s => s.Step == RefreshStep.Copy)
            .SelectMany(s => new[] { (At: s.StartedAt, Delta: 1), (At: s.StartedAt + s.Duration, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta);
        int now = 0, most = 0;
        foreach (var edge in edges)
        {
            now += edge.Delta;
            most = Math.Max(most, now);
        }

        return most;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Partitions_load_concurrently_never_more_than_partition_parallelism_at_once(int parallelism)
    {
        await SetUpAsync();
        await using var gates = await Pg.OpenAsync(Tgt);
        await using var probe = await Pg.OpenAsync(Tgt);
        for (var m = 1; m <= Months; m++)
        {
            await ExecAsync(gates, $"SELECT pg_advisory_lock({Gate}, {m})");
        }

        var config = Config(parallelism);
        var plan = (await PlanAsync(config)).Single();
        var observer = new RecordingObserver();
        var run = RunAsync(config, observer);
        var released = new HashSet<int>();
        long most = 0;
        var sawAll = false;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        try
        {
            // Hold every gate until `parallelism` loads wait at theirs; then open the lowest waiting one at a time.
            while (!run.IsCompleted)
            {
                Assert.True(DateTime.UtcNow < deadline, "the loads never got going");
                most = Math.Max(most, await InFlightAsync(probe));
                var waiting = await WaitingAsync(probe);
                sawAll |= waiting.Count == parallelism;
                if (sawAll && waiting.Count > 0)
                {
                    var month = waiting.Keys.Min();
                    await ExecAsync(gates, $"SELECT pg_advisory_unlock({Gate}, {month})");
                    released.Add(month);
                }

                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await ExecAsync(gates, "SELECT pg_advisory_unlock_all()");
        }

        var (_, results, _) = await run;
        var result = results.Single();

        Assert.Equal(RefreshStatus.Succeeded, result.Status);
        Assert.True(sawAll, $"never saw {parallelism} loads at their gates at once");
        Assert.Equal(parallelism, (int)most);
        Assert.Equal(parallelism, MostOverlapping(result.Steps));
        Assert.Contains(plan.Steps, s => s.Contains(parallelism == 1 ? "the 6 staging loads run one after another (partition_parallelism 1)" : $"the 6 staging loads run in parallel, up to {parallelism} at once (partition_parallelism {parallelism})", StringComparison.Ordinal));
        Assert.Equal(await Pg.DumpAsync(Src, "ledger", "id, day"), await Pg.DumpAsync(Tgt, "ledger", "id, day"));
        Assert.Equal((6000L, 6000L), (result.RowsCopied, result.RowsDeleted));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, StagingCount));

        // Each partition: its Copy then its IndexBuild step; progress adds up to the rows copied.
        var partitions = Enumerable.Range(1, Months).Select(m => $"partition ledger_2024_{m:00}:").ToList();
        foreach (var p in partitions)
        {
            Assert.Equal([RefreshStep.Copy, RefreshStep.IndexBuild], result.Steps.Where(s => s.Detail?.StartsWith(p, StringComparison.Ordinal) == true).Select(s => s.Step));
        }

        Assert.Equal(6000L, result.Steps.Where(s => s.Step == RefreshStep.Copy).Sum(s => s.Rows));
        Assert.Equal(6000L, observer.ProgressReports.Last().RowsCopied);
        Assert.True(observer.ProgressReports.Select(p => p.RowsCopied).Zip(observer.ProgressReports.Skip(1).Select(p => p.RowsCopied)).All(p => p.First <= p.Second), "progress went backwards");
        if (parallelism == 1)
        {
            // One after another, as before: partition order, each load's steps before the next one's.
            Assert.Equal(partitions.SelectMany(p => new[] { $"Copy {p}", $"IndexBuild {p}" }), result.Steps.Where(s => s.Step is RefreshStep.Copy or RefreshStep.IndexBuild).Select(s => $"{s.Step} {s.Detail![..(s.Detail!.IndexOf(':', StringComparison.Ordinal) + 1)]}"));
        }
    }

    public static TheoryData<int> EachLoad => [0, 1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(EachLoad))]
    public async Task Killing_one_parallel_load_cancels_the_others_and_leaves_the_target_as_it_was(int killed)
    {
        const int Parallelism = 3;
        await SetUpAsync();
        var before = await Pg.DumpAsync(Tgt, "ledger", "id, day");
        var catalog = await Pg.ScalarAsync<string>(Tgt, Catalog);
        await using var gates = await Pg.OpenAsync(Tgt);
        await using var probe = await Pg.OpenAsync(Tgt);
        for (var m = 1; m <= Months; m++)
        {
            await ExecAsync(gates, $"SELECT pg_advisory_lock({Gate}, {m})");
        }

        // Loads are taken in partition order, three at a time: when load `killed` runs, the loads in flight with it
        // are the three from `first` (the earlier ones must have finished to free their sessions).
        var first = Math.Clamp(killed - (Parallelism - 1), 0, Months - Parallelism);
        var together = Enumerable.Range(first + 1, Parallelism).ToHashSet();
        var run = RunAsync(Config(Parallelism));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        try
        {
            while (true)
            {
                Assert.False(run.IsCompleted, "the run ended before the load was killed");
                Assert.True(DateTime.UtcNow < deadline, "the load to kill never got going");
                var waiting = await WaitingAsync(probe);
                foreach (var month in waiting.Keys.Where(m => m <= first))
                {
                    await ExecAsync(gates, $"SELECT pg_advisory_unlock({Gate}, {month})");
                }

                if (waiting.Keys.ToHashSet().SetEquals(together))
                {
                    // The other two loads are in flight (at their gates) while this one's session is killed.
                    Assert.Equal(Parallelism, await InFlightAsync(probe));
                    await ExecAsync(probe, $"SELECT pg_terminate_backend({waiting[killed + 1]})");
                    break;
                }

                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await ExecAsync(gates, "SELECT pg_advisory_unlock_all()");
        }

        var (_, results, _) = await run;

        Assert.Equal(RefreshStatus.Failed, results[0].Status);
        Assert.Contains("terminat", results[0].Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await Pg.DumpAsync(Tgt, "ledger", "id, day"));
        Assert.Equal(catalog, await Pg.ScalarAsync<string>(Tgt, Catalog));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, StagingCount));
        Assert.Equal(0L, await InFlightAsync(probe));

        // The next run finds nothing left behind and refreshes the table.
        var (_, again, _) = await RunAsync(Config(Parallelism));
        Assert.Equal(RefreshStatus.Succeeded, again[0].Status);
        Assert.Equal(await Pg.DumpAsync(Src, "ledger", "id, day"), await Pg.DumpAsync(Tgt, "ledger", "id, day"));
        Assert.Equal(catalog, await Pg.ScalarAsync<string>(Tgt, Catalog));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, StagingCount));
    }
}
