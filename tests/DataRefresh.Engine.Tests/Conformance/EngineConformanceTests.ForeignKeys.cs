using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>
/// Foreign-key rules the plan must know before the run: referential actions, deletes of a date buffer's window on a
/// referenced table, and units that depend on units listed after them.
/// </summary>
public abstract partial class EngineConformanceTests
{
    /// <summary>SQL Server has no DEFERRABLE clause (its defer is NOCHECK + re-check); the others need it to defer.</summary>
    private string Deferrable => Db.Kind == EngineKind.SqlServer ? "" : " DEFERRABLE";

    [Fact]
    public async Task Emptying_a_parent_is_blocked_when_a_child_outside_the_run_would_cascade_or_be_set_null_even_with_defer()
    {
        SkipIfKnownBug();
        await Both($"""
            CREATE TABLE parent (id {Db.IntType} PRIMARY KEY, name {Db.TextType});
            CREATE TABLE cascading_child (id {Db.IntType} PRIMARY KEY, parent_id {Db.IntType} REFERENCES parent (id) ON DELETE CASCADE{Deferrable});
            CREATE TABLE nulling_child (id {Db.IntType} PRIMARY KEY, parent_id {Db.IntType} REFERENCES parent (id) ON DELETE SET NULL{Deferrable});
            """);
        await Db.ExecAsync(Source, $"INSERT INTO parent (id, name) SELECT g, {Db.Concat("'new '", "g")} FROM {Db.Series(1, 5)}");
        await Db.ExecAsync(Target, $"INSERT INTO parent (id, name) SELECT g, {Db.Concat("'old '", "g")} FROM {Db.Series(1, 5)}");
        await Db.ExecAsync(Target, "INSERT INTO cascading_child (id, parent_id) VALUES (1, 3)");
        await Db.ExecAsync(Target, "INSERT INTO nulling_child (id, parent_id) VALUES (1, 4)");
        var parentBefore = await Db.DumpAsync(Target, "parent", "id");

        foreach (var external in new[] { ExternalReferences.Block, ExternalReferences.Defer })
        {
            var (plans, results, _) = await RunAsync(Db.Config([Full("parent") with { ExternalReferences = external, LoadMethod = LoadMethod.Reload }]));

            var plan = plans.Single("parent");
            Assert.Equal(RefreshAction.Skip, plan.Action);
            Assert.Contains("ON DELETE CASCADE", plan.Reason, StringComparison.Ordinal);
            Assert.Contains("cascading_child", plan.Reason, StringComparison.Ordinal);
            Assert.Contains("ON DELETE SET NULL", plan.Reason, StringComparison.Ordinal);
            Assert.Contains("nulling_child", plan.Reason, StringComparison.Ordinal);
            Assert.Equal(RefreshStatus.Skipped, results.Single("parent").Status);
            Assert.Equal(parentBefore, await Db.DumpAsync(Target, "parent", "id"));
            Assert.Equal(1L, await Long(Target, "SELECT count(*) FROM cascading_child WHERE parent_id = 3"));
            Assert.Equal(1L, await Long(Target, "SELECT count(*) FROM nulling_child WHERE parent_id = 4"));
        }

        // Refreshed with the parent, the children are emptied first: nothing cascades, everything reloads.
        var (_, together, _) = await RunAsync(Db.Config([Full("parent"), Full("cascading_child"), Full("nulling_child")]));
        Assert.All(together, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        await AssertSameRows("parent", "id");
    }

    [Fact]
    public async Task Defer_is_refused_for_an_on_delete_restrict_key_which_is_checked_at_once_but_on_update_restrict_is_harmless()
    {
        SkipIfKnownBug();
        if (Db.Kind == EngineKind.SqlServer)
        {
            Assert.Skip("SQL Server has no RESTRICT action (NO ACTION is its default, and it defers through NOCHECK)");
        }

        await Both($"""
            CREATE TABLE parent (id {Db.IntType} PRIMARY KEY, name {Db.TextType});
            CREATE TABLE update_restricted (id {Db.IntType} PRIMARY KEY, parent_id {Db.IntType} REFERENCES parent (id) ON UPDATE RESTRICT{Deferrable});
            """);
        await Db.ExecAsync(Source, $"INSERT INTO parent (id, name) SELECT g, {Db.Concat("'new '", "g")} FROM {Db.Series(1, 5)}");
        await Db.ExecAsync(Target, $"INSERT INTO parent (id, name) SELECT g, {Db.Concat("'old '", "g")} FROM {Db.Series(1, 5)}");
        await Db.ExecAsync(Target, "INSERT INTO update_restricted (id, parent_id) VALUES (1, 2)");
        var deferred = Db.Config([Full("parent") with { ExternalReferences = ExternalReferences.Defer, LoadMethod = LoadMethod.Reload }]);

        // A refresh deletes and inserts, it never updates a key: ON UPDATE RESTRICT does not stand in its way.
        var (plans, results, _) = await RunAsync(deferred);
        Assert.Equal(RefreshAction.Full, plans.Single("parent").Action);
        Assert.Equal(RefreshStatus.Succeeded, results.Single("parent").Status);
        await AssertSameRows("parent", "id");

        await Db.ExecAsync(Target, "UPDATE parent SET name = 'old'");
        await Db.ExecAsync(Target, $"CREATE TABLE delete_restricted (id {Db.IntType} PRIMARY KEY, parent_id {Db.IntType} REFERENCES parent (id) ON DELETE RESTRICT{Deferrable})");
        await Db.ExecAsync(Target, "INSERT INTO delete_restricted (id, parent_id) VALUES (1, 2)");

        var (blockedPlans, blockedResults, _) = await RunAsync(deferred);

        var blocked = blockedPlans.Single("parent");
        Assert.Equal(RefreshAction.Skip, blocked.Action);
        Assert.Contains("ON DELETE RESTRICT", blocked.Reason, StringComparison.Ordinal);
        Assert.Contains("delete_restricted", blocked.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("update_restricted", blocked.Reason, StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Skipped, blockedResults.Single("parent").Status);
        Assert.Equal(5L, await Long(Target, "SELECT count(*) FROM parent WHERE name = 'old'"));
    }

    [Fact]
    public async Task A_date_buffer_delete_on_a_referenced_table_is_checked_like_a_full_reload_and_deferred_when_allowed()
    {
        SkipIfKnownBug();
        await Both($"""
            CREATE TABLE batch (id {Db.IntType} PRIMARY KEY, made_on {Db.DateType} NOT NULL, note {Db.TextType});
            CREATE TABLE parcel (id {Db.IntType} PRIMARY KEY, batch_id {Db.IntType} NOT NULL REFERENCES batch (id){Deferrable});
            """);
        await Db.ExecAsync(Source, $"INSERT INTO batch (id, made_on, note) SELECT g, {Db.AddDays("2024-01-01", "g - 1")}, 'new' FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Target, $"INSERT INTO batch (id, made_on, note) SELECT g, {Db.AddDays("2024-01-01", "g - 1")}, 'old' FROM {Db.Series(1, 8)}");

        // UAT parcels reference a batch inside the 2-day window (Jan 6..8) and one before it.
        await Db.ExecAsync(Target, "INSERT INTO parcel (id, batch_id) VALUES (1, 8), (2, 3)");
        var buffered = Incremental("batch", "made_on", IncrementalType.Date, buffer: 2);
        var before = await Db.DumpAsync(Target, "batch", "id");

        var (plans, results, _) = await RunAsync(Db.Config([buffered]));

        var plan = plans.Single("batch");
        Assert.Equal(RefreshAction.Skip, plan.Action);
        Assert.Contains("date_buffer_days", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("parcel", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("external_references: defer", plan.Reason, StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Skipped, results.Single("batch").Status);
        Assert.Equal(before, await Db.DumpAsync(Target, "batch", "id"));

        // Deferred: the window is deleted and re-copied, and the parcels' references are checked at commit.
        var (deferredPlans, deferredResults, _) = await RunAsync(Db.Config([buffered with { ExternalReferences = ExternalReferences.Defer }]));

        Assert.Equal(RefreshAction.Incremental, deferredPlans.Single("batch").Action);
        var result = deferredResults.Single("batch");
        Assert.Equal((RefreshStatus.Succeeded, 5L, 3L), (result.Status, result.RowsCopied, result.RowsDeleted));
        Assert.Equal((10L, 5L), (await Long(Target, "SELECT count(*) FROM batch"), await Long(Target, "SELECT count(*) FROM batch WHERE note = 'new' AND id >= 6")));
        Assert.Equal(2L, await Long(Target, "SELECT count(*) FROM parcel"));
    }

    [Fact]
    public async Task A_buffered_parent_and_its_full_child_share_a_unit_and_the_child_is_emptied_first()
    {
        SkipIfKnownBug();
        await Both($"""
            CREATE TABLE batch (id {Db.IntType} PRIMARY KEY, made_on {Db.DateType} NOT NULL, note {Db.TextType});
            CREATE TABLE parcel (id {Db.IntType} PRIMARY KEY, batch_id {Db.IntType} NOT NULL REFERENCES batch (id));
            """);
        await Db.ExecAsync(Source, $"INSERT INTO batch (id, made_on, note) SELECT g, {Db.AddDays("2024-01-01", "g - 1")}, 'new' FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Source, $"INSERT INTO parcel (id, batch_id) SELECT g, g FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Target, $"INSERT INTO batch (id, made_on, note) SELECT g, {Db.AddDays("2024-01-01", "g - 1")}, 'old' FROM {Db.Series(1, 8)}");
        await Db.ExecAsync(Target, "INSERT INTO parcel (id, batch_id) VALUES (1, 8), (2, 3)");

        var (plans, results, _) = await RunAsync(Db.Config([Full("parcel"), Incremental("batch", "made_on", IncrementalType.Date, buffer: 2)]));

        Assert.Equal(plans.Single("batch").Unit, plans.Single("parcel").Unit);
        Assert.True(plans.Single("batch").Order < plans.Single("parcel").Order, "the parent loads first");
        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal((10L, 5L), (await Long(Target, "SELECT count(*) FROM batch"), await Long(Target, "SELECT count(*) FROM batch WHERE note = 'new' AND id >= 6")));
        await AssertSameRows("parcel", "id");
    }

    [Fact]
    public async Task A_unit_runs_after_an_incremental_parent_in_another_unit_even_when_the_config_lists_children_first()
    {
        SkipIfKnownBug();

        // customer (incremental) <- invoice <- invoice_line, and currency <- invoice: currency, invoice and
        // invoice_line are emptied together (one unit), which must wait for customer's new rows.
        await Both($"""
            CREATE TABLE customer (id {Db.IntType} PRIMARY KEY, name {Db.TextType});
            CREATE TABLE currency (code {Db.KeyType} PRIMARY KEY, name {Db.TextType});
            CREATE TABLE invoice (id {Db.IntType} PRIMARY KEY, customer_id {Db.IntType} NOT NULL REFERENCES customer (id), currency {Db.KeyType} NOT NULL REFERENCES currency (code));
            CREATE TABLE invoice_line (id {Db.IntType} PRIMARY KEY, invoice_id {Db.IntType} NOT NULL REFERENCES invoice (id), amount {Db.DecimalType});
            """);
        await Db.ExecAsync(Source, $"INSERT INTO customer (id, name) SELECT g, {Db.Concat("'customer '", "g")} FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Source, "INSERT INTO currency (code, name) VALUES ('EUR', 'euro'), ('USD', 'dollar')");
        await Db.ExecAsync(Source, $"INSERT INTO invoice (id, customer_id, currency) SELECT g, 1 + g % 10, CASE WHEN g % 2 = 0 THEN 'EUR' ELSE 'USD' END FROM {Db.Series(1, 30)}");
        await Db.ExecAsync(Source, $"INSERT INTO invoice_line (id, invoice_id, amount) SELECT g, 1 + g % 30, g FROM {Db.Series(1, 90)}");
        await Db.ExecAsync(Target, $"INSERT INTO customer (id, name) SELECT g, {Db.Concat("'customer '", "g")} FROM {Db.Series(1, 5)}");
        await Db.ExecAsync(Target, "INSERT INTO currency (code, name) VALUES ('EUR', 'old euro')");
        await Db.ExecAsync(Target, "INSERT INTO invoice (id, customer_id, currency) VALUES (1, 1, 'EUR')");
        await Db.ExecAsync(Target, "INSERT INTO invoice_line (id, invoice_id, amount) VALUES (1, 1, 1)");
        var config = Db.Config([Full("invoice_line"), Full("invoice"), Full("currency"), Incremental("customer", "id")]);

        // The first run succeeds: parallel units still wait for every unit they depend on.
        var (plans, results, _) = await RunAsync(config, throttle: 4);

        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        var customer = plans.Single("customer");
        Assert.All(plans.Where(p => p.Table != "customer"), p => Assert.True(customer.Order < p.Order, $"{p.Table} (order {p.Order}) runs before customer (order {customer.Order})"));
        Assert.All(plans.Where(p => p.Table != "customer"), p => Assert.True(customer.Unit < p.Unit, $"{p.Table}'s unit {p.Unit} is numbered before customer's unit {customer.Unit}"));
        Assert.Equal(["customer", "currency", "invoice", "invoice_line"], plans.OrderBy(p => p.Order).Select(p => p.Table));
        foreach (var table in new[] { "customer", "currency", "invoice", "invoice_line" })
        {
            await AssertSameRows(table, table == "currency" ? "code" : "id");
        }
    }
}
