using DataRefresh.Checks;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>Name resolution against a real PostgreSQL catalog: C-collated names, the search path, system schemas.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlNameTests : PostgresTestBase
{
    [Fact]
    public async Task Names_differing_only_in_non_ASCII_case_are_told_apart_by_quoting_and_never_guessed()
    {
        await Both("CREATE TABLE \"Ünïcödé表\" (id int PRIMARY KEY); CREATE TABLE \"ünïcödé表\" (id int PRIMARY KEY)");
        await Pg.ExecAsync(Src, "INSERT INTO \"Ünïcödé表\" SELECT generate_series(1, 3); INSERT INTO \"ünïcödé表\" SELECT generate_series(1, 4)");

        var plans = await PlanAsync(Pg.Config(Src, Tgt, [Full("\"Ünïcödé表\""), Full("\"ünïcödé表\""), Full("ÜNÏCÖDÉ表")]));

        RefreshPlan Plan(string table) => plans.Single(p => p.Table == table);
        Assert.Equal(("public.Ünïcödé表", 3L), (Plan("\"Ünïcödé表\"").TargetTable, Plan("\"Ünïcödé表\"").EstimatedRows));
        Assert.Equal(("public.ünïcödé表", 4L), (Plan("\"ünïcödé表\"").TargetTable, Plan("\"ünïcödé表\"").EstimatedRows));
        var ambiguous = Plan("ÜNÏCÖDÉ表");
        Assert.Equal(RefreshAction.Skip, ambiguous.Action);
        Assert.Contains("'ÜNÏCÖDÉ表' matches several tables (public.Ünïcödé表, public.ünïcödé表); quote the name", ambiguous.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connected_check_reports_an_ambiguous_name_as_a_failed_check_instead_of_throwing()
    {
        await Both("CREATE TABLE \"Ünïcödé表\" (id int PRIMARY KEY); CREATE TABLE \"ünïcödé表\" (id int PRIMARY KEY)");

        var checks = await ConfigChecks.ConnectAsync(Pg.Config(Src, Tgt, [Full("\"ünïcödé表\""), Full("ÜNÏCÖDÉ表")]), TestContext.Current.CancellationToken);

        var exists = checks.Where(c => c.Check == "TableExists").ToList();
        Assert.Equal(4, exists.Count);
        Assert.Equal(2, exists.Count(c => c.Outcome == CheckOutcome.Passed && c.Message.EndsWith("is public.ünïcödé表", StringComparison.Ordinal)));
        Assert.Equal(2, exists.Count(c => c.Outcome == CheckOutcome.Failed && c.Message.Contains("'ÜNÏCÖDÉ表' matches several tables", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unqualified_name_takes_the_first_schema_on_the_search_path_and_a_schema_name_ignores_case_too()
    {
        foreach (var db in new[] { Src, Tgt })
        {
            await Pg.ExecAsync(db, $"ALTER DATABASE \"{db}\" SET search_path = \"Tägliche\", public");
            await Pg.ExecAsync(db, "CREATE SCHEMA \"Tägliche\"; CREATE TABLE \"Tägliche\".\"Umsätze\" (id int PRIMARY KEY); CREATE TABLE public.\"UMSÄTZE\" (id int PRIMARY KEY)");
        }

        var plans = await PlanAsync(Pg.Config(Src, Tgt, [Full("umsätze"), Full("PUBLIC.umsätze"), Full("TÄGLICHE.UMSÄTZE")]));

        Assert.Equal("Tägliche.Umsätze", plans.Single("umsätze").TargetTable);
        Assert.Equal("public.UMSÄTZE", plans.Single("PUBLIC.umsätze").TargetTable);
        Assert.Equal("Tägliche.Umsätze", plans.Single("TÄGLICHE.UMSÄTZE").TargetTable);
    }

    [Fact]
    public async Task An_unqualified_name_that_the_search_path_finds_in_pg_catalog_is_refused()
    {
        foreach (var db in new[] { Src, Tgt })
        {
            await Pg.ExecAsync(db, $"ALTER DATABASE \"{db}\" SET search_path = pg_catalog, public");
        }

        var plan = (await PlanAsync(Pg.Config(Src, Tgt, [Full("PG_DESCRIPTION")]))).Single();

        Assert.Equal(RefreshAction.Skip, plan.Action);
        Assert.Contains("'PG_DESCRIPTION' is pg_catalog.pg_description, a system table of the database", plan.Reason, StringComparison.Ordinal);
    }
}
