using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>How configured names find tables, and which tables are never refreshed: the same on every engine.</summary>
public abstract partial class EngineConformanceTests
{
    [Fact]
    public async Task A_quoted_name_matches_exactly_and_an_unquoted_one_ignores_case_in_any_script()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE \"Ünïcödé表\" (id {Db.IntType} PRIMARY KEY, note {Db.TextType})");
        await Both($"CREATE TABLE \"Zählerstände\" (id {Db.IntType} PRIMARY KEY, note {Db.TextType})");
        await Db.ExecAsync(Source, $"INSERT INTO \"Ünïcödé表\" (id, note) SELECT g, 'u' FROM {Db.Series(1, 5)}");
        await Db.ExecAsync(Source, $"INSERT INTO \"Zählerstände\" (id, note) SELECT g, 'z' FROM {Db.Series(1, 7)}");
        var config = Db.Config([Full("\"Ünïcödé表\""), Full("ZÄHLERSTÄNDE")]);

        var (plans, results, _) = await RunAsync(config);

        Assert.Equal(RefreshAction.Full, plans.Single("\"Ünïcödé表\"").Action);
        Assert.EndsWith(".Ünïcödé表", plans.Single("\"Ünïcödé表\"").TargetTable, StringComparison.Ordinal);
        Assert.EndsWith(".Zählerstände", plans.Single("ZÄHLERSTÄNDE").TargetTable, StringComparison.Ordinal);
        Assert.Equal((RefreshStatus.Succeeded, 5L), (results.Single("\"Ünïcödé表\"").Status, results.Single("\"Ünïcödé表\"").RowsCopied));
        Assert.Equal((RefreshStatus.Succeeded, 7L), (results.Single("ZÄHLERSTÄNDE").Status, results.Single("ZÄHLERSTÄNDE").RowsCopied));
        Assert.Equal(7L, await Long(Target, "SELECT count(*) FROM \"Zählerstände\""));
    }

    [Fact]
    public async Task A_system_table_is_never_planned_even_when_validation_is_bypassed()
    {
        SkipIfKnownBug();

        // SQLite makes sqlite_sequence for the first AUTOINCREMENT table; PostgreSQL's catalogs are always there.
        await Both($"CREATE TABLE counters ({Db.IdentityKey}, note {Db.TextType})");
        await Both("INSERT INTO counters (note) VALUES ('x')");
        var system = Db.Kind switch
        {
            EngineKind.PostgreSql => "pg_catalog.pg_description",
            EngineKind.Sqlite => "sqlite_sequence",
            _ => "INFORMATION_SCHEMA.TABLES",
        };

        var plan = (await PlanAsync(Db.Config([Full(system)]))).Single(system);

        Assert.Equal(RefreshAction.Skip, plan.Action);
        if (Db.Kind != EngineKind.SqlServer)
        {
            Assert.Contains("a system table of the database; DataRefresh never refreshes system tables", plan.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_history_table_is_never_planned_even_when_validation_is_bypassed()
    {
        SkipIfKnownBug();
        // A real history table (a first run creates it in the target; the source gets one of the same name), then a
        // config that names it as a table: validation refuses that, so the config is built in code.
        await Both($"CREATE TABLE things (id {Db.IntType} PRIMARY KEY)");
        await RunAsync(Db.Config([Full("things")], s => s with { HistoryTable = "refresh_log" }));
        await Db.ExecAsync(Source, $"CREATE TABLE refresh_log (id {Db.IntType} PRIMARY KEY)");
        var config = Db.Config([Full("REFRESH_LOG")], s => s with { HistoryTable = "refresh_log" });

        var plan = (await PlanAsync(config)).Single("REFRESH_LOG");

        Assert.Equal(RefreshAction.Skip, plan.Action);
        Assert.Contains("the history table (settings.history_table); DataRefresh writes its own history there and never refreshes it", plan.Reason, StringComparison.Ordinal);
    }
}
