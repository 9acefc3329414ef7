using System.Runtime.CompilerServices;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.History;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>
/// The engine's behaviour, written once and run against every engine: each sync mode, type fidelity, atomicity
/// under failure, table locks, foreign-key units, history and dry runs. A subclass supplies the engine
/// (<see cref="IConformanceTarget"/>); every test gets a fresh source and target database.
/// </summary>
public abstract partial class EngineConformanceTests : IAsyncLifetime
{
    private IConformanceTarget? _db;

    protected IConformanceTarget Db => _db ?? throw new InvalidOperationException("the engine was not initialized");

    /// <summary>A fresh source and target database (or a skip that says why the engine is not available).</summary>
    protected abstract Task<IConformanceTarget> CreateTargetAsync();

    /// <summary>Rows, NULLs, empty strings, unicode and extremes of this engine's types.</summary>
    protected abstract FidelityCase Fidelity { get; }

    /// <summary>A known bug of this engine that makes the named test fail: it is skipped with this reason (starting "bug:").</summary>
    protected virtual string? KnownBug(string test) => null;

    public async ValueTask InitializeAsync() => _db = await CreateTargetAsync();

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private void SkipIfKnownBug([CallerMemberName] string test = "")
    {
        if (KnownBug(test) is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private async Task Both(string sql)
    {
        await Db.ExecAsync(Source, sql);
        await Db.ExecAsync(Target, sql);
    }

    private async Task<long> Long(DatabaseSide side, string sql) => Convert.ToInt64(await Db.ScalarAsync(side, sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<decimal> DecimalValue(DatabaseSide side, string sql) => Convert.ToDecimal(await Db.ScalarAsync(side, sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string?> Text(DatabaseSide side, string sql) => (string?)await Db.ScalarAsync(side, sql);

    private async Task AssertSameRows(string table, string orderBy) =>
        Assert.Equal(await Db.DumpAsync(Source, table, orderBy), await Db.DumpAsync(Target, table, orderBy));

    private async Task<IReadOnlyList<HistoryEntry>> History(RefreshConfig config) =>
        await new HistoryJournal(EngineRegistry.For(Db.Kind), config.Target, config.Settings, "conformance").ReadAsync(new HistoryQuery(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Full_replace_replaces_stale_rows_keeps_identity_values_and_moves_the_identity_past_the_maximum()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE accounts ({Db.IdentityKey}, name {Db.TextType}, balance {Db.DecimalType}, opened {Db.DateType})");
        await Db.ExecAsync(Source, $"INSERT INTO accounts (name, balance, opened) SELECT {Db.Concat("'acct '", "g")}, g * 1.25, {Db.AddDays("2020-01-01", "g")} FROM {Db.Series(1, 1500)}");
        await Db.ExecAsync(Source, "DELETE FROM accounts WHERE id IN (7, 700)");
        await Db.ExecAsync(Target, "INSERT INTO accounts (name, balance, opened) VALUES ('stale UAT row', 1, '2000-01-01')");
        await Db.ExecAsync(Target, "INSERT INTO accounts (name, balance, opened) VALUES ('stale UAT row 2', 2, '2000-01-02')");

        var (plans, results, _) = await RunAsync(Db.Config([Full("accounts")]));

        var result = results.Single("accounts");
        Assert.Equal((RefreshStatus.Succeeded, RefreshAction.Full, 1498L, 2L), (result.Status, result.Action, result.RowsCopied, result.RowsDeleted));
        Assert.Equal(RefreshAction.Full, plans.Single("accounts").Action);
        await AssertSameRows("accounts", "id");

        // Identity values are copied as they are (gaps included), and the next one the database hands out follows the largest.
        Assert.Equal(0L, await Long(Target, "SELECT count(*) FROM accounts WHERE id IN (7, 700)"));
        await Db.ExecAsync(Target, "INSERT INTO accounts (name) VALUES ('made in UAT after the refresh')");
        Assert.Equal(1501L, await Long(Target, "SELECT id FROM accounts WHERE name = 'made in UAT after the refresh'"));
    }

    [Fact]
    public async Task Incremental_identity_copies_only_rows_above_the_target_maximum()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE orders (order_id {Db.BigIntType} PRIMARY KEY, amount {Db.DecimalType})");
        await Db.ExecAsync(Source, $"INSERT INTO orders (order_id, amount) SELECT g, g * 1.5 FROM {Db.Series(1, 1500)}");
        await Db.ExecAsync(Target, $"INSERT INTO orders (order_id, amount) SELECT g, g * 1.5 FROM {Db.Series(1, 1000)}");
        var config = Db.Config([Incremental("orders", "order_id")]);

        var plan = (await PlanAsync(config)).Single("orders");
        Assert.Equal(RefreshAction.Incremental, plan.Action);
        Assert.Equal(1000L, Convert.ToInt64(plan.Watermark, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("order_id", plan.SourceFilter, StringComparison.Ordinal);
        Assert.EndsWith(" > 1000", plan.SourceFilter, StringComparison.Ordinal);
        Assert.Null(plan.TargetDelete);
        Assert.Equal(500, plan.EstimatedRows);

        var (_, results, _) = await RunAsync(config);

        var result = results.Single("orders");
        Assert.Equal((RefreshStatus.Succeeded, RefreshAction.Incremental, 500L, 0L, "1000", "1500"), (result.Status, result.Action, result.RowsCopied, result.RowsDeleted, result.WatermarkBefore, result.WatermarkAfter));
        await AssertSameRows("orders", "order_id");

        // Nothing new: nothing copied.
        var again = (await RunAsync(config)).Results.Single("orders");
        Assert.Equal((RefreshStatus.Succeeded, 0L, "1500"), (again.Status, again.RowsCopied, again.WatermarkAfter));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(0)]
    public async Task A_full_refresh_never_moves_the_identity_back_to_or_below_values_UAT_already_handed_out(int sourceRows)
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE tickets ({Db.IdentityKey}, note {Db.TextType})");
        if (sourceRows > 0)
        {
            await Db.ExecAsync(Source, $"INSERT INTO tickets (note) SELECT {Db.Concat("'prod '", "g")} FROM {Db.Series(1, sourceRows)}");
        }

        // UAT handed out ids up to 5000; the reload (TRUNCATE where allowed) brings fewer, lower ones.
        await Db.ExecAsync(Target, $"INSERT INTO tickets (note) SELECT 'uat' FROM {Db.Series(1, 5000)}");

        var (plans, results, _) = await RunAsync(Db.Config([Full("tickets")]));

        Assert.Equal(RefreshStatus.Succeeded, results.Single("tickets").Status);
        Assert.Equal(["tickets.id"], plans.Single("tickets").Sequences.Single().Users.Select(u => $"{u.Table.Name}.{u.Column}"));
        await Db.ExecAsync(Target, "INSERT INTO tickets (note) VALUES ('made in UAT after the refresh')");

        // SQL Server skips one value when rows follow a TRUNCATE: the reseed that undoes TRUNCATE's reset to the seed
        // cannot know whether rows will be loaded, and the first loaded row turns "next is n" into "next is n + 1".
        var expected = Db.Kind == EngineKind.SqlServer && sourceRows > 0 ? 5002L : 5001L;
        Assert.Equal(expected, await Long(Target, "SELECT id FROM tickets WHERE note = 'made in UAT after the refresh'"));
    }

    [Fact]
    public async Task Incremental_date_with_a_buffer_resyncs_the_window_without_duplicates_and_leaves_older_rows_alone()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE daily_reports (report_date {Db.DateType} NOT NULL, region {Db.KeyType} NOT NULL, revenue {Db.DecimalType}, PRIMARY KEY (report_date, region))");
        const string regions = "(SELECT 'north' AS region UNION ALL SELECT 'south') AS regions";
        await Db.ExecAsync(Source, $"INSERT INTO daily_reports (report_date, region, revenue) SELECT {Db.AddDays("2024-01-01", "g - 1")}, region, 100 FROM {Db.Series(1, 20)} CROSS JOIN {regions}");
        await Db.ExecAsync(Target, $"INSERT INTO daily_reports (report_date, region, revenue) SELECT {Db.AddDays("2024-01-01", "g - 1")}, region, 100 FROM {Db.Series(1, 15)} CROSS JOIN {regions}");

        // Late corrections in production: inside the 3-day window (Jan 12..15) and outside it (Jan 2).
        await Db.ExecAsync(Source, "UPDATE daily_reports SET revenue = 555 WHERE report_date IN ('2024-01-13', '2024-01-02')");
        var config = Db.Config([Incremental("daily_reports", "report_date", IncrementalType.Date, buffer: 3)]);

        var plan = (await PlanAsync(config)).Single("daily_reports");
        Assert.Equal(RefreshAction.Incremental, plan.Action);
        Assert.Contains("report_date", plan.SourceFilter, StringComparison.Ordinal);
        Assert.Contains(" >= '2024-01-12'", plan.SourceFilter, StringComparison.Ordinal);
        Assert.Equal(plan.SourceFilter, plan.TargetDelete);
        Assert.Equal(18, plan.EstimatedRows);

        var (_, results, _) = await RunAsync(config);

        var result = results.Single("daily_reports");
        Assert.Equal((RefreshStatus.Succeeded, 18L, 8L, "2024-01-15", "2024-01-20"), (result.Status, result.RowsCopied, result.RowsDeleted, result.WatermarkBefore, result.WatermarkAfter));
        Assert.Equal(40L, await Long(Target, "SELECT count(*) FROM daily_reports"));
        Assert.Equal(555m, await DecimalValue(Target, "SELECT revenue FROM daily_reports WHERE report_date = '2024-01-13' AND region = 'north'"));
        Assert.Equal(100m, await DecimalValue(Target, "SELECT revenue FROM daily_reports WHERE report_date = '2024-01-02' AND region = 'north'"));
        Assert.Equal(2L, await Long(Target, "SELECT count(*) FROM daily_reports WHERE revenue = 555"));
    }

    [Fact]
    public async Task Staging_strategy_gives_the_same_rows_as_simple_copy_for_a_full_refresh_and_a_buffered_window()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE daily_reports (report_date {Db.DateType} NOT NULL, region {Db.KeyType} NOT NULL, revenue {Db.DecimalType}, PRIMARY KEY (report_date, region))");
        const string regions = "(SELECT 'north' AS region UNION ALL SELECT 'south') AS regions";
        await Db.ExecAsync(Source, $"INSERT INTO daily_reports (report_date, region, revenue) SELECT {Db.AddDays("2024-01-01", "g - 1")}, region, 100 FROM {Db.Series(1, 20)} CROSS JOIN {regions}");
        await Db.ExecAsync(Target, "INSERT INTO daily_reports (report_date, region, revenue) VALUES ('2023-06-01', 'stale', 1)");
        var full = Full("daily_reports") with { Strategy = RefreshStrategy.StagingPartitionSwitch };

        var (plans, results, _) = await RunAsync(Db.Config([full]));

        Assert.NotEmpty(plans.Single("daily_reports").Steps);
        Assert.Equal((RefreshStatus.Succeeded, 40L, 1L), (results[0].Status, results[0].RowsCopied, results[0].RowsDeleted));
        await AssertSameRows("daily_reports", "report_date, region");

        await Db.ExecAsync(Source, "UPDATE daily_reports SET revenue = 555 WHERE report_date IN ('2024-01-18', '2024-01-02')");
        var window = Incremental("daily_reports", "report_date", IncrementalType.Date, buffer: 3) with { Strategy = RefreshStrategy.StagingPartitionSwitch };
        var (_, second, _) = await RunAsync(Db.Config([window]));

        Assert.Equal((RefreshStatus.Succeeded, 8L, 8L), (second[0].Status, second[0].RowsCopied, second[0].RowsDeleted));
        Assert.Equal(555m, await DecimalValue(Target, "SELECT revenue FROM daily_reports WHERE report_date = '2024-01-18' AND region = 'north'"));
        Assert.Equal(100m, await DecimalValue(Target, "SELECT revenue FROM daily_reports WHERE report_date = '2024-01-02' AND region = 'north'"));
    }

    /// <summary>
    /// The same sync mode through both strategies, on twin tables split by month: the target holds the rows up to
    /// May 10 plus UAT-only rows before the buffer bound (Mar 26), inside the window in the partition that straddles
    /// it, and in a later partition. Whatever simple_copy keeps, deletes and copies, the staged strategy must too.
    /// </summary>
    [Theory]
    [InlineData("window")]
    [InlineData("newer")]
    [InlineData("full")]
    public async Task Staging_strategy_matches_simple_copy_on_a_monthly_partitioned_table_with_uat_rows_around_the_bound(string mode)
    {
        SkipIfKnownBug();
        var columns = $"payment_id {Db.BigIntType} NOT NULL, payment_date {Db.DateType} NOT NULL, amount {Db.DecimalType}, note {Db.KeyType}, PRIMARY KEY (payment_id, payment_date)";
        foreach (var table in new[] { "payments_simple", "payments_staged" })
        {
            foreach (var statement in Db.MonthlyPartitioned(table, columns, "payment_date", new DateOnly(2024, 1, 1), 6))
            {
                await Both(statement);
            }

            const string insert = "INSERT INTO {0} (payment_id, payment_date, amount, note) SELECT g, {1}, g * 1.5, {2} FROM {3}";
            await Db.ExecAsync(Source, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, table, Db.AddDays("2024-01-01", "g / 4"), Db.Concat("'p'", "g"), Db.Series(0, 639)));
            await Db.ExecAsync(Target, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, table, Db.AddDays("2024-01-01", "g / 4"), Db.Concat("'p'", "g"), Db.Series(0, 523)));
            await Db.ExecAsync(Source, $"UPDATE {table} SET amount = amount + 1000 WHERE payment_date IN ('2024-03-10', '2024-03-28', '2024-04-15')");
            await Db.ExecAsync(Target, $"INSERT INTO {table} (payment_id, payment_date, amount, note) VALUES (900001, '2024-03-05', 1, 'uat before the bound'), (900002, '2024-03-27', 2, 'uat in the window'), (900003, '2024-04-20', 3, 'uat in a later partition')");
        }

        TableConfig Mode(string table) => mode switch
        {
            "window" => Incremental(table, "payment_date", IncrementalType.Date, buffer: 45),
            "newer" => Incremental(table, "payment_date", IncrementalType.Date),
            _ => Full(table),
        };

        var (plans, results, _) = await RunAsync(Db.Config([Mode("payments_simple"), Mode("payments_staged") with { Strategy = RefreshStrategy.StagingPartitionSwitch }]));

        var (simple, staged) = (results.Single("payments_simple"), results.Single("payments_staged"));
        Assert.Equal((RefreshStatus.Succeeded, simple.Action, simple.RowsCopied, simple.RowsDeleted), (staged.Status, staged.Action, staged.RowsCopied, staged.RowsDeleted));
        Assert.Equal(RefreshStatus.Succeeded, simple.Status);
        Assert.Equal(plans.Single("payments_simple").TargetDelete, plans.Single("payments_staged").TargetDelete);
        Assert.Equal(await Db.DumpAsync(Target, "payments_simple", "payment_id, payment_date"), await Db.DumpAsync(Target, "payments_staged", "payment_id, payment_date"));
        var kept = await Long(Target, "SELECT count(*) FROM payments_staged WHERE payment_id = 900001");
        var expected = mode switch
        {
            "window" => (1L, 0L, 0L, 100m + 1000m),
            "newer" => (1L, 1L, 1L, 100m),
            _ => (0L, 0L, 0L, 100m + 1000m),
        };
        Assert.Equal(
            expected,
            (kept, await Long(Target, "SELECT count(*) FROM payments_staged WHERE payment_id = 900002"), await Long(Target, "SELECT count(*) FROM payments_staged WHERE payment_id = 900003"),
             await DecimalValue(Target, "SELECT amount FROM payments_staged WHERE payment_date = '2024-03-28' AND payment_id = 348") - 348 * 1.5m + 100m));
    }

    [Fact]
    public async Task Incremental_datetime_without_a_buffer_copies_strictly_newer_rows()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE events (id {Db.IntType} PRIMARY KEY, happened {Db.TimestampType} NOT NULL)");
        await Db.ExecAsync(Source, $"INSERT INTO events (id, happened) SELECT g, {Db.AddHours("2024-01-01", "g")} FROM {Db.Series(1, 100)}");
        await Db.ExecAsync(Target, $"INSERT INTO events (id, happened) SELECT g, {Db.AddHours("2024-01-01", "g")} FROM {Db.Series(1, 60)}");

        var (plans, results, _) = await RunAsync(Db.Config([Incremental("events", "happened", IncrementalType.DateTime)]));

        Assert.Null(plans.Single("events").TargetDelete);
        Assert.Equal((RefreshStatus.Succeeded, 40L), (results.Single("events").Status, results.Single("events").RowsCopied));
        await AssertSameRows("events", "id");
    }

    [Fact]
    public async Task Smart_sync_chooses_full_for_an_empty_target_and_incremental_once_it_has_rows()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE catalog (id {Db.IntType} PRIMARY KEY, last_modified {Db.TimestampType} NOT NULL)");
        await Db.ExecAsync(Source, $"INSERT INTO catalog (id, last_modified) SELECT g, {Db.AddHours("2024-01-01", "g")} FROM {Db.Series(1, 100)}");
        var config = Db.Config([Smart("catalog", "last_modified", IncrementalType.DateTime)]);

        var first = (await PlanAsync(config)).Single("catalog");
        Assert.Equal((RefreshAction.Full, "target empty: smart_sync chose full"), (first.Action, first.Reason));
        var full = (await RunAsync(config)).Results.Single("catalog");
        Assert.Equal((RefreshStatus.Succeeded, RefreshAction.Full, 100L), (full.Status, full.Action, full.RowsCopied));

        await Db.ExecAsync(Source, $"INSERT INTO catalog (id, last_modified) SELECT g, {Db.AddHours("2025-01-01", "g")} FROM {Db.Series(101, 110)}");
        var second = (await PlanAsync(config)).Single("catalog");
        Assert.Equal(RefreshAction.Incremental, second.Action);
        Assert.StartsWith("smart_sync chose incremental", second.Reason, StringComparison.Ordinal);
        var incremental = (await RunAsync(config)).Results.Single("catalog");
        Assert.Equal((RefreshStatus.Succeeded, RefreshAction.Incremental, 10L), (incremental.Status, incremental.Action, incremental.RowsCopied));
        await AssertSameRows("catalog", "id");
    }

    [Fact]
    public async Task Smart_sync_falls_back_to_full_when_the_incremental_attempt_fails_and_history_records_both()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE products (id {Db.IntType} PRIMARY KEY, last_modified {Db.TimestampType} NOT NULL, name {Db.TextType})");
        await Db.ExecAsync(Source, $"INSERT INTO products (id, last_modified, name) SELECT g, {Db.AddHours("2024-01-01", "g * 24")}, {Db.Concat("'p'", "g")} FROM {Db.Series(1, 20)}");
        await Db.ExecAsync(Target, $"INSERT INTO products (id, last_modified, name) SELECT g, {Db.AddHours("2024-01-01", "g * 24")}, {Db.Concat("'p'", "g")} FROM {Db.Series(1, 10)}");

        // A product already in UAT was edited: the incremental copy re-inserts id 3 and hits the primary key.
        await Db.ExecAsync(Source, "UPDATE products SET last_modified = '2030-01-01 00:00:00', name = 'renamed' WHERE id = 3");
        var config = Db.Config([Smart("products", "last_modified", IncrementalType.DateTime)]);

        var (plans, results, observer) = await RunAsync(config);

        Assert.Equal(RefreshAction.Incremental, plans.Single("products").Action);
        Assert.EndsWith("if the incremental attempt fails, fallback_to_full refreshes the whole table in full", plans.Single("products").Reason, StringComparison.Ordinal);
        var result = results.Single("products");
        Assert.Equal((RefreshStatus.Succeeded, RefreshAction.Full, 20L, 10L, 2), (result.Status, result.Action, result.RowsCopied, result.RowsDeleted, result.Attempts));
        Assert.Contains("fell back to a full refresh", result.Note, StringComparison.Ordinal);

        // The plan announced it: a step of the run (verbose, and the result's note), not an alarming warning.
        Assert.Empty(observer.Warnings);
        var fallback = Assert.Single(observer.Events.OfType<FallbackStarted>());
        Assert.Contains(Db.DuplicateKeyError, fallback.Reason, StringComparison.Ordinal);
        Assert.Equal([(1, RefreshAction.Incremental), (2, RefreshAction.Full)], observer.Events.OfType<AttemptStarted>().Select(a => (a.Attempt, a.Action)));
        await AssertSameRows("products", "id");
        Assert.Equal("renamed", await Text(Target, "SELECT name FROM products WHERE id = 3"));

        var history = (await History(config)).OrderBy(h => h.Attempt).ToList();
        Assert.Equal(["1:Incremental:Failed", "2:Full:Succeeded"], history.Select(h => $"{h.Attempt}:{h.Action}:{h.Status}"));
        Assert.Contains(Db.DuplicateKeyError, history[0].Error, StringComparison.Ordinal);
        Assert.EndsWith("(fallback_to_full: attempt 2 refreshes the whole table in full)", history[0].Error, StringComparison.Ordinal);
        Assert.Equal((0L, 20L), (history[0].RowsCopied, history[1].RowsCopied));
    }

