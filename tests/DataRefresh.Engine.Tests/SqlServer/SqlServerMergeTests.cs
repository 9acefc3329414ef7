using System.Globalization;
using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.SqlServer;

/// <summary>
/// load_method: merge and triggers on a live SQL Server (DATAREFRESH_TEST_SQLSERVER or a container; skipped
/// otherwise): identity values and column collations kept, only changed rows written, triggers suspended under a
/// merge and a reload's DELETE and restored exactly, INSTEAD OF triggers and identity columns outside the key refused.
/// </summary>
[Trait("Category", "SqlServer")]
[Collection(SqlServerCollectionDefinition.Name)]
public sealed class SqlServerMergeTests(SqlServerInstance instance) : IAsyncLifetime
{
    private SqlServerServer _server = null!;
    private string _source = "";
    private string _target = "";

    public async ValueTask InitializeAsync()
    {
        _server = await SqlServerServer.CreateAsync(instance);
        _source = await _server.CreateDatabaseAsync("src");
        _target = await _server.CreateDatabaseAsync("tgt");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task Both(string sql)
    {
        await _server.ExecAsync(_source, sql);
        await _server.ExecAsync(_target, sql);
    }

    private async Task<long> Long(string database, string sql) => Convert.ToInt64(await _server.ScalarAsync(database, sql), CultureInfo.InvariantCulture);

    private async Task<string?> Text(string database, string sql) => (string?)await _server.ScalarAsync(database, sql);

    private RefreshConfig Config(params TableConfig[] tables) => _server.Config(_source, _target, tables);

    /// <summary>country is referenced by city, which the runs do not refresh: load_method: auto merges it.</summary>
    private const string Countries = """
        CREATE TABLE country (id int IDENTITY(1,1) PRIMARY KEY, name nvarchar(50) COLLATE Latin1_General_CI_AS NOT NULL,
            code varchar(10) COLLATE Japanese_CI_AS NULL, seen_at datetimeoffset(7) NULL, doubled AS (id * 2));
        CREATE TABLE city (id int PRIMARY KEY, country_id int NOT NULL REFERENCES country (id));
        CREATE TABLE audit (n int IDENTITY PRIMARY KEY, what nvarchar(20) NOT NULL);
        """;

    private async Task CountriesAsync()
    {
        await Both(Countries);
        const string Rows = "SET IDENTITY_INSERT country ON; INSERT INTO country (id, name, code, seen_at) SELECT g, CONCAT(N'country ', g), CONCAT('c', g), '2024-01-01T10:00:00+02:00' FROM (SELECT TOP (10) CAST(ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS int) AS g FROM sys.all_objects) AS s; SET IDENTITY_INSERT country OFF;";
        await Both(Rows);
        await _server.ExecAsync(_target, "INSERT INTO city VALUES (1, 1)");

        // Production: a case-only rename (2), the same instant at another offset (3), 4 deleted, 11 added.
        await _server.ExecAsync(_source, """
            UPDATE country SET name = N'Country 2' WHERE id = 2;
            UPDATE country SET seen_at = '2024-01-01T08:00:00+00:00' WHERE id = 3;
            DELETE FROM country WHERE id = 4;
            SET IDENTITY_INSERT country ON; INSERT INTO country (id, name, code) VALUES (11, N'new', NULL); SET IDENTITY_INSERT country OFF;
            """);
    }

    private const string CountryColumns = "(SELECT id, name, code, seen_at, doubled FROM country) AS x";

    [Fact]
    public async Task A_merge_keeps_identity_values_and_collations_and_writes_only_rows_whose_bytes_differ()
    {
        await CountriesAsync();

        // A key whose collation is neither the database's nor tempdb's: a #table declared without it could not be joined.
        await Both("CREATE TABLE label (code varchar(10) COLLATE Japanese_BIN NOT NULL PRIMARY KEY, txt nvarchar(10) COLLATE Greek_CS_AS NULL)");
        await _server.ExecAsync(_source, "INSERT INTO label VALUES ('a', N'x'), ('b', N'Y')");
        await _server.ExecAsync(_target, "INSERT INTO label VALUES ('a', N'x'), ('b', N'y'), ('c', N'z')");
        var config = Config(Full("country"), Full("label") with { LoadMethod = LoadMethod.Merge });

        var (plans, results, _) = await RunAsync(config);

        var label = results.Single("label");
        Assert.Equal((RefreshStatus.Succeeded, 0L, 1L, 1L), (label.Status, label.RowsInserted, label.RowsUpdated, label.RowsDeleted));
        Assert.Equal(await _server.DumpAsync(_source, "label", "code"), await _server.DumpAsync(_target, "label", "code"));

        Assert.Equal((RefreshAction.Full, LoadMethod.Merge), (plans.Single("country").Action, plans.Single("country").LoadMethod));
        var result = results.Single("country");
        Assert.Equal((RefreshStatus.Succeeded, 10L, 1L, 2L, 1L), (result.Status, result.RowsCopied, result.RowsInserted, result.RowsUpdated, result.RowsDeleted));
        Assert.Equal(await _server.DumpAsync(_source, CountryColumns, "id"), await _server.DumpAsync(_target, CountryColumns, "id"));
        Assert.Equal("Latin1_General_CI_AS,Japanese_CI_AS", await Text(_target, "SELECT STRING_AGG(collation_name, ',') WITHIN GROUP (ORDER BY column_id) FROM sys.columns WHERE object_id = OBJECT_ID(N'country') AND collation_name IS NOT NULL"));
        Assert.Equal(0L, await Long(_target, "SELECT COUNT_BIG(*) FROM tempdb.sys.tables WHERE name LIKE N'#datarefresh[_]merge[_]%'"));

        // The identity counter follows the kept values; a second run writes nothing.
        await _server.ExecAsync(_target, "INSERT INTO country (name) VALUES (N'uat')");
        Assert.Equal(12L, await Long(_target, "SELECT MAX(id) FROM country"));
        await _server.ExecAsync(_target, "DELETE FROM country WHERE id = 12");
        var (_, again, _) = await RunAsync(config);
        Assert.All(again, r => Assert.Equal((RefreshStatus.Succeeded, 0L, 0L, 0L), (r.Status, r.RowsInserted, r.RowsUpdated, r.RowsDeleted)));
        Assert.Equal((RefreshStatus.Succeeded, 0L, 0L, 0L), (again.Single("country").Status, again.Single("country").RowsInserted, again.Single("country").RowsUpdated, again.Single("country").RowsDeleted));
    }

    [Fact]
    public async Task Triggers_are_suspended_under_a_merge_and_a_reloads_delete_restored_exactly_and_fire_with_fire_triggers_true()
    {
        await CountriesAsync();
        await Both("CREATE TABLE tag (id int PRIMARY KEY, name nvarchar(20) NULL)");
        await _server.ExecAsync(_source, "INSERT INTO tag VALUES (1, N'a'), (2, N'b')");
        await _server.ExecAsync(_target, """
            INSERT INTO tag VALUES (1, N'old'), (3, N'gone');
            EXEC (N'CREATE TRIGGER trg_country ON country AFTER INSERT, UPDATE, DELETE AS INSERT INTO audit (what) VALUES (N''country''), (N''country'');');
            EXEC (N'CREATE TRIGGER trg_country_off ON country AFTER UPDATE AS INSERT INTO audit (what) VALUES (N''off'');');
            EXEC (N'DISABLE TRIGGER trg_country_off ON country');
            EXEC (N'CREATE TRIGGER trg_tag ON tag AFTER DELETE AS INSERT INTO audit (what) VALUES (N''tag''); INSERT INTO audit (what) VALUES (N''tag again'');');
            """);
        const string States = "SELECT STRING_AGG(CONCAT(name, N'=', is_disabled), N',') WITHIN GROUP (ORDER BY name) FROM sys.triggers WHERE parent_class = 1";
        var states = await Text(_target, States);

        // tag: truncate_target: false empties it with DELETE, which fires DELETE triggers; country merges.
        var (plans, results, _) = await RunAsync(Config(Full("country"), Full("tag") with { TruncateTarget = false }));

        Assert.True(plans.Single("country").SuspendsTriggers);
        Assert.Contains(plans.Single("country").Warnings, w => w.Contains("user trigger(s) trg_country on dbo.country are suspended", StringComparison.Ordinal));
        Assert.True(plans.Single("tag").SuspendsTriggers);
        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal(2L, results.Single("tag").RowsDeleted);
        Assert.Equal(0L, await Long(_target, "SELECT COUNT_BIG(*) FROM audit"));
        Assert.Equal(states, await Text(_target, States));

        // fire_triggers: true: the merge's three statements fire trg_country (even for no rows), and the counts are
        // the statements' own rows (ROWCOUNT_BIG), not the two audit rows each firing adds.
        await _server.ExecAsync(_source, "UPDATE country SET name = N'renamed' WHERE id = 5; UPDATE tag SET name = N'z'");
        var (_, fired, _) = await RunAsync(Config(Full("country") with { FireTriggers = true }, Full("tag") with { TruncateTarget = false, FireTriggers = true }));
        Assert.All(fired, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal(1L, fired.Single("country").RowsUpdated);
        Assert.Equal("country:6,tag:1,tag again:1", await Text(_target, "SELECT STRING_AGG(CONCAT(what, N':', n), N',') WITHIN GROUP (ORDER BY what) FROM (SELECT what, COUNT(*) AS n FROM audit GROUP BY what) AS a"));
        Assert.Equal(states, await Text(_target, States));
    }

    [Fact]
    public async Task An_instead_of_trigger_left_to_fire_blocks_the_load_it_would_replace_and_is_suspended_otherwise()
    {
        await Both("CREATE TABLE note (id int PRIMARY KEY, body nvarchar(20) NULL, deleted bit NOT NULL DEFAULT 0)");
        await _server.ExecAsync(_source, "INSERT INTO note (id, body) VALUES (1, N'a'), (2, N'b')");
        await _server.ExecAsync(_target, """
            INSERT INTO note (id, body) VALUES (1, N'old'), (3, N'uat');
            EXEC (N'CREATE TRIGGER trg_soft_delete ON note INSTEAD OF DELETE AS UPDATE n SET deleted = 1 FROM note AS n JOIN deleted AS d ON d.id = n.id;');
            """);
        var before = await _server.DumpAsync(_target, "note", "id");

        var (plans, results, _) = await RunAsync(Config(Full("note") with { TruncateTarget = false, FireTriggers = true }));

        var plan = plans.Single("note");
        Assert.Equal(RefreshAction.Skip, plan.Action);
        Assert.Contains("INSTEAD OF DELETE trigger trg_soft_delete (fire_triggers: true) would run in its place (an INSTEAD OF DELETE leaves the rows in place)", plan.Reason, StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Skipped, results.Single("note").Status);
        Assert.Equal(before, await _server.DumpAsync(_target, "note", "id"));

        var merge = await PlanAsync(Config(Full("note") with { LoadMethod = LoadMethod.Merge, FireTriggers = true }));
        Assert.Contains("load_method: merge runs DELETE, UPDATE and INSERT on dbo.note", merge.Single("note").Reason, StringComparison.Ordinal);

        // The default suspends it: the rows really go, and the trigger is enabled again.
        var (_, suspended, _) = await RunAsync(Config(Full("note") with { TruncateTarget = false }));
        Assert.Equal(RefreshStatus.Succeeded, suspended.Single("note").Status);
        Assert.Equal(await _server.DumpAsync(_source, "note", "id"), await _server.DumpAsync(_target, "note", "id"));
        Assert.Equal(0L, await Long(_target, "SELECT COUNT_BIG(*) FROM sys.triggers WHERE name = N'trg_soft_delete' AND is_disabled = 1"));
    }

    [Fact]
    public async Task An_identity_column_outside_the_key_refuses_merge_and_auto_reloads()
    {
        await Both("""
            CREATE TABLE product (code nvarchar(10) PRIMARY KEY, id int IDENTITY(1,1) NOT NULL, name nvarchar(20) NULL);
            CREATE TABLE product_note (id int PRIMARY KEY, code nvarchar(10) NULL REFERENCES product (code));
            """);
        await _server.ExecAsync(_source, "INSERT INTO product (code, name) VALUES (N'a', N'x'), (N'b', N'y')");

        var merge = await PlanAsync(Config(Full("product") with { LoadMethod = LoadMethod.Merge }));
        Assert.Equal(RefreshAction.Skip, merge.Single("product").Action);
        Assert.Contains("identity column id equal to the source: it is not part of the primary key (code), and SQL Server cannot UPDATE an identity column", merge.Single("product").Reason, StringComparison.Ordinal);

        // auto: not merged, so reloaded; product_note's key is checked at commit (no UAT row references a product).
        var (plans, results, _) = await RunAsync(Config(Full("product") with { ExternalReferences = ExternalReferences.Defer }));
        Assert.Equal(LoadMethod.Reload, plans.Single("product").LoadMethod);
        Assert.Contains("load_method: auto, not merge: load_method: merge cannot keep dbo.product's identity column id", plans.Single("product").Reason, StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Succeeded, results.Single("product").Status);
        Assert.Equal(await _server.DumpAsync(_source, "product", "code"), await _server.DumpAsync(_target, "product", "code"));
    }

    [Fact]
    public async Task A_deletion_that_uat_still_references_through_a_composite_key_fails_the_merge_and_keeps_the_target()
    {
        await Both("""
            CREATE TABLE price (region nvarchar(10) NOT NULL, sku int NOT NULL, amount decimal(12,2) NULL, CONSTRAINT pk_price PRIMARY KEY (region, sku));
            CREATE TABLE quote (id int PRIMARY KEY, region nvarchar(10) NOT NULL, sku int NOT NULL, CONSTRAINT fk_quote_price FOREIGN KEY (region, sku) REFERENCES price (region, sku));
            """);
        await _server.ExecAsync(_source, "INSERT INTO price VALUES (N'eu', 1, 10), (N'us', 1, 12)");
        await _server.ExecAsync(_target, "INSERT INTO price VALUES (N'eu', 1, 9), (N'us', 1, 12), (N'us', 2, 5); INSERT INTO quote VALUES (1, N'us', 2), (2, N'us', 2)");
        var before = await _server.DumpAsync(_target, "price", "region, sku");

        var (plans, results, _) = await RunAsync(Config(Full("price")));

        Assert.Equal(LoadMethod.Merge, plans.Single("price").LoadMethod);
        var result = results.Single("price");
        Assert.Equal(RefreshStatus.Failed, result.Status);
        Assert.Contains("2 row(s) of dbo.quote still reference through foreign key fk_quote_price (ON DELETE NO ACTION); nothing was changed, the target keeps its previous rows", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await _server.DumpAsync(_target, "price", "region, sku"));
    }
}
