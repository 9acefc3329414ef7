using DataRefresh.Comparison;
using DataRefresh.Configuration;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>Compare-TableState on every engine it is built for: equal after a refresh, and every kind of difference named.</summary>
public abstract partial class EngineConformanceTests
{
    private void SkipWithoutCompare()
    {
        if (TableComparer.Dialect(Db.Kind) is null)
        {
            Assert.Skip($"Compare-TableState is not built for {Db.Kind} yet");
        }
    }

    private static async Task<TableComparison> CompareAsync(RefreshConfig config, string table, CompareMethod method, int maxDifferences = 100, bool values = false)
    {
        var plans = await PlanAsync(config, table);
        return await TableComparer.CompareAsync(plans.Single(table), new CompareOptions { Method = method, MaxDifferences = maxDifferences, IncludeValues = values, RowLevelThreshold = 50 }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_refreshed_table_compares_equal_by_count_checksum_and_rows()
    {
        SkipIfKnownBug();
        SkipWithoutCompare();
        await Both($"CREATE TABLE sales (id {Db.IntType} PRIMARY KEY, amount {Db.DecimalType}, note {Db.TextType})");
        await Db.ExecAsync(Source, $"INSERT INTO sales (id, amount, note) SELECT g, g * 1.5, {Db.Concat("'n'", "g")} FROM {Db.Series(1, 3000)}");
        var config = Db.Config([Full("sales")]);
        await RunAsync(config);

        foreach (var method in new[] { CompareMethod.Count, CompareMethod.Checksum, CompareMethod.Rows })
        {
            var c = await CompareAsync(config, "sales", method);
            Assert.True(c.Status == ComparisonStatus.Equal, $"{method}: {c.Status} {c.Reason}");
            Assert.Equal((3000L, 3000L), (c.SourceRows, c.TargetRows));
            Assert.Empty(c.Differences);
        }
    }

    [Fact]
    public async Task Rows_names_each_changed_missing_and_extra_row_with_the_changed_columns()
    {
        SkipIfKnownBug();
        SkipWithoutCompare();
        await Both($"CREATE TABLE sales (id {Db.IntType} PRIMARY KEY, amount {Db.DecimalType}, note {Db.TextType})");
        await Db.ExecAsync(Source, $"INSERT INTO sales (id, amount, note) SELECT g, g * 1.5, {Db.Concat("'n'", "g")} FROM {Db.Series(1, 5000)}");
        var config = Db.Config([Full("sales")]);
        await RunAsync(config);
        await Db.ExecAsync(Target, "UPDATE sales SET note = 'drifted' WHERE id = 1234");
        await Db.ExecAsync(Target, "UPDATE sales SET amount = 0, note = NULL WHERE id = 4321");
        await Db.ExecAsync(Target, "DELETE FROM sales WHERE id = 77");
        await Db.ExecAsync(Target, "INSERT INTO sales (id, amount, note) VALUES (9999, 1, 'made in UAT')");

        var checksum = await CompareAsync(config, "sales", CompareMethod.Checksum);
        Assert.Equal(ComparisonStatus.Different, checksum.Status);
        Assert.NotEmpty(checksum.DifferentRanges);
        Assert.Empty(checksum.Differences);

        var rows = await CompareAsync(config, "sales", CompareMethod.Rows, values: true);
        Assert.Equal(ComparisonStatus.Different, rows.Status);
        Assert.Equal(["id"], rows.KeyColumns);
        var found = rows.Differences.Select(d => (Convert.ToInt64(d.Key[0], System.Globalization.CultureInfo.InvariantCulture), d.Kind, string.Join(",", d.Columns))).OrderBy(d => d.Item1).ToList();
        Assert.Equal([(77L, DifferenceKind.SourceOnly, ""), (1234L, DifferenceKind.Changed, "note"), (4321L, DifferenceKind.Changed, "amount,note"), (9999L, DifferenceKind.TargetOnly, "")], found);
        var drifted = rows.Differences.Single(d => d.Kind == DifferenceKind.Changed && d.Columns is ["note"]);
        Assert.Equal(("note", "n1234", "drifted"), (drifted.Values![0].Column, drifted.Values[0].Source, drifted.Values[0].Target));
        Assert.Null(rows.Differences.Single(d => d.Columns.Count == 2).Values![1].Target);
        Assert.Null((await CompareAsync(config, "sales", CompareMethod.Rows)).Differences[0].Values);

        var limited = await CompareAsync(config, "sales", CompareMethod.Rows, maxDifferences: 2);
        Assert.Equal(2, limited.Differences.Count);
        Assert.True(limited.MoreDifferences);
    }

    [Fact]
    public async Task A_composite_text_key_is_compared_by_its_ranges_and_its_rows_named()
    {
        SkipIfKnownBug();
        SkipWithoutCompare();
        await Both($"CREATE TABLE stock (region {Db.KeyType} NOT NULL, sku {Db.IntType} NOT NULL, qty {Db.IntType}, PRIMARY KEY (region, sku))");
        foreach (var region in new[] { "eu", "us", "ümlaut", "Zed" })
        {
            await Db.ExecAsync(Source, $"INSERT INTO stock (region, sku, qty) SELECT '{region}', g, g FROM {Db.Series(1, 400)}");
        }

        var config = Db.Config([Full("stock")]);
        await RunAsync(config);
        Assert.Equal(ComparisonStatus.Equal, (await CompareAsync(config, "stock", CompareMethod.Checksum)).Status);
        await Db.ExecAsync(Target, "UPDATE stock SET qty = -1 WHERE region = 'ümlaut' AND sku = 200");

        var rows = await CompareAsync(config, "stock", CompareMethod.Rows);
        var d = Assert.Single(rows.Differences);
        Assert.Equal(("ümlaut", 200L, DifferenceKind.Changed), ((string)d.Key[0]!, Convert.ToInt64(d.Key[1], System.Globalization.CultureInfo.InvariantCulture), d.Kind));
        Assert.Equal(["qty"], d.Columns);
    }

    [Fact]
    public async Task A_table_without_a_key_is_compared_by_count_and_one_checksum_and_says_why_no_row_is_named()
    {
        SkipIfKnownBug();
        SkipWithoutCompare();
        await Both($"CREATE TABLE log (at {Db.IntType}, line {Db.TextType})");
        await Db.ExecAsync(Source, $"INSERT INTO log (at, line) SELECT g, {Db.Concat("'l'", "g")} FROM {Db.Series(1, 100)}");
        var config = Db.Config([Full("log")]);
        await RunAsync(config);
        Assert.Equal(ComparisonStatus.Equal, (await CompareAsync(config, "log", CompareMethod.Rows)).Status);
        await Db.ExecAsync(Target, "UPDATE log SET line = 'x' WHERE at = 50");

        var c = await CompareAsync(config, "log", CompareMethod.Rows);
        Assert.Equal((ComparisonStatus.Different, 100L, 100L), (c.Status, c.SourceRows, c.TargetRows));
        Assert.Contains("no primary key or unique key", c.Reason, StringComparison.Ordinal);
        Assert.Empty(c.Differences);
    }

    [Fact]
    public async Task An_incremental_table_whose_production_rows_changed_says_incremental_refreshes_do_not_carry_updates()
    {
        SkipIfKnownBug();
        SkipWithoutCompare();
        await Both($"CREATE TABLE orders (id {Db.IntType} PRIMARY KEY, status {Db.TextType})");
        await Db.ExecAsync(Source, $"INSERT INTO orders (id, status) SELECT g, 'new' FROM {Db.Series(1, 200)}");
        var config = Db.Config([Incremental("orders", "id")]);
        await RunAsync(config);
        await Db.ExecAsync(Source, "UPDATE orders SET status = 'shipped' WHERE id IN (3, 4, 5)");
        await RunAsync(config);

        var c = await CompareAsync(config, "orders", CompareMethod.Rows);
        Assert.Equal(ComparisonStatus.Different, c.Status);
        Assert.Equal(3, c.Differences.Count);
        Assert.StartsWith("3 row(s) changed in production after they were copied; incremental refreshes do not carry updates", c.Reason, StringComparison.Ordinal);
    }
}
