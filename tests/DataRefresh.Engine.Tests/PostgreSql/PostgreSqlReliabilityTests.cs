using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.History;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>Killed sessions, concurrent runs, retries, cancellation, dry runs: the target is never left half-done.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlReliabilityTests : PostgresTestBase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var db in new[] { Src, Tgt })
        {
            await Pg.ExecAsync(db, "CREATE TABLE sales (id bigint PRIMARY KEY, sold_on date NOT NULL, amount numeric(12,2), note text)");
        }

        await Pg.ExecAsync(Src, "INSERT INTO sales SELECT g, '2024-01-01'::date + g / 1000, g * 0.01, 'source ' || g FROM generate_series(1, 30000) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO sales SELECT g, '2024-01-01'::date + g / 1000, g * 0.02, 'uat ' || g FROM generate_series(1, 20000) g");
    }

    private Task<List<string>> TargetRows() => Pg.DumpAsync(Tgt, "sales", "id");

    private static async Task<IReadOnlyList<HistoryEntry>> History(RefreshConfig config) =>
        await new HistoryJournal(EngineRegistry.For(EngineKind.PostgreSql), config.Target, config.Settings, "test").ReadAsync(new HistoryQuery(), TestContext.Current.CancellationToken);

    /// <summary>Terminate the session that holds the refresh lock in the target: the refresh transaction itself.</summary>
    private void KillRefreshSession()
    {
        using var c = Pg.OpenAsync("postgres").GetAwaiter().GetResult();
        using var cmd = new Npgsql.NpgsqlCommand($"SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = '{Tgt}')", c);
        Assert.Equal(1L, (long)cmd.ExecuteScalar()!);
    }

    public static TheoryData<string, string> KillPoints => new()
    {
        { "full", nameof(RefreshStep.Empty) }, { "full", "progress" }, { "full", nameof(RefreshStep.Copy) },
        { "incremental", nameof(RefreshStep.Decide) }, { "incremental", "progress" }, { "incremental", nameof(RefreshStep.Copy) },
        { "buffer", nameof(RefreshStep.DeleteWindow) }, { "buffer", "progress" }, { "buffer", nameof(RefreshStep.Copy) },
        { "merge", "progress" }, { "merge", nameof(RefreshStep.Stage) }, { "merge", nameof(RefreshStep.DeleteMissing) }, { "merge", nameof(RefreshStep.Insert) },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Terminating_the_target_session_leaves_the_target_as_before_and_history_says_failed(string mode, string point)
    {
        var table = mode switch
        {
            "full" => Full("sales"),
            "incremental" => Incremental("sales", "id"),
            "merge" => Full("sales") with { LoadMethod = LoadMethod.Merge },
            _ => Incremental("sales", "sold_on", IncrementalType.Date, buffer: 5),
        } with
        { BatchSize = 1000 };
        var config = Pg.Config(Src, Tgt, [table]);
        var before = await TargetRows();
        var killed = false;
        var observer = new RecordingObserver();
        void Kill()
        {
            if (!killed)
            {
                killed = true;
                KillRefreshSession();
            }
        }

        if (point == "progress")
        {
            observer.OnProgress = p => { if (p.RowsCopied > 0) { Kill(); } };
        }
        else
        {
            // The session dies as the named step finishes (a merge's Insert is its last before commit; Stage is the stream compare's too).
            observer.OnAnyEvent = e => { if (e is StepFinished s && s.Step.ToString() == point) { Kill(); } };
        }

        var (_, results, _) = await RunAsync(config, observer);

        Assert.True(killed, "the session was never killed");
        Assert.Equal(RefreshStatus.Failed, results.Single("sales").Status);
        Assert.Equal(before, await TargetRows());
        var history = Assert.Single(await History(config));
        Assert.Equal(HistoryStatus.Failed, history.Status);
        Assert.NotNull(history.Error);
    }

    [Fact]
    public async Task A_transient_failure_retries_the_whole_table_and_history_keeps_both_attempts()
    {
        var config = Pg.Config(Src, Tgt, [Full("sales") with { BatchSize = 1000 }], s => s with { MaxRetries = 2 });
        var killed = false;
        var observer = new RecordingObserver { OnProgress = p => { if (!killed && p.RowsCopied > 0) { killed = true; KillRefreshSession(); } } };

        var (_, results, _) = await RunAsync(config, observer);

        var result = results.Single("sales");
        Assert.Equal((RefreshStatus.Succeeded, 2, 30000L), (result.Status, result.Attempts, result.RowsCopied));
        Assert.Equal(await Pg.DumpAsync(Src, "sales", "id"), await TargetRows());
        Assert.Equal(["1:Failed", "2:Succeeded"], (await History(config)).OrderBy(h => h.Attempt).Select(h => $"{h.Attempt}:{h.Status}"));
    }

    [Fact]
    public async Task Non_transient_errors_are_not_retried()
    {
        await Pg.ExecAsync(Tgt, "ALTER TABLE sales ADD CONSTRAINT small CHECK (note NOT LIKE 'source 2999%')");
        var config = Pg.Config(Src, Tgt, [Full("sales")], s => s with { MaxRetries = 3 });

        var (_, results, _) = await RunAsync(config);

        var result = results.Single("sales");
        Assert.Equal((RefreshStatus.Failed, 1), (result.Status, result.Attempts));
        Assert.Contains("small", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_concurrent_refresh_of_a_table_fails_fast_naming_the_run_that_holds_it()
    {
        var config = Pg.Config(Src, Tgt, [Full("sales") with { BatchSize = 1000 }]);
        IReadOnlyList<RefreshResult>? second = null;
        var observer = new RecordingObserver();
        observer.OnProgress = p =>
        {
            if (second is null && p.RowsCopied > 0)
            {
                second = Task.Run(() => RunAsync(config)).GetAwaiter().GetResult().Results;
            }
        };

        var (_, first, _) = await RunAsync(config, observer);

        Assert.Equal(RefreshStatus.Succeeded, first.Single("sales").Status);
        var loser = second!.Single("sales");
        Assert.Equal(RefreshStatus.Failed, loser.Status);
        Assert.Contains(new RunTag(first[0].RunId).Label, loser.Error, StringComparison.Ordinal);
        Assert.Contains("only one refresh of a table runs at a time", loser.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_rolls_back_the_table_in_flight()
    {
        using var cancel = new CancellationTokenSource();
        var config = Pg.Config(Src, Tgt, [Full("sales") with { BatchSize = 1000 }]);
        var before = await TargetRows();
        var observer = new RecordingObserver { OnProgress = p => { if (p.RowsCopied > 0) { cancel.Cancel(); } } };

        var (_, results, _) = await RunAsync(config, observer, cancellationToken: cancel.Token);

        Assert.Equal(RefreshStatus.Failed, results.Single("sales").Status);
        Assert.Contains("cancelled", results.Single("sales").Error, StringComparison.Ordinal);
        Assert.Equal(before, await TargetRows());
        Assert.Equal(HistoryStatus.Failed, Assert.Single(await History(config)).Status);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_on_either_side()
    {
        // Both databases refuse every write for new sessions: any attempt would fail the run.
        await Pg.ExecAsync("postgres", $"ALTER DATABASE \"{Src}\" SET default_transaction_read_only = on; ALTER DATABASE \"{Tgt}\" SET default_transaction_read_only = on");
        var config = Pg.Config(Src, Tgt, [Full("sales"), Incremental("sales_missing", "id")], s => s with { DryRun = true });

        var (plans, results, _) = await RunAsync(config);

        Assert.Equal(2, plans.Count);
        Assert.All(results, r => Assert.Equal(RefreshStatus.Skipped, r.Status));
        Assert.Contains("dry run", results.Single("sales").Note, StringComparison.Ordinal);
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM pg_class WHERE relname = 'datarefresh_history'"));
        Assert.Equal(20000L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM sales WHERE note LIKE 'uat%'"));
    }

    [Fact]
    public async Task A_run_left_running_by_a_killed_process_is_marked_abandoned_by_the_next_run()
    {
        var config = Pg.Config(Src, Tgt, [Incremental("sales", "id")]);
        await RunAsync(config);
        await Pg.ExecAsync(Tgt, """
            INSERT INTO datarefresh_history (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, rows_copied, rows_deleted, os_user, db_login, host, process_id, module_version)
            VALUES ('killed-entry', 'ffffffffffffffffffffffffffffffff', 'sales', 1, 'Incremental', 'Incremental', 'Running', now() - interval '1 hour', 0, 0, 'x', 'x', 'x', 1, '0')
            """);

        var (_, _, observer) = await RunAsync(config);

        var killed = (await History(config)).Single(h => h.EntryId == "killed-entry");
        Assert.Equal(HistoryStatus.Abandoned, killed.Status);
        Assert.Contains(observer.Warnings, w => w.Contains("Abandoned", StringComparison.Ordinal));

        // Nobody knows when the killed process stopped: no end time, so no invented duration of "an hour".
        Assert.Null(killed.EndedAt);
        Assert.Null(killed.Duration);
        Assert.Contains("marked Abandoned by DataRefresh run ", killed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_records_who_what_and_when_for_every_attempt()
    {
        var config = Pg.Config(Src, Tgt, [Incremental("sales", "id")]);

        var (_, results, _) = await RunAsync(config);

        var entry = Assert.Single(await History(config));
        Assert.Equal((results[0].RunId, "sales", "Incremental", HistoryStatus.Succeeded, 10000L), (entry.RunId, entry.Table, entry.Action, entry.Status, entry.RowsCopied));
        Assert.Equal(("20000", "30000", "postgres", Environment.MachineName, Environment.UserName), (entry.WatermarkBefore, entry.WatermarkAfter, entry.DatabaseLogin, entry.Host, entry.OsUser));
        Assert.NotNull(entry.EndedAt);
        Assert.False(string.IsNullOrEmpty(entry.ModuleVersion));
    }

    [Fact]
    public async Task A_target_that_is_the_source_under_another_name_is_refused_after_connecting()
    {
        var config = Pg.Config(Src, Tgt, [Full("sales")]);
        config = config with { Target = config.Source with { Side = DatabaseSide.Target, Server = "localhost" } };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PlanAsync(config));

        Assert.Contains("same database", error.Message, StringComparison.Ordinal);
    }
}
