using System.Data.Common;
using DataRefresh.Configuration;
using DataRefresh.Tests.Conformance;
using DataRefresh.Tests.Support;
using Npgsql;

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
}
