using DataRefresh.Checks;
using DataRefresh.Execution;
using DataRefresh.History;
using DataRefresh.Tests.Support;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>Error text on every engine: what failed first, then what the server said; bad settings refused before any write.</summary>
public abstract partial class EngineConformanceTests
{
    [Fact]
    public async Task A_foreign_key_violated_by_the_copy_names_the_table_first_then_shows_the_servers_detail()
    {
        SkipIfKnownBug();
        await Both($"""
            CREATE TABLE parent (id {Db.IntType} PRIMARY KEY, name {Db.TextType});
            CREATE TABLE child (id {Db.IntType} PRIMARY KEY, parent_id {Db.IntType} NOT NULL, CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id));
            """);
        await Db.ExecAsync(Source, $"INSERT INTO parent (id, name) SELECT g, {Db.Concat("'parent '", "g")} FROM {Db.Series(1, 6)}");
        await Db.ExecAsync(Source, $"INSERT INTO child (id, parent_id) SELECT g, 1 + (g - 1) % 6 FROM {Db.Series(1, 12)}");

        // UAT lacks parent 6: the child rows that reference it cannot load.
        await Db.ExecAsync(Target, $"INSERT INTO parent (id, name) SELECT g, {Db.Concat("'parent '", "g")} FROM {Db.Series(1, 5)}");
        var config = Db.Config([Full("child")]);

        var (_, results, _) = await RunAsync(config);

        var result = results.Single("child");
        Assert.Equal(RefreshStatus.Failed, result.Status);
        var error = result.Error!;
        var firstLine = error.Split('\n')[0];
        Assert.Contains("child", firstLine, StringComparison.Ordinal);
        Assert.Contains(Db.ForeignKeyDetail, error, StringComparison.Ordinal);
        Assert.DoesNotContain("redacted", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Include Error Detail", error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, await Long(Target, "SELECT count(*) FROM child"));
        var entry = Assert.Single(await History(config));
        Assert.Equal((HistoryStatus.Failed, error), (entry.Status, entry.Error));
    }

    [Fact]
    public async Task A_history_table_that_names_an_ordinary_table_is_refused_by_name_before_anything_is_written()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE sales (id {Db.IntType} PRIMARY KEY, amount {Db.DecimalType})");
        await Db.ExecAsync(Source, $"INSERT INTO sales (id, amount) SELECT g, g FROM {Db.Series(1, 50)}");
        await Db.ExecAsync(Target, $"INSERT INTO sales (id, amount) SELECT g, -g FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Target, $"CREATE TABLE audit_log (entry_id {Db.KeyType} PRIMARY KEY, note {Db.TextType})");
        await Db.ExecAsync(Target, "INSERT INTO audit_log (entry_id, note) VALUES ('a1', 'kept')");
        var sales = await Db.DumpAsync(Target, "sales", "id");
        var audit = await Db.DumpAsync(Target, "audit_log", "entry_id");
        var config = Db.Config([Full("sales")], s => s with { HistoryTable = "audit_log" });

        var planned = await Assert.ThrowsAsync<InvalidOperationException>(() => PlanAsync(config));
        var run = await Assert.ThrowsAsync<InvalidOperationException>(() => new RefreshRunner(config, new RecordingObserver()).RunAsync([], 1, TestContext.Current.CancellationToken));
        var read = await Assert.ThrowsAsync<InvalidOperationException>(() => History(config));

        foreach (var message in new[] { planned.Message, run.Message, read.Message })
        {
            Assert.StartsWith("settings.history_table: ", message, StringComparison.Ordinal);
            Assert.Contains("audit_log is not a DataRefresh history table", message, StringComparison.Ordinal);
            Assert.Contains("run_id, table_name, attempt", message, StringComparison.Ordinal);
            Assert.DoesNotContain("entry_id,", message, StringComparison.Ordinal);
        }

        Assert.Equal(sales, await Db.DumpAsync(Target, "sales", "id"));
        Assert.Equal(audit, await Db.DumpAsync(Target, "audit_log", "entry_id"));

        var checks = await ConfigChecks.ConnectAsync(config, TestContext.Current.CancellationToken);
        var check = checks.Single(c => c.Check == "HistoryTable");
        Assert.Equal((CheckOutcome.Failed, "Target"), (check.Outcome, check.Side));
        Assert.Contains("audit_log is not a DataRefresh history table", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_RefreshConfig_passes_a_history_table_that_does_not_exist_yet_or_that_DataRefresh_made()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE sales (id {Db.IntType} PRIMARY KEY, amount {Db.DecimalType})");
        await Db.ExecAsync(Source, $"INSERT INTO sales (id, amount) SELECT g, g FROM {Db.Series(1, 5)}");
        var config = Db.Config([Full("sales")]);

        var before = (await ConfigChecks.ConnectAsync(config, TestContext.Current.CancellationToken)).Single(c => c.Check == "HistoryTable");
        Assert.Equal(CheckOutcome.Passed, before.Outcome);
        Assert.Contains("does not exist yet", before.Message, StringComparison.Ordinal);
        Assert.False(await Db.TableExistsAsync(Target, "datarefresh_history"));

        Assert.Equal(RefreshStatus.Succeeded, (await RunAsync(config)).Results.Single("sales").Status);

        var after = (await ConfigChecks.ConnectAsync(config, TestContext.Current.CancellationToken)).Single(c => c.Check == "HistoryTable");
        Assert.Equal(CheckOutcome.Passed, after.Outcome);
        Assert.Contains("is a DataRefresh history table", after.Message, StringComparison.Ordinal);
    }
}
