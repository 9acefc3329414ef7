using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>What the plan says about foreign keys: hints that name what would work, partitions, and tables declined at the prompt.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlForeignKeyTests : PostgresTestBase
{
    private const string CustomerAndInvoice = """
        CREATE TABLE customer (id int PRIMARY KEY, name text);
        CREATE TABLE invoice (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customer (id));
        """;

    private async Task CustomersAndInvoicesAsync(string schema = CustomerAndInvoice)
    {
        await Both(schema);
        // Production has a customer UAT lacks, and invoices for it.
        await Pg.ExecAsync(Src, "INSERT INTO customer SELECT g, 'new ' || g FROM generate_series(1, 6) g; INSERT INTO invoice SELECT g, 1 + g % 6 FROM generate_series(1, 12) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO customer SELECT g, 'old ' || g FROM generate_series(1, 5) g; INSERT INTO invoice VALUES (1, 2)");
    }

    [Fact]
    public async Task A_blocker_hint_never_asks_to_add_a_table_already_in_the_run_and_says_what_would_work()
    {
        await CustomersAndInvoicesAsync();

        var plan = (await PlanAsync(Pg.Config(Src, Tgt, [Full("customer") with { LoadMethod = LoadMethod.Reload }, Incremental("invoice", "id")]))).Single("customer");

        Assert.Equal(RefreshAction.Skip, plan.Action);
        Assert.Contains("invoice_customer_id_fkey from public.invoice", plan.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("add invoice to the run", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("invoice is incremental in this run, so it is not emptied", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("make invoice full_replace", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_key_declared_on_a_partition_is_named_by_its_partitioned_table_and_is_emptied_with_it()
    {
        await Both("""
            CREATE TABLE customer (id int PRIMARY KEY, name text);
            CREATE TABLE ledger (id int, customer_id int NOT NULL, booked date NOT NULL) PARTITION BY RANGE (booked);
            CREATE TABLE ledger_2024 PARTITION OF ledger FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            ALTER TABLE ledger_2024 ADD CONSTRAINT ledger_2024_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id);
            """);
        await Pg.ExecAsync(Src, "INSERT INTO customer SELECT g, 'new ' || g FROM generate_series(1, 10) g; INSERT INTO ledger SELECT g, 1 + g % 10, '2024-01-01'::date + g FROM generate_series(1, 100) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO customer VALUES (99, 'old'); INSERT INTO ledger VALUES (1, 99, '2024-03-01')");

        var alone = (await PlanAsync(Pg.Config(Src, Tgt, [Full("customer") with { LoadMethod = LoadMethod.Reload }]))).Single("customer");

        Assert.Equal(RefreshAction.Skip, alone.Action);
        Assert.Contains("ledger_2024_customer_fk from public.ledger_2024 (a partition of public.ledger)", alone.Reason, StringComparison.Ordinal);
        Assert.Contains("add ledger to the run with full_replace", alone.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("add ledger_2024", alone.Reason, StringComparison.Ordinal);

        // With the partitioned table in the run (listed first), the partition's key is emptied with it.
        var (plans, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("ledger"), Full("customer")]));

        Assert.Equal(plans.Single("customer").Unit, plans.Single("ledger").Unit);
        Assert.True(plans.Single("customer").Order < plans.Single("ledger").Order, "the referenced table loads first");
        Assert.All(results, r => Assert.Equal(RefreshStatus.Succeeded, r.Status));
        Assert.Equal(await Pg.DumpAsync(Src, "ledger", "id"), await Pg.DumpAsync(Tgt, "ledger", "id"));
    }

    [Fact]
    public async Task Declining_a_table_at_the_prompt_replans_its_unit_partners_instead_of_failing_them()
    {
        await CustomersAndInvoicesAsync();
        var config = Pg.Config(Src, Tgt, [Full("invoice"), Full("customer") with { LoadMethod = LoadMethod.Reload }]);
        var plans = await PlanAsync(config);
        Assert.Equal(plans.Single("customer").Unit, plans.Single("invoice").Unit);
        var before = await Pg.DumpAsync(Tgt, "customer", "id");

        // No for the child: emptying the parent alone would break the child's rows, so the parent is blocked, saying why.
        var withoutChild = Planner.Decline(plans, ["invoice"]);

        Assert.DoesNotContain(withoutChild, p => p.Table == "invoice");
        var parent = withoutChild.Single("customer");
        Assert.Equal(RefreshAction.Skip, parent.Action);
        Assert.Contains("invoice was declined at the prompt", parent.Reason, StringComparison.Ordinal);
        Assert.Contains("invoice_customer_id_fkey", parent.Reason, StringComparison.Ordinal);
        var results = await new RefreshRunner(config, new RecordingObserver()).RunAsync(withoutChild, 1, TestContext.Current.CancellationToken);
        Assert.Equal(RefreshStatus.Skipped, Assert.Single(results).Status);
        Assert.Equal(before, await Pg.DumpAsync(Tgt, "customer", "id"));

        // No for the parent: the child's reloaded rows may reference customers only the parent's refresh brings.
        var withoutParent = Planner.Decline(plans, ["customer"]);

        var child = withoutParent.Single("invoice");
        Assert.Equal(RefreshAction.Skip, child.Action);
        Assert.Contains("its unit partner customer was declined at the prompt", child.Reason, StringComparison.Ordinal);
        var childResults = await new RefreshRunner(config, new RecordingObserver()).RunAsync(withoutParent, 1, TestContext.Current.CancellationToken);
        Assert.Equal(RefreshStatus.Skipped, Assert.Single(childResults).Status);
        Assert.Equal(1L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM invoice"));
    }

    [Fact]
    public async Task A_declined_partner_leaves_a_parent_that_can_defer_free_to_run()
    {
        await CustomersAndInvoicesAsync(CustomerAndInvoice.Replace("REFERENCES customer (id)", "REFERENCES customer (id) DEFERRABLE", StringComparison.Ordinal));
        var config = Pg.Config(Src, Tgt, [Full("invoice"), Full("customer") with { ExternalReferences = ExternalReferences.Defer }]);

        var revised = Planner.Decline(await PlanAsync(config), ["invoice"]);

        Assert.Equal(RefreshAction.Full, revised.Single("customer").Action);
        var results = await new RefreshRunner(config, new RecordingObserver()).RunAsync(revised, 1, TestContext.Current.CancellationToken);
        Assert.Equal(RefreshStatus.Succeeded, Assert.Single(results).Status);
        Assert.Equal("new 2", await Pg.ScalarAsync<string>(Tgt, "SELECT name FROM customer WHERE id = 2"));
        Assert.Equal(1L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM invoice"));
    }
}
