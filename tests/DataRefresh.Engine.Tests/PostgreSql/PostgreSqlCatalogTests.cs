using DataRefresh.Configuration;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>Names, drift, foreign keys and parallel units against a real PostgreSQL catalog.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlCatalogTests : PostgresTestBase
{
    [Fact]
    public async Task Awkward_names_are_quoted_everywhere()
    {
        var name = "\"Sales Dept\".\"Order \"\"Lines\"\"\"";
        await Both($"CREATE SCHEMA \"Sales Dept\"; CREATE TABLE {name} (\"Line No\" bigint PRIMARY KEY, \"select\" text, \"ünïcödé 日本\" int, \"MixedCase\" date, \"a;b--c\" text)");
        await Pg.ExecAsync(Src, $"INSERT INTO {name} SELECT g, 'from', g, '2024-01-01'::date + g, 'x;y' FROM generate_series(1, 300) g");
        await Pg.ExecAsync(Tgt, $"INSERT INTO {name} SELECT g, 'from', g, '2024-01-01'::date + g, 'x;y' FROM generate_series(1, 100) g");
        var config = Pg.Config(Src, Tgt, [Incremental(name, "MixedCase", IncrementalType.Date, buffer: 2)]);

        var (plans, results, _) = await RunAsync(config);

        Assert.Equal("\"MixedCase\" >= '2024-04-08'::date", plans[0].SourceFilter);
        Assert.Equal((RefreshStatus.Succeeded, 203L, 3L), (results[0].Status, results[0].RowsCopied, results[0].RowsDeleted));
        Assert.Equal(await Pg.DumpAsync(Src, name, "1"), await Pg.DumpAsync(Tgt, name, "1"));
    }

    [Fact]
    public async Task A_configured_name_missing_from_the_catalog_blocks_that_table_only()
    {
        await Both("CREATE TABLE present (id int PRIMARY KEY)");
        var config = Pg.Config(Src, Tgt, [Full("present"), Full("absent; DROP TABLE present")]);

        var (plans, results, _) = await RunAsync(config);

        Assert.Contains("does not exist", plans.Single("absent; DROP TABLE present").Reason, StringComparison.Ordinal);
        Assert.Equal(RefreshStatus.Skipped, results.Single("absent; DROP TABLE present").Status);
        Assert.Equal(RefreshStatus.Succeeded, results.Single("present").Status);
    }

    [Fact]
    public async Task Drift_is_reported_and_common_columns_are_copied_by_name()
    {
        await Pg.ExecAsync(Src, "CREATE TABLE drift (id int PRIMARY KEY, qty int, extra_in_source text, note varchar(10))");
        await Pg.ExecAsync(Tgt, "CREATE TABLE drift (note text, id int PRIMARY KEY, qty bigint, extra_in_target text)");
        await Pg.ExecAsync(Src, "INSERT INTO drift SELECT g, g * 10, 'lost', 'n' || g FROM generate_series(1, 50) g");

        var (plans, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("drift")]));

        var warnings = string.Join("\n", plans[0].Warnings);
        Assert.Contains("extra_in_source exists only in the source", warnings, StringComparison.Ordinal);
        Assert.Contains("extra_in_target exists only in the target", warnings, StringComparison.Ordinal);
        Assert.Contains("qty: source type integer, target type bigint", warnings, StringComparison.Ordinal);
        Assert.Equal(50, results[0].RowsCopied);
        Assert.Equal(500L, await Pg.ScalarAsync<long>(Tgt, "SELECT qty FROM drift WHERE id = 50"));
        Assert.Equal("n50", await Pg.ScalarAsync<string>(Tgt, "SELECT note FROM drift WHERE id = 50"));
    }

    [Fact]
    public async Task An_incompatible_type_blocks_the_table_naming_the_column_and_both_types()
    {
        await Pg.ExecAsync(Src, "CREATE TABLE narrow (id bigint PRIMARY KEY, code text)");
        await Pg.ExecAsync(Tgt, "CREATE TABLE narrow (id integer PRIMARY KEY, code text)");

        var plan = (await PlanAsync(Pg.Config(Src, Tgt, [Full("narrow")]))).Single();

        Assert.Equal(RefreshAction.Skip, plan.Action);
        Assert.Contains("column id: source type bigint does not load into target type integer", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parents_load_before_children_and_tables_tied_by_foreign_keys_share_one_transaction()
    {
        await Both("""
            CREATE TABLE customer (id int PRIMARY KEY, name text);
            CREATE TABLE invoice (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customer (id));
            CREATE TABLE audit (id int PRIMARY KEY);
            """);
        await Pg.ExecAsync(Src, "INSERT INTO customer SELECT g, 'c' || g FROM generate_series(1, 20) g; INSERT INTO invoice SELECT g, 1 + g % 20 FROM generate_series(1, 200) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO customer VALUES (99, 'old'); INSERT INTO invoice VALUES (1, 99)");

        // Configured child first: the plan still orders the parent first.
        var (plans, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("invoice"), Full("audit"), Full("customer")]));

        Assert.True(plans.Single("customer").Order < plans.Single("invoice").Order, "the parent must load before the child");
        Assert.Equal(plans.Single("customer").Unit, plans.Single("invoice").Unit);
        Assert.NotEqual(plans.Single("customer").Unit, plans.Single("audit").Unit);
        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal(await Pg.DumpAsync(Src, "invoice", "id"), await Pg.DumpAsync(Tgt, "invoice", "id"));
    }

    [Fact]
    public async Task A_full_reload_that_would_orphan_rows_outside_the_run_is_blocked_unless_deferred()
    {
        await Both("""
            CREATE TABLE customer (id int PRIMARY KEY, name text);
            CREATE TABLE invoice (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customer (id) DEFERRABLE);
            """);
        await Pg.ExecAsync(Src, "INSERT INTO customer SELECT g, 'new ' || g FROM generate_series(1, 20) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO customer SELECT g, 'old ' || g FROM generate_series(1, 20) g; INSERT INTO invoice VALUES (1, 7)");

        var blocked = (await PlanAsync(Pg.Config(Src, Tgt, [Full("customer") with { LoadMethod = LoadMethod.Reload }]))).Single();
        Assert.Equal(RefreshAction.Skip, blocked.Action);
        Assert.Contains("would break foreign key invoice_customer_id_fkey from public.invoice", blocked.Reason, StringComparison.Ordinal);

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("customer") with { ExternalReferences = ExternalReferences.Defer, LoadMethod = LoadMethod.Reload }]));
        Assert.Equal(RefreshStatus.Succeeded, results[0].Status);
        Assert.Equal("new 7", await Pg.ScalarAsync<string>(Tgt, "SELECT name FROM customer WHERE id = 7"));

        // A reload that no longer has a referenced key fails at commit and changes nothing.
        await Pg.ExecAsync(Src, "DELETE FROM customer WHERE id = 7");
        var (_, failed, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("customer") with { ExternalReferences = ExternalReferences.Defer, LoadMethod = LoadMethod.Reload }]));
        Assert.Equal(RefreshStatus.Failed, failed[0].Status);
        Assert.Equal(20L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM customer"));
    }

    [Fact]
    public async Task Throttle_limit_runs_independent_tables_at_the_same_time()
    {
        for (var i = 1; i <= 3; i++)
        {
            await Both($"CREATE TABLE t{i} (id int PRIMARY KEY, pad text)");
            await Pg.ExecAsync(Src, $"INSERT INTO t{i} SELECT g, repeat('x', 200) FROM generate_series(1, 60000) g");
        }

        var active = new HashSet<string>();
        var maxActive = 0;
        var observer = new RecordingObserver
        {
            OnProgress = p =>
            {
                lock (active)
                {
                    active.Add(p.Table);
                    maxActive = Math.Max(maxActive, active.Count);
                }

                Thread.Sleep(20);
            },
        };
        observer.OnAnyEvent = e =>
        {
            if (e is StepFinished { Step: RefreshStep.Copy, Table: { } table })
            {
                lock (active)
                {
                    active.Remove(table);
                }
            }
        };
        var tables = Enumerable.Range(1, 3).Select(i => Full($"t{i}") with { BatchSize = 2000 }).ToList();

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, tables), observer, throttle: 3);

        Assert.All(results, r => Assert.Equal((RefreshStatus.Succeeded, 60000L), (r.Status, r.RowsCopied)));
        Assert.True(maxActive > 1, "independent tables never overlapped with -ThrottleLimit 3");
    }
}
