using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.History;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>What the dashboard's overview reads: every table's estimate in one call, every table's last history row in one query.</summary>
public abstract partial class EngineConformanceTests
{
    [Fact]
    public async Task Batched_estimates_are_the_single_estimate_of_each_table()
    {
        SkipIfKnownBug();
        await Db.ExecAsync(Source, $"CREATE TABLE est_big (id {Db.IntType} PRIMARY KEY)");
        await Db.ExecAsync(Source, $"CREATE TABLE est_small (id {Db.IntType} PRIMARY KEY)");
        await Db.ExecAsync(Source, $"CREATE TABLE est_empty (id {Db.IntType} PRIMARY KEY)");
        await Db.ExecAsync(Source, $"INSERT INTO est_big (id) SELECT g FROM {Db.Series(1, 1200)}");
        await Db.ExecAsync(Source, $"INSERT INTO est_small (id) SELECT g FROM {Db.Series(1, 7)}");
        var config = Db.Config([Full("est_big"), Full("est_small"), Full("est_empty")]);
        var engine = EngineRegistry.For(Db.Kind);
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await engine.OpenAsync(config.Source, ConnectionPurpose.Inspect, config.Settings, "conformance", ct);
        var catalog = await engine.ReadCatalogAsync(connection, ct);
        var names = new[] { "est_big", "est_small", "est_empty" }.Select(n => catalog.Resolve(TableName.Parse(n))!).ToList();

        var batch = await engine.EstimateRowsAsync(connection, names, ct);

        foreach (var name in names)
        {
            Assert.Equal(await engine.EstimateRowsAsync(connection, name, null, ct), batch[name]);
        }

        Assert.Equal(3, batch.Count);
        Assert.Equal((1200L, 7L, 0L), (await engine.CountAsync(connection, null, names[0], null, ct), await engine.CountAsync(connection, null, names[1], null, ct), batch[names[2]]));
        Assert.Empty(await engine.EstimateRowsAsync(connection, [], ct));
    }

    [Fact]
    public async Task Each_tables_last_history_row_shows_however_many_newer_rows_another_table_has()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE sales (id {Db.IntType} PRIMARY KEY)");
        var config = Db.Config([Full("sales")]);
        await RunAsync(config);   // the history table, with its indexes; sales' row is the newest of all

        // quiet: two runs in 2019 and 2020; Busy (spelled so in its rows): 500 runs, hour by hour, after both.
        await Db.ExecAsync(Target, $"""
            INSERT INTO datarefresh_history (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, rows_copied, rows_deleted, os_user, db_login, host, process_id, module_version)
            SELECT {Db.Concat("'q'", "g")}, 'r', 'quiet', 1, 'FullReplace', 'Full', CASE WHEN g = 2 THEN 'Failed' ELSE 'Succeeded' END, {Db.AddHours("2019-01-01", "g * 4000")}, g, 0, 'u', 'l', 'h', 1, 'v'
            FROM {Db.Series(1, 2)}
            """);
        await Db.ExecAsync(Target, $"""
            INSERT INTO datarefresh_history (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, rows_copied, rows_deleted, os_user, db_login, host, process_id, module_version)
            SELECT {Db.Concat("'b'", "g")}, 'r', 'Busy', 1, 'FullReplace', 'Full', 'Succeeded', {Db.AddHours("2021-01-01", "g")}, g, 0, 'u', 'l', 'h', 1, 'v'
            FROM {Db.Series(1, 500)}
            """);
        var engine = EngineRegistry.For(Db.Kind);
        var ct = TestContext.Current.CancellationToken;
        await using var journal = new HistoryJournal(engine, config.Target, config.Settings, "conformance");

        var last = await journal.LastPerTableAsync(["quiet", "busy", "sales", "never_ran"], ct);

        var byTable = last.ToDictionary(h => h.Table, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(3, last.Count);
        Assert.Equal(("q2", HistoryStatus.Failed), (byTable["quiet"].EntryId, byTable["quiet"].Status));
        Assert.Equal(("b500", "Busy"), (byTable["busy"].EntryId, byTable["busy"].Table));
        Assert.Equal(HistoryStatus.Succeeded, byTable["sales"].Status);
        Assert.False(byTable.ContainsKey("never_ran"));

        // The newest rows alone (what the overview read before) do not reach quiet's.
        Assert.DoesNotContain(await journal.ReadAsync(new HistoryQuery { Last = 200 }, ct), h => h.Table == "quiet");
    }
}
