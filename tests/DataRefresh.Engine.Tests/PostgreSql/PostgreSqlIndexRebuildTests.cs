using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>
/// A full reload by TRUNCATE drops the table's indexes and rebuilds them after the load, in the refresh transaction:
/// the catalog afterwards says exactly what it said before, and a kill during the rebuild leaves the target as it was.
/// </summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlIndexRebuildTests : PostgresTestBase
{
    private const string Table = """
        CREATE TABLE orders (
            id bigint NOT NULL,
            code text NOT NULL,
            ref uuid NOT NULL,
            amount numeric(12,2),
            sold_at timestamptz NOT NULL,
            note text COLLATE "C",
            CONSTRAINT orders_pk PRIMARY KEY (id) INCLUDE (amount),
            CONSTRAINT orders_code_uq UNIQUE (code) DEFERRABLE INITIALLY DEFERRED)
        """;

    /// <summary>Every fact of the table's indexes and constraints that a rebuild must reproduce, one line each.</summary>
    private const string CatalogSql = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
            SELECT format('index %s: %s tablespace=%s', indexname, indexdef, coalesce(tablespace, '')) AS line FROM pg_indexes WHERE tablename = 'orders'
            UNION ALL
            SELECT format('constraint %s: %s %s deferrable=%s deferred=%s comment=%s', conname, contype, pg_get_constraintdef(oid), condeferrable, condeferred, coalesce(obj_description(oid, 'pg_constraint'), '-'))
            FROM pg_constraint WHERE conrelid = 'orders'::regclass
            UNION ALL
            SELECT format('pg_index %s: clustered=%s replident=%s unique=%s immediate=%s comment=%s', c.relname, i.indisclustered, i.indisreplident, i.indisunique, i.indimmediate, coalesce(obj_description(i.indexrelid, 'pg_class'), '-'))
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'orders'::regclass
            UNION ALL
            SELECT format('table: replident=%s', relreplident) FROM pg_class WHERE oid = 'orders'::regclass) facts
        """;

    private const string IndexOids = "SELECT string_agg(indexrelid::text, ',' ORDER BY indexrelid::regclass::text) FROM pg_index WHERE indrelid = 'orders'::regclass";

    /// <summary>An in-place tablespace (PostgreSQL 15+, superuser), made once per test server and left to it.</summary>
    private const string Tablespace = "dr_index_rebuild_tests";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        try
        {
            await using var admin = await Pg.OpenAsync("postgres");
            await using var allow = new Npgsql.NpgsqlCommand("SET allow_in_place_tablespaces = true", admin);
            await allow.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE TABLESPACE {Tablespace} LOCATION ''", admin);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState is "42710" or "23505")
        {
            // Made by another test already.
        }

        await Both(Table);
        await Pg.ExecAsync(Tgt, $"""
            CREATE UNIQUE INDEX orders_ref_ux ON orders (ref);
            ALTER TABLE orders REPLICA IDENTITY USING INDEX orders_ref_ux;
            CREATE INDEX orders_note_ix ON orders (note text_pattern_ops) INCLUDE (amount) WITH (fillfactor = 70) TABLESPACE {Tablespace} WHERE amount > 0;
            CREATE INDEX orders_lower_ix ON orders (lower(code) COLLATE "C" DESC NULLS LAST);
            CREATE INDEX orders_sold_ix ON orders (sold_at);
            ALTER TABLE orders CLUSTER ON orders_sold_ix;
            COMMENT ON INDEX orders_note_ix IS 'notes, for the ''search'' page';
            COMMENT ON CONSTRAINT orders_pk ON orders IS 'the key';
            INSERT INTO orders SELECT g, 'u' || g, gen_random_uuid(), g, now(), 'uat' FROM generate_series(1, 3000) g;
            """);
        await Pg.ExecAsync(Src, "INSERT INTO orders SELECT g, 'c' || g, gen_random_uuid(), g % 50, '2025-01-01'::timestamptz + g * interval '1 minute', 'note ' || g FROM generate_series(1, 20000) g");
    }

    [Fact]
    public async Task A_truncated_table_gets_every_index_back_exactly_as_it_was_built_anew_after_the_load()
    {
        var before = await Pg.ScalarAsync<string>(Tgt, CatalogSql);
        var oids = await Pg.ScalarAsync<string>(Tgt, IndexOids);
        var config = Pg.Config(Src, Tgt, [Full("orders")]);

        var plan = (await PlanAsync(config)).Single("orders");
        Assert.Contains(plan.Steps, s => s.Contains("rebuild the indexes", StringComparison.Ordinal));
        var (_, results, _) = await RunAsync(config);

        var result = results.Single("orders");
        Assert.Equal(RefreshStatus.Succeeded, result.Status);
        Assert.Equal(6L, result.Steps.Single(s => s.Step == RefreshStep.IndexBuild).Rows);
        Assert.Equal(before, await Pg.ScalarAsync<string>(Tgt, CatalogSql));
        Assert.NotEqual(oids, await Pg.ScalarAsync<string>(Tgt, IndexOids));
        Assert.Equal(await Pg.DumpAsync(Src, "orders", "id"), await Pg.DumpAsync(Tgt, "orders", "id"));
        Assert.Equal(Tablespace, await Pg.ScalarAsync<string>(Tgt, "SELECT tablespace FROM pg_indexes WHERE indexname = 'orders_note_ix'"));
    }

    [Fact]
    public async Task A_key_that_a_foreign_key_or_a_view_depends_on_stays_in_place_and_the_rest_is_rebuilt()
    {
        await Pg.ExecAsync(Tgt, """
            ALTER TABLE orders ADD COLUMN parent bigint CONSTRAINT orders_parent_fk REFERENCES orders (id);
            CREATE VIEW order_codes AS SELECT code, count(*) AS n FROM orders GROUP BY code;
            CREATE VIEW order_totals AS SELECT id, amount FROM orders GROUP BY id;
            """);
        await Pg.ExecAsync(Src, "ALTER TABLE orders ADD COLUMN parent bigint");
        var before = await Pg.ScalarAsync<string>(Tgt, CatalogSql);
        var pk = await Pg.ScalarAsync<long>(Tgt, "SELECT 'orders_pk'::regclass::oid::bigint");

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("orders")]));

        Assert.Equal(RefreshStatus.Succeeded, results.Single("orders").Status);
        Assert.Equal(5L, results.Single("orders").Steps.Single(s => s.Step == RefreshStep.IndexBuild).Rows);
        Assert.Equal(pk, await Pg.ScalarAsync<long>(Tgt, "SELECT 'orders_pk'::regclass::oid::bigint"));
        Assert.Equal(before, await Pg.ScalarAsync<string>(Tgt, CatalogSql));
    }

    [Fact]
    public async Task Index_build_memory_0_keeps_the_indexes_during_the_load()
    {
        var oids = await Pg.ScalarAsync<string>(Tgt, IndexOids);
        var config = Pg.Config(Src, Tgt, [Full("orders")], s => s with { IndexBuildMemoryMegabytes = 0 });

        Assert.DoesNotContain((await PlanAsync(config)).Single("orders").Steps, s => s.Contains("rebuild the indexes", StringComparison.Ordinal));
        var (_, results, _) = await RunAsync(config);

        Assert.Equal(RefreshStatus.Succeeded, results.Single("orders").Status);
        Assert.DoesNotContain(results.Single("orders").Steps, s => s.Step == RefreshStep.IndexBuild);
        Assert.Equal(oids, await Pg.ScalarAsync<string>(Tgt, IndexOids));
    }

    [Fact]
    public async Task Killing_the_session_during_the_index_rebuild_leaves_the_target_with_its_rows_and_indexes()
    {
        var before = await Pg.ScalarAsync<string>(Tgt, CatalogSql);
        var oids = await Pg.ScalarAsync<string>(Tgt, IndexOids);
        var rows = await Pg.DumpAsync(Tgt, "orders", "id");
        var killed = false;
        var observer = new RecordingObserver
        {
            OnAnyEvent = e =>
            {
                if (!killed && e is StepStarted { Step: RefreshStep.IndexBuild })
                {
                    killed = true;
                    using var c = Pg.OpenAsync("postgres").GetAwaiter().GetResult();
                    using var cmd = new Npgsql.NpgsqlCommand($"SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = '{Tgt}')", c);
                    Assert.Equal(1L, (long)cmd.ExecuteScalar()!);
                }
            },
        };

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("orders")]), observer);

        Assert.True(killed, "the session was never killed");
        Assert.Equal(RefreshStatus.Failed, results.Single("orders").Status);
        Assert.Equal(rows, await Pg.DumpAsync(Tgt, "orders", "id"));
        Assert.Equal(before, await Pg.ScalarAsync<string>(Tgt, CatalogSql));
        Assert.Equal(oids, await Pg.ScalarAsync<string>(Tgt, IndexOids));
    }
}
