using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>
/// load_method: merge. Lookup tables that incrementally refreshed children reference through ordinary
/// (non-deferrable) keys refresh in one run with no DDL; a production deletion that UAT still references fails
/// the unit and leaves it intact; an unchanged table is not written; UAT's triggers do not rewrite copied rows.
/// </summary>
public abstract partial class EngineConformanceTests
{
    private async Task LookupsAndRentalsAsync()
    {
        await Both($"""
            CREATE TABLE country (id {Db.IntType} PRIMARY KEY, name {Db.TextType} NOT NULL, code {Db.KeyType});
            CREATE TABLE city (id {Db.IntType} PRIMARY KEY, country_id {Db.IntType} NOT NULL REFERENCES country (id) ON DELETE {Db.RestrictAction}, name {Db.TextType});
            CREATE TABLE language (id {Db.IntType} PRIMARY KEY, name {Db.TextType});
            CREATE TABLE rental (id {Db.IntType} PRIMARY KEY, city_id {Db.IntType} NOT NULL REFERENCES city (id), language_id {Db.IntType} REFERENCES language (id) ON DELETE {Db.RestrictAction}, note {Db.TextType});
            """);

        // Production: 10 countries (renamed), 50 cities, 4 languages, 100 rentals.
        await Db.ExecAsync(Source, $"INSERT INTO country (id, name, code) SELECT g, {Db.Concat("'country '", "g")}, CASE WHEN g % 3 = 0 THEN NULL ELSE {Db.Concat("'c'", "g")} END FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Source, $"INSERT INTO city (id, country_id, name) SELECT g, 1 + g % 10, {Db.Concat("'city '", "g")} FROM {Db.Series(1, 50)}");
        await Db.ExecAsync(Source, $"INSERT INTO language (id, name) SELECT g, {Db.Concat("'language '", "g")} FROM {Db.Series(1, 4)}");
        await Db.ExecAsync(Source, $"INSERT INTO rental (id, city_id, language_id, note) SELECT g, 1 + g % 40, 1 + g % 4, {Db.Concat("'rental '", "g")} FROM {Db.Series(1, 100)}");

        // UAT: an older copy: country 11 and language 5 since deleted in production (nothing references them),
        // cities 1..40 with old names, half the countries' codes differ, rentals 1..60.
        await Db.ExecAsync(Target, $"INSERT INTO country (id, name, code) SELECT g, {Db.Concat("'country '", "g")}, CASE WHEN g % 2 = 0 THEN 'old' WHEN g % 3 = 0 THEN NULL ELSE {Db.Concat("'c'", "g")} END FROM {Db.Series(1, 11)}");
        await Db.ExecAsync(Target, $"INSERT INTO city (id, country_id, name) SELECT g, 1 + g % 10, {Db.Concat("'old city '", "g")} FROM {Db.Series(1, 40)}");
        await Db.ExecAsync(Target, $"INSERT INTO language (id, name) SELECT g, {Db.Concat("'language '", "g")} FROM {Db.Series(1, 5)}");
        await Db.ExecAsync(Target, $"INSERT INTO rental (id, city_id, language_id, note) SELECT g, 1 + g % 40, 1 + g % 4, {Db.Concat("'rental '", "g")} FROM {Db.Series(1, 60)}");
    }

    [Fact]
    public async Task Lookup_tables_referenced_by_incremental_children_through_ordinary_keys_merge_in_one_run()
    {
        SkipIfKnownBug();
        await LookupsAndRentalsAsync();
        var config = Db.Config([Full("country"), Full("city"), Full("language"), Incremental("rental", "id")]);

        var (plans, results, _) = await RunAsync(config);

        foreach (var lookup in new[] { "country", "city", "language" })
        {
            var plan = plans.Single(lookup);
            Assert.Equal((RefreshAction.Full, LoadMethod.Merge), (plan.Action, plan.LoadMethod));
            Assert.Contains("merged by primary key (id)", plan.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("empty the target", plan.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(plan.Warnings, w => w.Contains("DELETE instead of TRUNCATE", StringComparison.Ordinal));
        }

        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        var country = results.Single("country");
        Assert.Equal((10L, 0L, 5L, 1L), (country.RowsCopied, country.RowsInserted, country.RowsUpdated, country.RowsDeleted));
        Assert.Equal(LoadMethod.Merge, country.LoadMethod);
        var city = results.Single("city");
        Assert.Equal((10L, 40L, 0L), (city.RowsInserted, city.RowsUpdated, city.RowsDeleted));
        var language = results.Single("language");
        Assert.Equal((0L, 0L, 1L), (language.RowsInserted, language.RowsUpdated, language.RowsDeleted));
        Assert.Equal(40L, results.Single("rental").RowsCopied);
        foreach (var table in new[] { "country", "city", "language", "rental" })
        {
            await AssertSameRows(table, "id");
        }

        // Nothing changed since: a second run writes no row at all.
        var (_, again, _) = await RunAsync(config);
        Assert.All(again.Where(r => r.Table != "rental"), r => Assert.Equal((RefreshStatus.Succeeded, 0L, 0L, 0L), (r.Status, r.RowsInserted, r.RowsUpdated, r.RowsDeleted)));
    }

    [Fact]
    public async Task A_production_deletion_that_uat_still_references_fails_the_merge_naming_the_key_and_keeps_the_target()
    {
        SkipIfKnownBug();
        await LookupsAndRentalsAsync();

        // UAT has a city of country 11, which production deleted; the run refreshes country alone.
        await Db.ExecAsync(Target, "INSERT INTO city (id, country_id, name) VALUES (99, 11, 'uat only')");
        var before = await Db.DumpAsync(Target, "country", "id");

        var (plans, results, _) = await RunAsync(Db.Config([Full("country")]));

        Assert.Equal(LoadMethod.Merge, plans.Single("country").LoadMethod);
        var result = results.Single("country");
        Assert.Equal(RefreshStatus.Failed, result.Status);
        Assert.Contains("1 row(s) of main.city", result.Error?.Replace("public.", "main.", StringComparison.Ordinal).Replace("dbo.", "main.", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains($"ON DELETE {Db.RestrictAction}", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Db.DumpAsync(Target, "country", "id"));
    }

    [Fact]
    public async Task Load_method_reload_still_blocks_a_referenced_table_and_merge_needs_a_primary_key()
    {
        SkipIfKnownBug();
        await LookupsAndRentalsAsync();
        await Both($"CREATE TABLE tag (name {Db.TextType})");

        var plans = await PlanAsync(Db.Config([Full("country") with { LoadMethod = LoadMethod.Reload }, Full("tag") with { LoadMethod = LoadMethod.Merge }, Full("language")]));

        Assert.Equal(RefreshAction.Skip, plans.Single("country").Action);
        Assert.Contains("would break foreign key", plans.Single("country").Reason, StringComparison.Ordinal);
        Assert.Equal(RefreshAction.Skip, plans.Single("tag").Action);
        Assert.Contains("load_method: merge matches rows by a primary key or a unique key on NOT NULL columns", plans.Single("tag").Reason, StringComparison.Ordinal);

        // A table nothing outside the run references is reloaded as before.
        Assert.Equal(LoadMethod.Merge, plans.Single("language").LoadMethod);
        var alone = await PlanAsync(Db.Config([Full("tag")]));
        Assert.Equal((RefreshAction.Full, LoadMethod.Reload), (alone.Single("tag").Action, alone.Single("tag").LoadMethod));
    }

    [Fact]
    public async Task A_parent_merged_with_a_reloaded_child_in_one_unit_empties_the_child_first()
    {
        SkipIfKnownBug();
        await LookupsAndRentalsAsync();

        // rental reloaded with city and language: nothing outside the run's reloads references them; country is merged on request.
        var (plans, results, _) = await RunAsync(Db.Config([Full("rental"), Full("city"), Full("country") with { LoadMethod = LoadMethod.Merge }, Full("language")]));

        Assert.Equal(LoadMethod.Reload, plans.Single("rental").LoadMethod);
        Assert.Equal(LoadMethod.Reload, plans.Single("city").LoadMethod);
        Assert.Equal(LoadMethod.Merge, plans.Single("country").LoadMethod);
        Assert.Equal(LoadMethod.Reload, plans.Single("language").LoadMethod);
        Assert.Equal(plans.Single("country").Unit, plans.Single("rental").Unit);
        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        foreach (var table in new[] { "country", "city", "language", "rental" })
        {
            await AssertSameRows(table, "id");
        }
    }

    [Fact]
    public async Task History_records_inserted_updated_and_deleted_rows_and_a_history_table_from_an_earlier_version_gets_the_columns()
    {
        SkipIfKnownBug();
        await LookupsAndRentalsAsync();

        // The history table as earlier versions created it: no rows_inserted, rows_updated, verify_status, verify_detail; one row already in it.
        var (key, text, ts) = (Db.KeyType, Db.TextType, Db.TimestampType);
        await Db.ExecAsync(Target, $"""
            CREATE TABLE datarefresh_history (entry_id {key} NOT NULL PRIMARY KEY, run_id {key} NOT NULL, table_name {key} NOT NULL, attempt integer NOT NULL,
                sync_mode {key} NOT NULL, action {key} NOT NULL, status {key} NOT NULL, started_at {ts} NOT NULL, ended_at {ts} NULL, rows_copied bigint NOT NULL,
                rows_deleted bigint NOT NULL, watermark_before {text} NULL, watermark_after {text} NULL, error {text} NULL, os_user {key} NOT NULL,
                db_login {key} NOT NULL, host {key} NOT NULL, process_id integer NOT NULL, module_version {key} NOT NULL)
            """);
        await Db.ExecAsync(Target, "INSERT INTO datarefresh_history VALUES ('old', 'run0', 'country', 1, 'FullReplace', 'Full', 'Succeeded', '2024-01-01 00:00:00', '2024-01-01 00:01:00', 11, 0, NULL, NULL, NULL, 'me', 'me', 'host', 1, '0.1.0')");
        var config = Db.Config([Full("country")]);

        var (_, results, _) = await RunAsync(config);

        Assert.Equal(RefreshStatus.Succeeded, results.Single("country").Status);
        var history = await History(config);
        var merged = history.Single(h => h.EntryId != "old");
        Assert.Equal((10L, 1L, 0L, 5L), (merged.RowsCopied, merged.RowsDeleted, merged.RowsInserted, merged.RowsUpdated));
        var old = history.Single(h => h.EntryId == "old");
        Assert.Equal((11L, (long?)null, (long?)null, (string?)null), (old.RowsCopied, old.RowsInserted, old.RowsUpdated, old.VerifyStatus));
        Assert.Equal("Equal", merged.VerifyStatus);
    }

    [Fact]
    public async Task Smart_sync_falls_back_to_a_merge_when_a_table_outside_the_run_references_the_table()
    {
        SkipIfKnownBug();
        await Both($"""
            CREATE TABLE products (id {Db.IntType} PRIMARY KEY, last_modified {Db.TimestampType} NOT NULL, name {Db.TextType});
            CREATE TABLE review (id {Db.IntType} PRIMARY KEY, product_id {Db.IntType} NOT NULL REFERENCES products (id));
            """);
        await Db.ExecAsync(Source, $"INSERT INTO products (id, last_modified, name) SELECT g, {Db.AddHours("2024-01-01", "g * 24")}, {Db.Concat("'p'", "g")} FROM {Db.Series(1, 20)}");
        await Db.ExecAsync(Target, $"INSERT INTO products (id, last_modified, name) SELECT g, {Db.AddHours("2024-01-01", "g * 24")}, {Db.Concat("'p'", "g")} FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Target, "INSERT INTO review (id, product_id) VALUES (1, 2)");

        // The incremental copy re-inserts the edited id 3 and hits the primary key; emptying products would orphan the review.
        await Db.ExecAsync(Source, "UPDATE products SET last_modified = '2030-01-01 00:00:00', name = 'renamed' WHERE id = 3");

        var (plans, results, _) = await RunAsync(Db.Config([Smart("products", "last_modified", IncrementalType.DateTime)]));

        var plan = plans.Single("products");
        Assert.Equal((RefreshAction.Incremental, LoadMethod.Merge, (string?)null), (plan.Action, plan.LoadMethod, plan.FallbackBlockedBy));
        var result = results.Single("products");
        Assert.Equal((RefreshStatus.Succeeded, RefreshAction.Full, LoadMethod.Merge, 2), (result.Status, result.Action, result.LoadMethod, result.Attempts));
        Assert.Equal((10L, 1L, 0L), (result.RowsInserted, result.RowsUpdated, result.RowsDeleted));
        await AssertSameRows("products", "id");
        Assert.Equal(1L, await Long(Target, "SELECT count(*) FROM review"));
    }
}