    [Fact]
    public async Task Smart_sync_without_fallback_reports_the_failure_and_leaves_the_target_as_it_was()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE products (id {Db.IntType} PRIMARY KEY, last_modified {Db.TimestampType} NOT NULL)");
        await Db.ExecAsync(Source, $"INSERT INTO products (id, last_modified) SELECT g, {Db.AddHours("2024-01-01", "g")} FROM {Db.Series(1, 20)}");
        await Db.ExecAsync(Target, $"INSERT INTO products (id, last_modified) SELECT g, {Db.AddHours("2024-01-01", "g")} FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Source, "UPDATE products SET last_modified = '2030-01-01 00:00:00' WHERE id = 3");
        var before = await Db.DumpAsync(Target, "products", "id");

        var (_, results, _) = await RunAsync(Db.Config([Smart("products", "last_modified", IncrementalType.DateTime, fallback: false)]));

        var result = results.Single("products");
        Assert.Equal((RefreshStatus.Failed, RefreshAction.Incremental, 1), (result.Status, result.Action, result.Attempts));
        Assert.Contains(Db.DuplicateKeyError, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Db.DumpAsync(Target, "products", "id"));
    }

    /// <summary>Source rows 1..1000 (amount = id); the target holds rows 1..300 that satisfy its extra constraint.</summary>
    private async Task<(RefreshConfig Config, List<string> Before)> LedgerAsync(string mode, string targetConstraint)
    {
        const string columns = "id, booked, amount, code, note";
        var create = $"CREATE TABLE ledger (id {Db.IntType} PRIMARY KEY, booked {Db.DateType} NOT NULL, amount {Db.DecimalType} NOT NULL, code {Db.IntType} NOT NULL, note {Db.TextType}";
        await Db.ExecAsync(Source, create + ")");
        await Db.ExecAsync(Target, $"{create}, {targetConstraint})");

        // code repeats 301..500 from row 801 on; amount passes 900 at row 900.
        await Db.ExecAsync(Source, $"INSERT INTO ledger ({columns}) SELECT g, {Db.AddDays("2024-01-01", "g / 10")}, g, CASE WHEN g > 800 THEN g - 500 ELSE g END, {Db.Concat("'production '", "g")} FROM {Db.Series(1, 1000)}");
        await Db.ExecAsync(Target, $"INSERT INTO ledger ({columns}) SELECT g, {Db.AddDays("2024-01-01", "g / 10")}, g / 2.0, g, {Db.Concat("'uat '", "g")} FROM {Db.Series(1, 300)}");
        var table = mode switch
        {
            "full" => Full("ledger"),
            "incremental" => Incremental("ledger", "id"),
            _ => Incremental("ledger", "booked", IncrementalType.Date, buffer: 5),
        } with
        { BatchSize = 100 };
        return (Db.Config([table]), await Db.DumpAsync(Target, "ledger", "id"));
    }

