using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>A merge matches rows by the primary key, or, for a table without one, by a unique key on NOT NULL columns.</summary>
public abstract partial class EngineConformanceTests
{
    [Fact]
    public async Task A_referenced_table_without_a_primary_key_merges_by_its_not_null_unique_key()
    {
        SkipIfKnownBug();
        if (Db.Kind == EngineKind.SqlServer)
        {
            Assert.Skip("SQL Server's catalog does not read unique keys yet: a merge there matches by primary key only");
        }

        await Both($"""
            CREATE TABLE currency (code {Db.KeyType} NOT NULL UNIQUE, name {Db.TextType}, symbol {Db.KeyType} UNIQUE);
            CREATE TABLE price (id {Db.IntType} PRIMARY KEY, currency_code {Db.KeyType} NOT NULL REFERENCES currency (code), amount {Db.IntType});
            """);
        await Db.ExecAsync(Source, "INSERT INTO currency (code, name, symbol) VALUES ('EUR', 'Euro', 'e'), ('USD', 'US dollar', NULL), ('GBP', 'Pound', 'p')");
        await Db.ExecAsync(Source, "INSERT INTO price (id, currency_code, amount) VALUES (1, 'EUR', 10), (2, 'USD', 20), (3, 'GBP', 30)");
        await Db.ExecAsync(Target, "INSERT INTO currency (code, name, symbol) VALUES ('EUR', 'old euro', 'e'), ('USD', 'US dollar', NULL), ('CHF', 'Franc', 'f')");
        await Db.ExecAsync(Target, "INSERT INTO price (id, currency_code, amount) VALUES (1, 'EUR', 10), (2, 'USD', 20)");

        var (plans, results, _) = await RunAsync(Db.Config([Full("currency"), Incremental("price", "id")]));

        var plan = plans.Single("currency");
        Assert.Equal(LoadMethod.Merge, plan.LoadMethod);
        Assert.Equal(["code"], plan.MergeKey);
        Assert.Contains("merged by unique key (code)", plan.Reason, StringComparison.Ordinal);
        Assert.All(results, r => Assert.True(r.Status == RefreshStatus.Succeeded, r.Error));
        var currency = results.Single("currency");
        Assert.Equal((1L, 1L, 1L), (currency.RowsInserted, currency.RowsUpdated, currency.RowsDeleted));
        foreach (var table in new[] { "currency", "price" })
        {
            Assert.Equal(await Db.DumpAsync(Source, table, "1"), await Db.DumpAsync(Target, table, "1"));
        }
    }

    [Fact]
    public async Task A_unique_key_on_a_nullable_column_is_no_merge_key()
    {
        SkipIfKnownBug();
        await Both($"CREATE TABLE tag (name {Db.KeyType} UNIQUE, note {Db.TextType})");

        var plans = await PlanAsync(Db.Config([Full("tag") with { LoadMethod = LoadMethod.Merge }]));

        Assert.Equal(RefreshAction.Skip, plans.Single("tag").Action);
        Assert.Contains("has neither", plans.Single("tag").Reason, StringComparison.Ordinal);
    }
}
