using System.Globalization;
using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>
/// SqlBulkCopy's own rules on a live server: collations (refused locales, lost characters, order hints), column names
/// SqlClient unquotes, self-referencing keys checked per batch, and external_references: defer putting keys back.
/// </summary>
public sealed partial class SqlServerConformanceTests
{
    private async Task<long> Count(DatabaseSide side, string sql) => Convert.ToInt64(await Db.ScalarAsync(side, sql), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Columns_whose_names_start_with_a_bracket_load_into_the_columns_of_that_name()
    {
        // SqlClient strips the first and last character of a mapped name that starts with '[': [weird] became "weird".
        // The target declares the columns in another order, so only a match by name puts each value in its place.
        await Db.ExecAsync(Source, "CREATE TABLE odd (id int PRIMARY KEY, [[weird]]] nvarchar(20) NULL, [[open] int NULL, [close]]] nvarchar(20) NULL, plain nvarchar(20) NULL)");
        await Db.ExecAsync(Target, "CREATE TABLE odd (plain nvarchar(20) NULL, [close]]] nvarchar(20) NULL, [[open] int NULL, id int PRIMARY KEY, [[weird]]] nvarchar(20) NULL)");
        await Db.ExecAsync(Source, "INSERT INTO odd (id, [[weird]]], [[open], [close]]], plain) VALUES (1, N'w1', 10, N'c1', N'p1'), (2, N'w2', 20, N'c2', N'p2')");

        var (_, results, _) = await RunAsync(Db.Config([Full("odd")]));

        Assert.Equal((RefreshStatus.Succeeded, 2L), (results.Single("odd").Status, results.Single("odd").RowsCopied));
        Assert.Equal(2L, await Count(Target, "SELECT COUNT(*) FROM odd WHERE [[weird]]] = CONCAT(N'w', id) AND [[open] = id * 10 AND [close]]] = CONCAT(N'c', id) AND plain = CONCAT(N'p', id)"));
    }

    [Fact]
    public async Task A_self_referencing_table_whose_children_come_before_their_parents_loads_across_batch_sizes()
    {
        // Rows arrive in clustered-key order (id): employees 1..2000 report to managers 2001..3000, which come later,
        // 20 batches of 100 rows later for the first ones. Checked per batch, the first batch would fail.
        const string create = "CREATE TABLE employees (id int PRIMARY KEY, manager_id int NULL CONSTRAINT fk_manager REFERENCES employees (id), name nvarchar(40) NOT NULL)";
        await Db.ExecAsync(Source, create);
        await Db.ExecAsync(Target, create);
        await Db.ExecAsync(Source, $"INSERT INTO employees (id, manager_id, name) SELECT g, CASE WHEN g <= 2000 THEN 2001 + g % 1000 END, CONCAT(N'e', g) FROM {Db.Series(1, 3000)}");
        await Db.ExecAsync(Target, "INSERT INTO employees (id, manager_id, name) VALUES (1, NULL, N'stale')");

        var (_, results, observer) = await RunAsync(Db.Config([Full("employees") with { BatchSize = 100 }]));

        Assert.Equal((RefreshStatus.Succeeded, 3000L), (results.Single("employees").Status, results.Single("employees").RowsCopied));
        Assert.Equal(await Db.DumpAsync(Source, "employees", "id"), await Db.DumpAsync(Target, "employees", "id"));

        // One batch, but progress still every batch_size rows; the key was checked (CheckConstraints) and stays trusted.
        Assert.True(observer.ProgressReports.Count(p => p.Table == "employees") >= 30);
        Assert.Equal(0L, await Count(Target, "SELECT COUNT(*) FROM sys.foreign_keys WHERE name = N'fk_manager' AND (is_disabled = 1 OR is_not_trusted = 1)"));
    }

    [Fact]
    public async Task Another_locale_is_read_in_the_target_collation_and_every_character_arrives()
    {
        // Latin1_General and French share code page 1252 but not the locale: SqlBulkCopy would refuse the pair outright.
        // Greek varchar into a Latin1 nvarchar goes through nvarchar, so the Greek letters survive the relabel.
        await Db.ExecAsync(Source, "CREATE TABLE labels (id int PRIMARY KEY, name varchar(50) COLLATE Latin1_General_CI_AS NULL, greek varchar(50) COLLATE Greek_CI_AS NULL, note nvarchar(50) COLLATE Japanese_CI_AS NULL)");
        await Db.ExecAsync(Target, "CREATE TABLE labels (id int PRIMARY KEY, name varchar(50) COLLATE French_CI_AS NULL, greek nvarchar(50) COLLATE Latin1_General_CI_AS NULL, note nvarchar(50) COLLATE Latin1_General_CI_AS NULL)");
        await Db.ExecAsync(Source, "INSERT INTO labels VALUES (1, 'crème brûlée', N'αβγ δέ', N'日本語 ü'), (2, 'Ÿ€', N'Ωμέγα', N'😀')");

        var (plans, results, _) = await RunAsync(Db.Config([Full("labels")]));

        Assert.Equal(RefreshStatus.Succeeded, results.Single("labels").Status);
        var warnings = plans.Single("labels").Warnings;
        Assert.Contains(warnings, w => w.StartsWith("column name: source collation Latin1_General_CI_AS (code page 1252), target collation French_CI_AS (code page 1252): read with COLLATE French_CI_AS", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("column greek: source collation Greek_CI_AS (code page 1253), target collation Latin1_General_CI_AS (code page 1252): read as nvarchar(50) COLLATE Latin1_General_CI_AS", StringComparison.Ordinal));
        Assert.Equal(1L, await Count(Target, "SELECT COUNT(*) FROM labels WHERE id = 1 AND name = 'crème brûlée' AND greek = N'αβγ δέ' AND note = N'日本語 ü'"));
        Assert.Equal(1L, await Count(Target, "SELECT COUNT(*) FROM labels WHERE id = 2 AND name = 'Ÿ€' AND greek = N'Ωμέγα' AND note = N'😀'"));
    }

    [Fact]
    public async Task A_change_of_code_page_that_would_turn_characters_into_question_marks_blocks_the_table()
    {
        await Db.ExecAsync(Source, "CREATE TABLE words (id int PRIMARY KEY, word varchar(20) COLLATE Greek_CI_AS NULL)");
        await Db.ExecAsync(Target, "CREATE TABLE words (id int PRIMARY KEY, word varchar(20) COLLATE Latin1_General_CI_AS NULL)");
        await Db.ExecAsync(Source, "INSERT INTO words VALUES (1, N'λόγος')");
        await Db.ExecAsync(Target, "INSERT INTO words VALUES (9, 'uat')");

        var (plans, results, _) = await RunAsync(Db.Config([Full("words")]));

        Assert.Equal(RefreshAction.Skip, plans.Single("words").Action);
        Assert.Contains("column word: source collation Greek_CI_AS (code page 1253), target collation Latin1_General_CI_AS (code page 1252): characters that code page 1252 lacks would be stored as '?'", plans.Single("words").Reason, StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Skipped, results.Single("words").Status);
        Assert.Equal(1L, await Count(Target, "SELECT COUNT(*) FROM words WHERE id = 9"));
    }

    [Fact]
    public async Task A_clustered_key_sorted_by_another_collation_loads_without_order_hints()
    {
        // Case-sensitive dictionary order puts 'a' before 'B'; binary order puts 'B' first. Declared in the target's
        // order while the source sorted by its own, the load would fail with error 4819.
        await Db.ExecAsync(Source, "CREATE TABLE codes (code varchar(10) COLLATE Latin1_General_CS_AS NOT NULL PRIMARY KEY CLUSTERED, label nvarchar(20) NULL)");
        await Db.ExecAsync(Target, "CREATE TABLE codes (code varchar(10) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY CLUSTERED, label nvarchar(20) NULL)");
        await Db.ExecAsync(Source, "INSERT INTO codes VALUES ('a', N'1'), ('B', N'2'), ('c', N'3'), ('D', N'4'), ('aa', N'5'), ('Ab', N'6')");

        var (plans, results, _) = await RunAsync(Db.Config([Full("codes")]));

        Assert.Equal((RefreshStatus.Succeeded, 6L), (results.Single("codes").Status, results.Single("codes").RowsCopied));
        Assert.Contains(plans.Single("codes").Warnings, w => w.Contains("UAT sorts and compares them by Latin1_General_BIN2", StringComparison.Ordinal));
        Assert.Equal(6L, await Count(Target, "SELECT COUNT(*) FROM codes"));
    }

    [Fact]
    public async Task Defer_puts_back_a_disabled_key_disabled_and_an_untrusted_key_untrusted_and_a_trusted_key_trusted()
    {
        foreach (var side in new[] { Source, Target })
        {
            await Db.ExecAsync(side, """
                CREATE TABLE customers (id int PRIMARY KEY, name nvarchar(40) NULL);
                CREATE TABLE orders (id int PRIMARY KEY, customer_id int NULL CONSTRAINT fk_orders FOREIGN KEY REFERENCES customers (id));
                CREATE TABLE returns (id int PRIMARY KEY, customer_id int NULL);
                CREATE TABLE notes (id int PRIMARY KEY, customer_id int NULL);
                """);
        }

        await Db.ExecAsync(Source, $"INSERT INTO customers (id, name) SELECT g, CONCAT(N'new ', g) FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Target, $"INSERT INTO customers (id, name) SELECT g, CONCAT(N'old ', g) FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Target, """
            INSERT INTO orders VALUES (1, 3); INSERT INTO returns VALUES (1, 4); INSERT INTO notes VALUES (1, 99);
            ALTER TABLE returns WITH NOCHECK ADD CONSTRAINT fk_returns FOREIGN KEY (customer_id) REFERENCES customers (id);
            ALTER TABLE notes WITH NOCHECK ADD CONSTRAINT fk_notes FOREIGN KEY (customer_id) REFERENCES customers (id);
            ALTER TABLE notes NOCHECK CONSTRAINT fk_notes;
            """);
        const string state = "SELECT STRING_AGG(CONCAT(name, N':', is_disabled, is_not_trusted), N' ') WITHIN GROUP (ORDER BY name) FROM sys.foreign_keys";
        Assert.Equal("fk_notes:11 fk_orders:00 fk_returns:01", await Db.ScalarAsync(Target, state));

        var (plans, results, _) = await RunAsync(Db.Config([Full("customers") with { ExternalReferences = ExternalReferences.Defer, LoadMethod = LoadMethod.Reload }]));

        Assert.Equal(RefreshStatus.Succeeded, results.Single("customers").Status);
        Assert.Equal(await Db.DumpAsync(Source, "customers", "id"), await Db.DumpAsync(Target, "customers", "id"));
        Assert.Equal("fk_notes:11 fk_orders:00 fk_returns:01", await Db.ScalarAsync(Target, state));

        var warnings = plans.Single("customers").Warnings;
        Assert.Contains(warnings, w => w.Contains("fk_orders (ALTER TABLE dbo.orders NOCHECK CONSTRAINT), which holds a schema-modification lock on dbo.orders", StringComparison.Ordinal)
            && w.Contains("re-reads all of dbo.orders (about 1 rows)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("fk_returns", StringComparison.Ordinal) && w.Contains("no scan, still untrusted", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("fk_notes on dbo.notes is disabled in the target and stays disabled", StringComparison.Ordinal));
    }
}