    private async Task AssertRolledBack(RefreshConfig config, List<string> before, string expectedError)
    {
        var observer = new RecordingObserver();

        var (plans, results, _) = await RunAsync(config, observer);

        Assert.NotEqual(RefreshAction.Skip, plans.Single("ledger").Action);
        var result = results.Single("ledger");
        Assert.Equal((RefreshStatus.Failed, 0L, 0L), (result.Status, result.RowsCopied, result.RowsDeleted));
        Assert.Contains(expectedError, result.Error, StringComparison.Ordinal);
        Assert.Contains(observer.ProgressReports, p => p.RowsCopied > 0);
        Assert.Equal(before, await Db.DumpAsync(Target, "ledger", "id"));
        var entry = Assert.Single(await History(config));
        Assert.Equal((HistoryStatus.Failed, 0L), (entry.Status, entry.RowsCopied));
        Assert.Contains(expectedError, entry.Error, StringComparison.Ordinal);
        Assert.NotNull(entry.EndedAt);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("incremental")]
    [InlineData("buffer")]
    public async Task A_check_constraint_violated_mid_copy_fails_the_table_and_leaves_the_target_exactly_as_before(string mode)
    {
        SkipIfKnownBug();
        var (config, before) = await LedgerAsync(mode, "CONSTRAINT ledger_small CHECK (amount < 900)");

        await AssertRolledBack(config, before, "ledger_small");
    }

