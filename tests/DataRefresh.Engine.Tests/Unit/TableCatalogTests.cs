using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Tests.Unit;

/// <summary>The one set of name rules every engine resolves with, on catalogs written here.</summary>
public class TableCatalogTests
{
    private static readonly TableCatalog Catalog = new(
    [
        new("public", "Ünïcödé表", 1, false),
        new("public", "ünïcödé表", 1, false),
        new("public", "Zählerstände", 1, false),
        new("public", "orders", 1, false),
        new("sales", "orders", 2, false),
        new("sales", "Straße", 2, false),
        new("archive", "orders", null, false),
        new("Sales", "Leads", null, false),
        new("sales", "leads", 2, false),
        new("hr", "staff", 3, false),
        new("ops", "staff", 3, false),
        new("pg_catalog", "pg_description", 0, true),
    ]);

    [Theory]
    [InlineData("\"Ünïcödé表\"", "public.Ünïcödé表")]
    [InlineData("\"ünïcödé表\"", "public.ünïcödé表")]
    [InlineData("Ünïcödé表", "public.Ünïcödé表")]
    [InlineData("ZÄHLERSTÄNDE", "public.Zählerstände")]
    [InlineData("zählerstände", "public.Zählerstände")]
    [InlineData("ORDERS", "public.orders")]
    [InlineData("sales.ORDERS", "sales.orders")]
    [InlineData("ARCHIVE.orders", "archive.orders")]
    [InlineData("\"archive\".\"orders\"", "archive.orders")]
    [InlineData("STRASSE", "sales.Straße")]
    [InlineData("Sales.Leads", "Sales.Leads")]
    [InlineData("\"sales\".leads", "sales.leads")]
    [InlineData("leads", "sales.leads")]
    [InlineData("hr.staff", "hr.staff")]
    public void Resolves_by_the_documented_rules(string configured, string expected) =>
        Assert.Equal(expected, Catalog.Resolve(TableName.Parse(configured))?.ToString());

    [Theory]
    [InlineData("\"ÜNÏCÖDÉ表\"")]
    [InlineData("\"orders\".x")]
    [InlineData("\"Orders\"")]
    [InlineData("nowhere")]
    [InlineData("public.leads")]
    [InlineData("main.orders")]
    public void A_name_no_table_has_resolves_to_nothing(string configured) =>
        Assert.Null(Catalog.Resolve(TableName.Parse(configured)));

    [Theory]
    [InlineData("ÜNÏCÖDÉ表", "matches several tables (public.Ünïcödé表, public.ünïcödé表); quote the name to choose one exactly, e.g. \"public\".\"Ünïcödé表\"")]
    [InlineData("SALES.LEADS", "matches several tables (Sales.Leads, sales.leads); quote the name")]
    [InlineData("staff", "matches several tables (hr.staff, ops.staff); name the schema, e.g. \"hr\".\"staff\"")]
    public void An_ambiguous_name_is_an_error_listing_every_candidate(string configured, string fragment)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Catalog.Resolve(TableName.Parse(configured)));

        Assert.Contains($"'{configured}' {fragment}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pg_catalog.pg_description")]
    [InlineData("pg_description")]
    public void A_name_that_resolves_to_a_system_table_is_refused(string configured)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Catalog.Resolve(TableName.Parse(configured)));

        Assert.Contains("is pg_catalog.pg_description, a system table of the database; DataRefresh never refreshes system tables", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thousands_of_tables_resolve_by_index_not_by_scanning()
    {
        var tables = Enumerable.Range(0, 50_000).Select(i => new CatalogTable($"s{i % 50}", $"Tabelle_{i}_Größe", i % 50, false)).ToList();
        var catalog = new TableCatalog(tables);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < 5_000; i++)
        {
            Assert.Equal(new QualifiedName($"s{i % 50}", $"Tabelle_{i}_Größe"), catalog.Resolve(TableName.Parse($"TABELLE_{i}_GRÖSSE")));
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"5000 names took {watch.Elapsed}");
    }
}
