using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using Npgsql;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>load_method: merge on PostgreSQL: exact values, no write when nothing changed, triggers left out of it.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlMergeTests : PostgresTestBase
{
    private const string Schema = """
        CREATE TABLE country (id int PRIMARY KEY, name text NOT NULL, amount numeric, ratio float8, doc json, tags text[], last_update timestamptz NOT NULL DEFAULT now());
        CREATE TABLE city (id int PRIMARY KEY, country_id int NOT NULL REFERENCES country (id) ON DELETE RESTRICT);
        """;

    private const string Rows = "INSERT INTO country SELECT g, 'country ' || g, g * 1.5, g / 3.0, json_build_object('g', g), ARRAY['t' || g], '2024-01-01'::timestamptz + g * interval '1 hour' FROM generate_series(1, 300) g";

    /// <summary>Where each row version lives and which transaction wrote it: any write changes both.</summary>
    private Task<string> RowVersions() => Pg.ScalarAsync<string>(Tgt, "SELECT string_agg(id || ':' || ctid::text || ':' || xmin::text, ',' ORDER BY id) FROM country");

    private async Task<(long Ins, long Upd, long Del)> CountersAsync(string table)
    {
        await using var c = await Pg.OpenAsync(Tgt);
        await using var cmd = new NpgsqlCommand($"SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE relname = '{table}'", c);
        await using var r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        await r.ReadAsync(TestContext.Current.CancellationToken);
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }

    /// <summary>Statistics reach pg_stat_user_tables when a backend exits: close the pooled sessions, wait for the history table's insert to show.</summary>
    private async Task<(long Ins, long Upd, long Del)> FlushedCountersAsync(string table, long historyInsertsBefore)
    {
        NpgsqlConnection.ClearAllPools();
        for (var i = 0; i < 50 && (await CountersAsync("datarefresh_history")).Ins <= historyInsertsBefore; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return await CountersAsync(table);
    }

    [Fact]
    public async Task A_merge_with_nothing_changed_writes_no_row_and_one_with_changes_writes_only_those()
    {
        await Both(Schema);
        await Pg.ExecAsync(Src, Rows);
        await Pg.ExecAsync(Tgt, Rows);
        await Pg.ExecAsync(Tgt, "INSERT INTO city SELECT g, g FROM generate_series(1, 50) g");
        var config = Pg.Config(Src, Tgt, [Full("country")]);
        await RunAsync(config); // creates the history table
        var versions = await RowVersions();
        var history = (await CountersAsync("datarefresh_history")).Ins;
        var before = await FlushedCountersAsync("country", -1);

        var (plans, results, _) = await RunAsync(config);

        Assert.Equal(LoadMethod.Merge, plans.Single("country").LoadMethod);
        var result = results.Single("country");
        Assert.Equal((RefreshStatus.Succeeded, 300L, 0L, 0L, 0L), (result.Status, result.RowsCopied, result.RowsInserted, result.RowsUpdated, result.RowsDeleted));
        Assert.Equal(versions, await RowVersions());
        Assert.Equal(before, await FlushedCountersAsync("country", history));

        // 1% of the rows change in production, one is deleted and one added: exactly those are written.
        await Pg.ExecAsync(Src, "UPDATE country SET name = name || ' (renamed)' WHERE id IN (10, 20, 30); DELETE FROM country WHERE id = 300; INSERT INTO country VALUES (301, 'new', NULL, NULL, NULL, NULL, now())");
        history = (await CountersAsync("datarefresh_history")).Ins;
        var (_, changed, _) = await RunAsync(config);

        Assert.Equal((1L, 3L, 1L), (changed.Single("country").RowsInserted, changed.Single("country").RowsUpdated, changed.Single("country").RowsDeleted));
        var after = await FlushedCountersAsync("country", history);
        Assert.Equal((before.Ins + 1, before.Upd + 3, before.Del + 1), after);
        Assert.Equal(await Pg.DumpAsync(Src, "country", "id"), await Pg.DumpAsync(Tgt, "country", "id"));
    }

    [Fact]
    public async Task A_merge_makes_values_equal_that_compare_equal_but_differ_numeric_scale_negative_zero_json_spacing()
    {
        await Both(Schema);
        await Pg.ExecAsync(Src, "INSERT INTO country VALUES (1, 'a', 1.00, '-0', '{\"a\": 1}', '{x}', '2024-01-01'), (2, 'b', 2, 0, '[]', '{}', '2024-01-01')");
        await Pg.ExecAsync(Tgt, "INSERT INTO country VALUES (1, 'a', 1.0, '0', '{\"a\":1}', '{x}', '2024-01-01'), (2, 'b', 2, 0, '[]', '{}', '2024-01-01'); INSERT INTO city VALUES (1, 1)");

        var (_, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("country")]));

        Assert.Equal((RefreshStatus.Succeeded, 1L), (results.Single("country").Status, results.Single("country").RowsUpdated));
        Assert.Equal(await Pg.DumpAsync(Src, "country", "id"), await Pg.DumpAsync(Tgt, "country", "id"));
    }

    [Fact]
    public async Task Uat_triggers_are_suspended_during_a_load_restored_in_their_own_mode_and_fire_with_fire_triggers_true()
    {
        await Both(Schema);
        await Pg.ExecAsync(Src, Rows);
        await Pg.ExecAsync(Tgt, "INSERT INTO country SELECT g, 'old ' || g, 0, 0, '{}', '{}', '2000-01-01' FROM generate_series(1, 200) g; INSERT INTO city VALUES (1, 1)");
        await Pg.ExecAsync(Tgt, """
            CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update := '1999-09-09'; RETURN NEW; END $$;
            CREATE TRIGGER country_stamp BEFORE INSERT OR UPDATE ON country FOR EACH ROW EXECUTE FUNCTION stamp();
            CREATE TRIGGER country_always BEFORE UPDATE ON country FOR EACH ROW EXECUTE FUNCTION stamp();
            ALTER TABLE country ENABLE ALWAYS TRIGGER country_always;
            CREATE TRIGGER country_off BEFORE UPDATE ON country FOR EACH ROW EXECUTE FUNCTION stamp();
            ALTER TABLE country DISABLE TRIGGER country_off;
            """);
        const string States = "SELECT string_agg(tgname || '=' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'country'::regclass AND NOT tgisinternal";
        var states = await Pg.ScalarAsync<string>(Tgt, States);

        var (plans, results, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("country")]));

        var plan = plans.Single("country");
        Assert.True(plan.SuspendsTriggers);
        Assert.Contains(plan.Warnings, w => w.Contains("country_always, country_stamp", StringComparison.Ordinal) && w.Contains("fire_triggers", StringComparison.Ordinal));
        Assert.Equal((RefreshStatus.Succeeded, 100L, 200L), (results.Single("country").Status, results.Single("country").RowsInserted, results.Single("country").RowsUpdated));
        Assert.Equal(await Pg.DumpAsync(Src, "country", "id"), await Pg.DumpAsync(Tgt, "country", "id"));
        Assert.Equal(states, await Pg.ScalarAsync<string>(Tgt, States));

        await Pg.ExecAsync(Src, "UPDATE country SET name = 'renamed' WHERE id = 5");
        var (_, fired, _) = await RunAsync(Pg.Config(Src, Tgt, [Full("country") with { FireTriggers = true }]));
        Assert.Equal(RefreshStatus.Succeeded, fired.Single("country").Status);
        Assert.Equal("1999-09-09", await Pg.ScalarAsync<string>(Tgt, "SELECT last_update::date::text FROM country WHERE id = 5"));
    }

    [Fact]
    public async Task A_generated_always_identity_outside_the_merge_key_blocks_merge_with_the_reason()
    {
        await Both("""
            CREATE TABLE code (code text PRIMARY KEY, seq int GENERATED ALWAYS AS IDENTITY, name text);
            CREATE TABLE usage (id int PRIMARY KEY, code text NOT NULL REFERENCES code (code));
            CREATE TABLE serial_code (code text PRIMARY KEY, seq int GENERATED BY DEFAULT AS IDENTITY, name text);
            """);

        var plans = await PlanAsync(Pg.Config(Src, Tgt, [Full("code") with { LoadMethod = LoadMethod.Merge }, Incremental("usage", "id"), Full("serial_code") with { LoadMethod = LoadMethod.Merge }]));

        var code = plans.Single("code");
        Assert.Equal(RefreshAction.Skip, code.Action);
        Assert.Contains("would have to update identity column seq, which is not part of the merge key (code)", code.Reason, StringComparison.Ordinal);
        Assert.Contains("GENERATED ALWAYS", code.Reason, StringComparison.Ordinal);

        // BY DEFAULT identities accept written values: merged as any column.
        Assert.Equal((RefreshAction.Full, LoadMethod.Merge), (plans.Single("serial_code").Action, plans.Single("serial_code").LoadMethod));
    }
}