    [Theory]
    [InlineData("full")]
    [InlineData("incremental")]
    [InlineData("buffer")]
    public async Task A_unique_key_violated_mid_copy_fails_the_table_and_leaves_the_target_exactly_as_before(string mode)
    {
        SkipIfKnownBug();
        var (config, before) = await LedgerAsync(mode, "CONSTRAINT ledger_code UNIQUE (code)");

        await AssertRolledBack(config, before, Db.DuplicateKeyError);
    }

    [Fact]
    public async Task A_second_refresh_of_a_table_never_interleaves_with_one_in_progress()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE sales (id {Db.IntType} PRIMARY KEY, amount {Db.DecimalType})");
        await Db.ExecAsync(Source, $"INSERT INTO sales (id, amount) SELECT g, g * 0.01 FROM {Db.Series(1, 20000)}");
        await Db.ExecAsync(Target, $"INSERT INTO sales (id, amount) SELECT g, g * 0.02 FROM {Db.Series(1, 5000)}");

        // DELETE rather than TRUNCATE: the second run's catalog reads must not queue behind the first's schema lock.
        var config = Db.Config([Full("sales") with { BatchSize = 1000, TruncateTarget = false }]);
        Task<(IReadOnlyList<RefreshPlan> Plans, IReadOnlyList<RefreshResult> Results, RecordingObserver Observer)>? second = null;
        var observer = new RecordingObserver();
        observer.OnProgress = p =>
        {
            if (second is null && p.RowsCopied > 0)
            {
                second = Task.Run(() => RunAsync(config));
                if (Db.LocksPerTable)
                {
                    // The first run holds its lock while the second plans and runs.
                    Assert.True(second.Wait(TimeSpan.FromSeconds(120)), "the second refresh waited for the first instead of failing fast");
                }
            }
        };

