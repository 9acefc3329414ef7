using DataRefresh.Configuration;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Staging;

/// <summary>
/// staging_partition_switch on PostgreSQL against simple_copy, on twin UAT targets whose partitions carry objects
/// of their own (indexes, CHECK and FK constraints, triggers, grants, comments, RLS policies, storage options): the
/// rows, the counts and every partition's catalog must come out the same.
/// </summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlPartitionSwapTests : PostgresTestBase
{
    private const string Schema = """
        CREATE TABLE accounts (account_id int PRIMARY KEY);
        INSERT INTO accounts SELECT g FROM generate_series(1, 5) g;
        CREATE TABLE payments (payment_id bigint NOT NULL, payment_date date NOT NULL, account_id int NOT NULL, amount numeric(12,2), note text,
            PRIMARY KEY (payment_id, payment_date)) PARTITION BY RANGE (payment_date);
        CREATE INDEX payments_account ON payments (account_id);
        CREATE TABLE payments_2024_01 PARTITION OF payments FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
        CREATE TABLE payments_2024_02 PARTITION OF payments FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
        CREATE TABLE payments_2024_03 PARTITION OF payments FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
        CREATE TABLE payments_2024_04 PARTITION OF payments FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');
        CREATE TABLE payments_2024_05 PARTITION OF payments FOR VALUES FROM ('2024-05-01') TO ('2024-06-01');
        CREATE TABLE payments_2024_06 PARTITION OF payments FOR VALUES FROM ('2024-06-01') TO ('2024-07-01');
        """;

    /// <summary>Four payments a day: production up to June 9, UAT up to May 10 (so a 45-day buffer starts on March 26).</summary>
    private static string Rows(int days) => $"INSERT INTO payments SELECT g, '2024-01-01'::date + g / 4, 1 + g % 5, g * 1.5, 'p' || g FROM generate_series(0, {(4 * days) - 1}) g";

    /// <summary>What UAT added on its own: rows around the bound, and objects on single partitions.</summary>
    private static string UatOnly(string role) => $"""
        INSERT INTO payments VALUES (900001, '2024-03-05', 1, 1, 'uat before the bound'), (900002, '2024-03-27', 1, 2, 'uat in the window'), (900003, '2024-04-20', 2, 3, 'uat in april');
        CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.note := NEW.note || ' (stamped)'; RETURN NEW; END$$;
        CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;

        CREATE INDEX payments_2024_03_note ON payments_2024_03 (note);
        COMMENT ON TABLE payments_2024_03 IS 'March straddles the bound';

        ALTER TABLE payments_2024_04 OWNER TO {role};
        CREATE INDEX payments_2024_04_note ON payments_2024_04 (lower(note)) WITH (fillfactor = 70) WHERE note IS NOT NULL;
        CREATE UNIQUE INDEX payments_2024_04_id ON payments_2024_04 (payment_id) INCLUDE (amount);
        ALTER INDEX payments_2024_04_pkey SET (fillfactor = 60);
        ALTER TABLE payments_2024_04 ADD CONSTRAINT payments_2024_04_amount CHECK (amount >= 0);
        ALTER TABLE payments_2024_04 ADD CONSTRAINT payments_2024_04_account FOREIGN KEY (account_id) REFERENCES accounts (account_id);
        ALTER TABLE payments_2024_04 ADD CONSTRAINT payments_2024_04_unique_note UNIQUE (note) DEFERRABLE INITIALLY DEFERRED;
        CREATE TRIGGER payments_2024_04_audit AFTER DELETE ON payments_2024_04 FOR EACH ROW EXECUTE FUNCTION audit();
        ALTER TABLE payments_2024_04 DISABLE TRIGGER payments_2024_04_audit;
        REVOKE TRUNCATE ON payments_2024_04 FROM {role};
        GRANT SELECT, INSERT ON payments_2024_04 TO PUBLIC;
        GRANT UPDATE (note) ON payments_2024_04 TO {role};
        COMMENT ON TABLE payments_2024_04 IS 'April';
        COMMENT ON COLUMN payments_2024_04.note IS 'free text';
        COMMENT ON INDEX payments_2024_04_note IS 'notes lookup';
        COMMENT ON CONSTRAINT payments_2024_04_amount ON payments_2024_04 IS 'no refunds in April';
        ALTER TABLE payments_2024_04 ENABLE ROW LEVEL SECURITY;
        CREATE POLICY april_readers ON payments_2024_04 FOR SELECT TO {role} USING (amount > 0);
        ALTER TABLE payments_2024_04 SET (fillfactor = 80, autovacuum_enabled = false);
        ALTER TABLE payments_2024_04 ALTER COLUMN note SET STATISTICS 500;
        ALTER TABLE payments_2024_04 ALTER COLUMN amount SET (n_distinct = 100);
        ALTER TABLE payments_2024_04 REPLICA IDENTITY USING INDEX payments_2024_04_id;
        ALTER TABLE payments_2024_04 CLUSTER ON payments_2024_04_id;

        CREATE TRIGGER payments_2024_05_stamp BEFORE INSERT ON payments_2024_05 FOR EACH ROW EXECUTE FUNCTION stamp();
        CREATE TRIGGER payments_touch BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION stamp();
        ALTER TABLE payments_2024_04 DISABLE TRIGGER payments_touch;
        """;

    /// <summary>Everything the catalog says about each partition of payments, without OIDs: equal text, equal partitions.</summary>
    private const string Catalog = """
        WITH parts AS (SELECT inhrelid AS oid FROM pg_inherits WHERE inhparent = 'payments'::regclass)
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
            SELECT c.relname || ' table owner=' || pg_get_userbyid(c.relowner) || ' acl=' || coalesce(c.relacl::text, '-') || ' options=' || coalesce(c.reloptions::text, '-')
                   || ' rls=' || c.relrowsecurity || '/' || c.relforcerowsecurity || ' replident=' || c.relreplident::text || ' persistence=' || c.relpersistence::text
                   || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '-') || ' bound=' || pg_get_expr(c.relpartbound, c.oid) || ' type=' || c.reltype::regtype AS line
            FROM pg_class c JOIN parts USING (oid)
            UNION ALL
            SELECT c.relname || ' column ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull || ' stats=' || a.attstattarget
                   || ' options=' || coalesce(a.attoptions::text, '-') || ' acl=' || coalesce(a.attacl::text, '-') || ' comment=' || coalesce(col_description(c.oid, a.attnum), '-')
                   || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')
            FROM pg_class c JOIN parts USING (oid) JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            UNION ALL
            SELECT c.relname || ' constraint ' || k.conname || ' ' || pg_get_constraintdef(k.oid) || ' type=' || k.contype::text || ' local=' || k.conislocal || ' inherited=' || k.coninhcount
                   || ' child=' || (k.conparentid <> 0) || ' validated=' || k.convalidated || ' comment=' || coalesce(obj_description(k.oid, 'pg_constraint'), '-')
            FROM pg_class c JOIN parts USING (oid) JOIN pg_constraint k ON k.conrelid = c.oid
            UNION ALL
            SELECT c.relname || ' index ' || pg_get_indexdef(i.indexrelid) || ' clustered=' || i.indisclustered || ' replident=' || i.indisreplident || ' valid=' || i.indisvalid
                   || ' attached=' || EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = i.indexrelid) || ' options=' || coalesce(ic.reloptions::text, '-')
                   || ' comment=' || coalesce(obj_description(i.indexrelid, 'pg_class'), '-')
            FROM pg_class c JOIN parts USING (oid) JOIN pg_index i ON i.indrelid = c.oid JOIN pg_class ic ON ic.oid = i.indexrelid
            UNION ALL
            SELECT c.relname || ' trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text || ' clone=' || (t.tgparentid <> 0)
            FROM pg_class c JOIN parts USING (oid) JOIN pg_trigger t ON t.tgrelid = c.oid WHERE NOT t.tgisinternal
            UNION ALL
            SELECT c.relname || ' policy ' || p.polname || ' cmd=' || p.polcmd::text || ' permissive=' || p.polpermissive || ' roles=' || p.polroles::regrole[]::text
                   || ' using=' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-') || ' check=' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')
            FROM pg_class c JOIN parts USING (oid) JOIN pg_policy p ON p.polrelid = c.oid
        ) lines
        """;

    private const string StagingNames = """
        SELECT count(*) FROM (
            SELECT relname::text AS name FROM pg_class UNION ALL SELECT conname FROM pg_constraint UNION ALL SELECT typname FROM pg_type
            UNION ALL SELECT tgname FROM pg_trigger UNION ALL SELECT polname FROM pg_policy UNION ALL SELECT stxname FROM pg_statistic_ext) names
        WHERE name LIKE '%\_dr\_stage\_%'
        """;

    private static TableConfig Mode(string mode) => mode switch
    {
        "window" => Incremental("payments", "payment_date", IncrementalType.Date, buffer: 45),
        "newer" => Incremental("payments", "payment_date", IncrementalType.Date),
        _ => Full("payments"),
    };

    /// <summary>A role of this test's own (roles are cluster-wide), dropped with everything granted to it.</summary>
    private async Task WithRoleAsync(Func<string, Task> test, params string[] databases)
    {
        var role = $"dr_uat_{Guid.NewGuid():N}"[..20];
        await Pg.ExecAsync("postgres", $"CREATE ROLE {role}");
        try
        {
            await test(role);
        }
        finally
        {
            foreach (var db in databases)
            {
                await Pg.ExecAsync(db, $"DROP OWNED BY {role}");
            }

            await Pg.ExecAsync("postgres", $"DROP ROLE {role}");
        }
    }

    [Theory]
    [InlineData("window")]
    [InlineData("newer")]
    [InlineData("full")]
    public async Task Staged_and_simple_copy_leave_the_same_rows_counts_and_partition_catalogs(string mode)
    {
        var twin = await Pg.CreateDatabaseAsync("tgt2");
        await WithRoleAsync(
            async role =>
            {
                foreach (var db in new[] { Src, Tgt, twin })
                {
                    await Pg.ExecAsync(db, Schema);
                    await Pg.ExecAsync(db, Rows(db == Src ? 160 : 131));
                }

                await Pg.ExecAsync(Src, "UPDATE payments SET amount = amount + 1000 WHERE payment_date IN ('2024-03-10', '2024-03-28', '2024-04-15')");
                await Pg.ExecAsync(Tgt, UatOnly(role));
                await Pg.ExecAsync(twin, UatOnly(role));
                var before = await Pg.ScalarAsync<string>(twin, Catalog);
                Assert.Equal(before, await Pg.ScalarAsync<string>(Tgt, Catalog));

                var (_, simple, _) = await RunAsync(Pg.Config(Src, Tgt, [Mode(mode)]));
                var (_, staged, _) = await RunAsync(Pg.Config(Src, twin, [Mode(mode) with { Strategy = RefreshStrategy.StagingPartitionSwitch }]));

                Assert.Equal(RefreshStatus.Succeeded, simple[0].Status);
                Assert.Equal((simple[0].Status, simple[0].RowsCopied, simple[0].RowsDeleted), (staged[0].Status, staged[0].RowsCopied, staged[0].RowsDeleted));
                Assert.Equal(await Pg.DumpAsync(Tgt, "payments", "payment_id, payment_date"), await Pg.DumpAsync(twin, "payments", "payment_id, payment_date"));
                Assert.Equal(before, await Pg.ScalarAsync<string>(Tgt, Catalog));
                Assert.Equal(before, await Pg.ScalarAsync<string>(twin, Catalog));
                Assert.Equal(0L, await Pg.ScalarAsync<long>(twin, StagingNames));
                Assert.Equal(mode == "full" ? 0L : 1L, await Pg.ScalarAsync<long>(twin, "SELECT count(*) FROM payments WHERE payment_id = 900001"));
            },
            Src,
            Tgt,
            twin);
    }

    [Fact]
    public async Task The_plan_names_each_partitions_fate_and_the_delete_bound_and_the_run_does_exactly_that()
    {
        await WithRoleAsync(
            async role =>
            {
                await Both(Schema);
                await Pg.ExecAsync(Src, Rows(160));
                await Pg.ExecAsync(Tgt, Rows(131));
                await Pg.ExecAsync(Tgt, UatOnly(role));
                const string Identity = "SELECT string_agg(relname || '=' || oid, ',' ORDER BY relname) FROM pg_class WHERE relname LIKE 'payments\\_2024\\_0_'";
                const string Kept = "SELECT string_agg(ctid::text || '/' || xmin::text, ',' ORDER BY ctid) FROM payments_2024_03 WHERE payment_date < '2024-03-26'";
                var oids = (await Pg.ScalarAsync<string>(Tgt, Identity)).Split(',');
                var kept = await Pg.ScalarAsync<string>(Tgt, Kept);
                var config = Pg.Config(Src, Tgt, [Mode("window") with { Strategy = RefreshStrategy.StagingPartitionSwitch }]);

                var plan = (await PlanAsync(config)).Single();

                Assert.Equal("\"payment_date\" >= '2024-03-26'::date", plan.TargetDelete);
                var steps = string.Join("\n", plan.Steps);
                Assert.Contains("target rows with \"payment_date\" >= '2024-03-26'::date are deleted", steps, StringComparison.Ordinal);
                Assert.Contains("payments_2024_01, payments_2024_02: untouched", steps, StringComparison.Ordinal);
                Assert.Contains("payments_2024_03: rows moved in place (it straddles the bound", steps, StringComparison.Ordinal);
                Assert.Contains("payments_2024_04, payments_2024_06: swapped", steps, StringComparison.Ordinal);
                Assert.Contains("payments_2024_05: rows moved in place (trigger payments_2024_05_stamp", steps, StringComparison.Ordinal);

                var (_, results, _) = await RunAsync(config);

                Assert.Equal(RefreshStatus.Succeeded, results[0].Status);
                var after = (await Pg.ScalarAsync<string>(Tgt, Identity)).Split(',');
                Assert.Equal(new[] { true, true, true, false, true, false }, oids.Zip(after, (b, a) => a == b));
                Assert.Equal(kept, await Pg.ScalarAsync<string>(Tgt, Kept));
                Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM payments WHERE payment_date >= '2024-03-26' AND payment_id >= 900000"));
                Assert.Equal(1L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM payments WHERE payment_id = 900001"));
                Assert.Equal(await Pg.ScalarAsync<long>(Src, "SELECT count(*) FROM payments WHERE payment_date >= '2024-03-26'"), results[0].RowsCopied);
            },
            Src,
            Tgt);
    }

    [Fact]
    public async Task A_partition_changed_while_its_replacement_was_built_fails_the_refresh_and_stays_as_it_was()
    {
        await Both(Schema);
        await Pg.ExecAsync(Src, Rows(160));
        await Pg.ExecAsync(Tgt, Rows(131));
        var before = await Pg.DumpAsync(Tgt, "payments", "payment_id, payment_date");
        var observer = new RecordingObserver
        {
            OnAnyEvent = e =>
            {
                if (e is StepFinished { Step: RefreshStep.IndexBuild, Detail: { } d } && d.StartsWith("partition payments_2024_04:", StringComparison.Ordinal))
                {
                    Pg.ExecAsync(Tgt, "COMMENT ON TABLE payments_2024_04 IS 'changed by a DBA meanwhile'").GetAwaiter().GetResult();
                }
            },
        };

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("payments") with { Strategy = RefreshStrategy.StagingPartitionSwitch }]), observer);

        Assert.Equal(RefreshStatus.Failed, results[0].Status);
        Assert.Contains("the replacement of partition public.payments_2024_04 would differ from it", results[0].Error, StringComparison.Ordinal);
        Assert.Contains("changed by a DBA meanwhile", results[0].Error, StringComparison.Ordinal);
        Assert.Equal(before, await Pg.DumpAsync(Tgt, "payments", "payment_id, payment_date"));
        Assert.Equal("changed by a DBA meanwhile", await Pg.ScalarAsync<string>(Tgt, "SELECT obj_description('payments_2024_04'::regclass, 'pg_class')"));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, StagingNames));
    }

    [Fact]
    public async Task With_nothing_to_delete_rows_uat_adds_to_an_empty_partition_during_the_load_are_kept()
    {
        await Both(Schema);
        await Pg.ExecAsync(Src, Rows(160));
        await Pg.ExecAsync(Tgt, Rows(131));
        var observer = new RecordingObserver
        {
            OnAnyEvent = e =>
            {
                if (e is StepFinished { Step: RefreshStep.IndexBuild, Detail: { } d } && d.StartsWith("partition payments_2024_06:", StringComparison.Ordinal))
                {
                    Pg.ExecAsync(Tgt, "INSERT INTO payments VALUES (900009, '2024-06-30', 1, 9, 'made in UAT during the load')").GetAwaiter().GetResult();
                }
            },
        };

        var (plans, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Mode("newer") with { Strategy = RefreshStrategy.StagingPartitionSwitch }]), observer);

        Assert.Contains("payments_2024_06: swapped", string.Join("\n", plans[0].Steps), StringComparison.Ordinal);
        Assert.Equal((RefreshStatus.Succeeded, 116L, 0L), (results[0].Status, results[0].RowsCopied, results[0].RowsDeleted));
        Assert.Equal(1L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM payments WHERE payment_id = 900009"));
        Assert.Equal(await Pg.DumpAsync(Src, "payments", "payment_id, payment_date"), (await Pg.DumpAsync(Tgt, "payments", "payment_id, payment_date")).Where(r => !r.Contains("900009", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_partition_a_view_depends_on_is_not_swapped_and_the_plan_says_why()
    {
        await Both(Schema);
        await Pg.ExecAsync(Src, Rows(160));
        await Pg.ExecAsync(Tgt, Rows(131) + "; CREATE VIEW april AS SELECT payment_id, amount FROM payments_2024_04");
        var config = Pg.Config(Src, Tgt, [Full("payments") with { Strategy = RefreshStrategy.StagingPartitionSwitch }]);

        var (plans, results, _) = await RunAsync(config);

        Assert.Contains(plans[0].Warnings, w => w.Contains("payments_2024_04 is not swapped", StringComparison.Ordinal) && w.Contains("view april", StringComparison.Ordinal));
        Assert.Contains("payments_2024_04: rows moved in place (view april depends on it)", string.Join("\n", plans[0].Steps), StringComparison.Ordinal);
        Assert.Equal((RefreshStatus.Succeeded, 640L), (results[0].Status, results[0].RowsCopied));
        Assert.Equal(await Pg.DumpAsync(Src, "payments", "payment_id, payment_date"), await Pg.DumpAsync(Tgt, "payments", "payment_id, payment_date"));
        Assert.Equal(120L, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM april"));
    }
}
