using System.Data.Common;
using DataRefresh.Configuration;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Tests.Conformance;
using DataRefresh.Tests.Support;
using Npgsql;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Masking;

/// <summary>masking: end to end against the PostgreSQL server named by DATAREFRESH_TEST_PG.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlMaskingRefreshTests : MaskingRefreshTests
{
    protected override async Task<IConformanceTarget> CreateTargetAsync() => await PostgreSqlConformanceTests.PostgreSqlTarget.CreateAsync();

    protected override string Varchar(int length) => $"varchar({length})";

    protected override async Task<DbConnection> OpenAsync(DatabaseSide side)
    {
        var config = Db.Config([]);
        var database = side == DatabaseSide.Source ? config.Source.Database : config.Target.Database;
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresServer.Variable)) { Database = database, Pooling = false }.ConnectionString);
        await c.OpenAsync();
        return c;
    }

    protected override async Task<IReadOnlyList<string>> AllTablesAsync(DatabaseSide side)
    {
        const string Tables = """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
            ORDER BY 1
            """;
        return [.. (await RowsAsync(side, Tables)).Select(r => r[0]!)];
    }

    protected override string StampLabelTrigger(string table) => $"""
        CREATE FUNCTION stamp_label() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN IF NEW.id = 5 THEN NEW.label := 'stamped in uat'; END IF; RETURN NEW; END$$;
        CREATE TRIGGER {table}_stamp BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION stamp_label();
        """;

    [Theory]
    [InlineData(RefreshStrategy.SimpleCopy)]
    [InlineData(RefreshStrategy.StagingPartitionSwitch)]
    public async Task A_session_killed_mid_copy_leaves_no_unmasked_value_anywhere_in_uat(RefreshStrategy strategy)
    {
        await Both("CREATE TABLE contacts (id integer PRIMARY KEY, email text, note text)");
        await Db.ExecAsync(DatabaseSide.Source, "INSERT INTO contacts SELECT g, 'secret' || g || '@prod.example', 'secret note ' || g FROM generate_series(1, 200000) g");
        await Db.ExecAsync(DatabaseSide.Target, "INSERT INTO contacts VALUES (1, 'uat@uat.example', 'stale')");
        var target = Db.Config([]).Target.Database;
        var killed = 0L;
        var observer = new RecordingObserver
        {
            OnAnyEvent = e =>
            {
                if (killed == 0 && e is RowsProgress { Progress.RowsCopied: > 0 })
                {
                    // The refresh's target session holds the table's advisory lock: kill it mid-copy.
                    using var c = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresServer.Variable));
                    c.Open();
                    using var cmd = new NpgsqlCommand($"SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = '{target}')", c);
                    killed = (long)cmd.ExecuteScalar()!;
                }
            },
        };
        var table = Masked(Full("contacts") with { BatchSize = 1000, Strategy = strategy }, Mask("email", MaskKind.Email), Mask("note", MaskKind.Value, value: "redacted"));

        var (_, results, _) = await RunAsync(Config(table), observer);

        Assert.Equal(1L, killed);
        Assert.Equal(RefreshStatus.Failed, results.Single("contacts").Status);
        var everything = await EverythingInTargetAsync();
        Assert.DoesNotContain("secret", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("prod.example", everything, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["(1,uat@uat.example,stale)"], await Db.DumpAsync(DatabaseSide.Target, "contacts", "id"));
    }
}