        var (_, first, _) = await RunAsync(config, observer);

        Assert.Equal(RefreshStatus.Succeeded, first.Single("sales").Status);
        Assert.NotNull(second);
        var (secondPlans, secondResults, _) = await second;
        var loser = secondResults.Single("sales");
        if (Db.LocksPerTable)
        {
            Assert.Equal(RefreshStatus.Failed, loser.Status);
            Assert.Contains(new RunTag(first[0].RunId).Label, loser.Error, StringComparison.Ordinal);
            Assert.Contains("only one refresh of a table runs at a time", loser.Error, StringComparison.Ordinal);
            Assert.Contains(new RunTag(first[0].RunId).Label, secondPlans.Single("sales").LockedBy, StringComparison.Ordinal);
        }
        else
        {
            // One writer at a time: the second waited for the first to commit, then ran in full.
            Assert.Equal((RefreshStatus.Succeeded, 20000L, 20000L), (loser.Status, loser.RowsCopied, loser.RowsDeleted));
        }

        await AssertSameRows("sales", "id");
    }

    [Fact]
    public async Task Parent_and_child_refreshed_together_form_one_unit_and_a_parent_alone_is_blocked()
    {
        SkipIfKnownBug();
        await Both($"""
            CREATE TABLE parent (id {Db.IntType} PRIMARY KEY, name {Db.TextType});
            CREATE TABLE child (id {Db.IntType} PRIMARY KEY, parent_id {Db.IntType} NOT NULL REFERENCES parent (id), note {Db.TextType});
            """);
        await Db.ExecAsync(Source, $"INSERT INTO parent (id, name) SELECT g, {Db.Concat("'parent '", "g")} FROM {Db.Series(1, 20)}");
        await Db.ExecAsync(Source, $"INSERT INTO child (id, parent_id, note) SELECT g, 1 + g % 20, {Db.Concat("'child '", "g")} FROM {Db.Series(1, 200)}");
        await Db.ExecAsync(Target, "INSERT INTO parent (id, name) VALUES (99, 'old parent')");
        await Db.ExecAsync(Target, "INSERT INTO child (id, parent_id, note) VALUES (1, 99, 'old child')");
        var parentBefore = await Db.DumpAsync(Target, "parent", "id");

        // Alone, emptying the parent would orphan the UAT child rows: refused in the plan, nothing touched.
        var (alonePlans, aloneResults, _) = await RunAsync(Db.Config([Full("parent") with { LoadMethod = LoadMethod.Reload }]));
        var blocked = alonePlans.Single("parent");
        Assert.Equal(RefreshAction.Skip, blocked.Action);
        Assert.Contains("would break foreign key", blocked.Reason, StringComparison.Ordinal);
        Assert.Contains("child", blocked.Reason, StringComparison.Ordinal);
        Assert.Contains("external_references: defer", blocked.Reason, StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Skipped, aloneResults.Single("parent").Status);
        Assert.Equal(parentBefore, await Db.DumpAsync(Target, "parent", "id"));

        // Together (child configured first): one unit, parent loaded first, both replaced in one transaction.
        var (plans, results, _) = await RunAsync(Db.Config([Full("child"), Full("parent")]));
        Assert.Equal(["parent", "child"], plans.OrderBy(p => p.Order).Select(p => p.Table));
        Assert.Equal(plans.Single("parent").Unit, plans.Single("child").Unit);
        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal((20L, 1L), (results.Single("parent").RowsCopied, results.Single("parent").RowsDeleted));
        Assert.Equal((200L, 1L), (results.Single("child").RowsCopied, results.Single("child").RowsDeleted));
        await AssertSameRows("parent", "id");
        await AssertSameRows("child", "id");
    }

    [Fact]
    public async Task Dry_run_plans_everything_writes_nothing_and_creates_no_history_table()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE sales (id {Db.IntType} PRIMARY KEY, amount {Db.DecimalType})");
        await Db.ExecAsync(Source, $"INSERT INTO sales (id, amount) SELECT g, g FROM {Db.Series(1, 300)}");
        await Db.ExecAsync(Target, $"INSERT INTO sales (id, amount) SELECT g, -g FROM {Db.Series(1, 100)}");
        var before = await Db.DumpAsync(Target, "sales", "id");
        var config = Db.Config([Full("sales"), Incremental("sales_missing", "id")], s => s with { DryRun = true });

        var (plans, results, _) = await RunAsync(config);

        Assert.Equal(2, plans.Count);
        Assert.Equal(RefreshAction.Full, plans.Single("sales").Action);
        Assert.All(results, r => Assert.Equal((RefreshStatus.Skipped, 0L), (r.Status, r.RowsCopied)));
        Assert.Contains("dry run", results.Single("sales").Note, StringComparison.Ordinal);
        Assert.Equal(before, await Db.DumpAsync(Target, "sales", "id"));
        Assert.False(await Db.TableExistsAsync(Target, "datarefresh_history"), "a dry run created the history table");
        Assert.False(await Db.TableExistsAsync(Source, "datarefresh_history"), "a dry run wrote to the source");
        Assert.Empty(await History(config));
    }

    [Fact]
    public async Task History_records_who_what_when_and_the_watermarks_of_every_attempt_including_skips()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE sales (id {Db.IntType} PRIMARY KEY, amount {Db.DecimalType})");
        await Db.ExecAsync(Source, $"INSERT INTO sales (id, amount) SELECT g, g FROM {Db.Series(1, 3000)}");
        await Db.ExecAsync(Target, $"INSERT INTO sales (id, amount) SELECT g, g FROM {Db.Series(1, 2000)}");
        var config = Db.Config([Incremental("sales", "id"), Full("sales_missing")]);
        var started = DateTime.UtcNow.AddSeconds(-5);

        var (_, results, _) = await RunAsync(config);

        var history = await History(config);
        Assert.Equal(2, history.Count);
        Assert.All(history, h => Assert.Equal(results[0].RunId, h.RunId));
        var entry = history.Single(h => h.Table == "sales");
        Assert.Equal(("Incremental", "Incremental", HistoryStatus.Succeeded, 1, 1000L, 0L), (entry.SyncMode, entry.Action, entry.Status, entry.Attempt, entry.RowsCopied, entry.RowsDeleted));
        Assert.Equal(("2000", "3000", (string?)null), (entry.WatermarkBefore, entry.WatermarkAfter, entry.Error));
        Assert.Equal((Db.Login, Environment.MachineName, Environment.UserName, Environment.ProcessId), (entry.DatabaseLogin, entry.Host, entry.OsUser, entry.ProcessId));
        Assert.False(string.IsNullOrEmpty(entry.ModuleVersion));
        Assert.InRange(entry.StartedAt, started, DateTime.UtcNow.AddSeconds(5));
        Assert.NotNull(entry.EndedAt);
        Assert.True(entry.EndedAt >= entry.StartedAt, $"ended {entry.EndedAt:O} before it started {entry.StartedAt:O}");

        var skipped = history.Single(h => h.Table == "sales_missing");
        Assert.Equal(("Skip", HistoryStatus.Skipped), (skipped.Action, skipped.Status));
        Assert.Contains("does not exist", skipped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_queries_filter_and_keep_the_newest_rows_in_the_database_and_the_history_table_has_its_indexes()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE sales (id {Db.IntType} PRIMARY KEY)");
        var config = Db.Config([Full("sales")]);
        await RunAsync(config);
        var engine = EngineRegistry.For(Db.Kind);
        var table = new DataRefresh.Catalog.QualifiedName(await DefaultSchema(engine, config), "datarefresh_history");
        Assert.Equal(HistorySql.Indexes(table).Select(i => i.Name), await IndexesOf(engine, config, table));

        // 300 older rows: g % 3 == 0 Failed, odd g for Orders, even for lines; hour g after 2020-01-01.
        await Db.ExecAsync(Target, $"""
            INSERT INTO datarefresh_history (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, rows_copied, rows_deleted, os_user, db_login, host, process_id, module_version)
            SELECT {Db.Concat("'e'", "g")}, 'r', CASE WHEN g % 2 = 1 THEN 'Orders' ELSE 'lines' END, 1, 'Full', 'Full', CASE WHEN g % 3 = 0 THEN 'Failed' ELSE 'Succeeded' END,
                   {Db.AddHours("2020-01-01", "g")}, g, 0, 'u', 'l', 'h', 1, 'v'
            FROM {Db.Series(1, 300)}
            """);
        var journal = new HistoryJournal(engine, config.Target, config.Settings, "conformance");
        await using (journal)
        {
            var ct = TestContext.Current.CancellationToken;
            var all = await journal.ReadAsync(new HistoryQuery(), ct);
            Assert.Equal(301, all.Count);
            Assert.Equal(all.OrderByDescending(h => h.StartedAt).ThenBy(h => h.EntryId, StringComparer.Ordinal).Select(h => h.EntryId), all.Select(h => h.EntryId));

            var last = await journal.ReadAsync(new HistoryQuery { Last = 3 }, ct);
            Assert.Equal(all.Take(3).Select(h => h.EntryId), last.Select(h => h.EntryId));

            var failed = await journal.ReadAsync(new HistoryQuery { Status = HistoryStatus.Failed, Last = 2 }, ct);
            Assert.Equal(["e300", "e297"], failed.Select(h => h.EntryId));

            var orders = await journal.ReadAsync(new HistoryQuery { Tables = ["orders"], Since = all.Single(h => h.EntryId == "e290").StartedAt, Last = 100 }, ct);
            Assert.Equal(["e299", "e297", "e295", "e293", "e291"], orders.Select(h => h.EntryId));
        }

        // A history table from an earlier version (no indexes) gets them when the next run starts.
        await Db.ExecAsync(Target, HistorySql.CreateTable(engine.History, table with { Name = "old_history" }));
        var old = Db.Config([Full("sales")], s => s with { HistoryTable = "old_history" });
        Assert.Empty(await IndexesOf(engine, old, table with { Name = "old_history" }));
        await RunAsync(old);
        Assert.Equal(HistorySql.Indexes(table with { Name = "old_history" }).Select(i => i.Name), await IndexesOf(engine, old, table with { Name = "old_history" }));
    }

    private static async Task<string> DefaultSchema(IDatabaseEngine engine, RefreshConfig config)
    {
        await using var connection = await engine.OpenAsync(config.Target, ConnectionPurpose.History, config.Settings, "conformance", TestContext.Current.CancellationToken);
        return await engine.History.DefaultSchemaAsync(connection, TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> IndexesOf(IDatabaseEngine engine, RefreshConfig config, DataRefresh.Catalog.QualifiedName table)
    {
        await using var connection = await engine.OpenAsync(config.Target, ConnectionPurpose.History, config.Settings, "conformance", TestContext.Current.CancellationToken);
        var found = new List<string>();
        foreach (var (name, _) in HistorySql.Indexes(table))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = engine.History.IndexExists(table);
            foreach (var (key, value) in new[] { ("schema", table.Schema), ("table", table.Name), ("index", name) })
            {
                var p = command.CreateParameter();
                p.ParameterName = key;
                p.Value = value;
                command.Parameters.Add(p);
            }

            if (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is not (null or DBNull))
            {
                found.Add(name);
            }
        }

        return found;
    }

    [Fact]
    public async Task Row_limit_caps_each_copy_in_watermark_order()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE users (id {Db.IntType} PRIMARY KEY, name {Db.TextType})");
        await Db.ExecAsync(Source, $"INSERT INTO users (id, name) SELECT g, {Db.Concat("'u'", "g")} FROM {Db.Series(1, 500)}");
        var config = Db.Config([Incremental("users", "id") with { RowLimit = 100 }]);

        var (plans, results, _) = await RunAsync(config);

        Assert.Equal(100, plans.Single("users").EstimatedRows);
        Assert.Contains(plans.Single("users").Warnings, w => w.StartsWith("row_limit: 100", StringComparison.Ordinal));
        Assert.Equal((100L, "100"), (results.Single("users").RowsCopied, results.Single("users").WatermarkAfter));
        Assert.Equal((1L, 100L), (await Long(Target, "SELECT min(id) FROM users"), await Long(Target, "SELECT count(*) FROM users")));

        var next = (await RunAsync(config)).Results.Single("users");
        Assert.Equal((100L, "100", "200"), (next.RowsCopied, next.WatermarkBefore, next.WatermarkAfter));
        Assert.Equal(200L, await Long(Target, "SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task Schema_drift_is_reported_and_the_common_columns_are_copied_by_name()
    {
        SkipIfKnownBug();
        await Db.ExecAsync(Source, $"CREATE TABLE drift (id {Db.IntType} PRIMARY KEY, qty {Db.IntType}, extra_in_source {Db.TextType}, note {Db.TextType})");
        await Db.ExecAsync(Target, $"CREATE TABLE drift (note {Db.TextType}, extra_in_target {Db.TextType}, qty {Db.IntType}, id {Db.IntType} PRIMARY KEY)");
        await Db.ExecAsync(Source, $"INSERT INTO drift (id, qty, extra_in_source, note) SELECT g, g * 10, 'lost', {Db.Concat("'n'", "g")} FROM {Db.Series(1, 50)}");

        var (plans, results, _) = await RunAsync(Db.Config([Full("drift")]));

        var plan = plans.Single("drift");
        Assert.Equal(RefreshAction.Full, plan.Action);
        Assert.Contains("column extra_in_source exists only in the source: not copied", plan.Warnings);
        Assert.Contains(plan.Warnings, w => w.StartsWith("column extra_in_target exists only in the target", StringComparison.Ordinal));
        Assert.Equal(["id", "note", "qty"], plan.Columns.Order(StringComparer.Ordinal));
        Assert.Equal((RefreshStatus.Succeeded, 50L), (results.Single("drift").Status, results.Single("drift").RowsCopied));
        Assert.Equal(500L, await Long(Target, "SELECT qty FROM drift WHERE id = 50"));
        Assert.Equal("n50", await Text(Target, "SELECT note FROM drift WHERE id = 50"));
        Assert.Equal(50L, await Long(Target, "SELECT count(*) FROM drift WHERE extra_in_target IS NULL"));
    }

    [Fact]
    public async Task Full_replace_copies_every_type_exactly()
    {
        SkipIfKnownBug();
        var c = Fidelity;
        await Both(c.Create);
        foreach (var rows in c.SourceRows)
        {
            await Db.ExecAsync(Source, rows);
        }

        await Db.ExecAsync(Target, c.StaleTargetRow);

        var (plans, results, _) = await RunAsync(Db.Config([Full(c.Table)]));

        var plan = plans.Single(c.Table);
        Assert.Equal(RefreshAction.Full, plan.Action);
        Assert.All(c.NotCopied, column => Assert.DoesNotContain(column, plan.Columns));
        var result = results.Single(c.Table);
        Assert.Equal((RefreshStatus.Succeeded, c.Rows, 1L), (result.Status, result.RowsCopied, result.RowsDeleted));
        var source = await Db.DumpAsync(Source, c.Table, "id");
        Assert.Equal(c.Rows, source.Count);
        var target = await Db.DumpAsync(Target, c.Table, "id");
        for (var i = 0; i < source.Count; i++)
        {
            // Row by row, so a difference names the row instead of printing two huge lists.
            Assert.True(source[i] == target[i], $"row {i + 1} differs:\nsource: {Shorten(source[i])}\ntarget: {Shorten(target[i])}");
        }

        Assert.Equal(source.Count, target.Count);
    }

    private static string Shorten(string row) => row.Length <= 2000 ? row : row[..2000] + $"... ({row.Length} chars)";
}
