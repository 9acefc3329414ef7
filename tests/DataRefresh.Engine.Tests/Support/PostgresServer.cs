using DataRefresh.Configuration;
using Npgsql;

namespace DataRefresh.Tests.Support;

/// <summary>
/// The PostgreSQL server named by DATAREFRESH_TEST_PG (build.ps1 test starts a throwaway cluster and sets it).
/// Each test gets a fresh source and target database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Variable = "DATAREFRESH_TEST_PG";
    private readonly NpgsqlConnectionStringBuilder _admin;
    private readonly List<string> _databases = [];

    private PostgresServer(string connectionString)
    {
        _admin = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };

        // The engine reads credentials only from these variables (auth_type: sql).
        foreach (var side in new[] { "SOURCE", "TARGET" })
        {
            Environment.SetEnvironmentVariable($"{side}_DB_USER", _admin.Username);
            Environment.SetEnvironmentVariable($"{side}_DB_PASSWORD", _admin.Password ?? "trust-auth-ignores-this");
        }
    }

    /// <summary>The server, or a skip that says why there is none.</summary>
    public static async Task<PostgresServer> CreateAsync()
    {
        var cs = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(cs))
        {
            Assert.Skip($"no PostgreSQL server: set {Variable} (build.ps1 test starts a throwaway cluster and sets it)");
        }

        var server = new PostgresServer(cs);
        await using var c = await server.OpenAsync("postgres");
        return server;
    }

    public string Host => _admin.Host!;

    public int Port => _admin.Port;

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        await ExecAsync("postgres", $"CREATE DATABASE \"{name}\"");
        _databases.Add(name);
        return name;
    }

    public async Task<NpgsqlConnection> OpenAsync(string database, string? applicationName = null)
    {
        var b = new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = database, ApplicationName = applicationName ?? "datarefresh-tests" };
        var c = new NpgsqlConnection(b.ConnectionString);
        await c.OpenAsync();
        return c;
    }

    public async Task ExecAsync(string database, string sql)
    {
        await using var c = await OpenAsync(database);
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var c = await OpenAsync(database);
        await using var cmd = new NpgsqlCommand(sql, c);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Every row as text, in a stable order: equal dumps mean equal data, NULLs included.</summary>
    public async Task<List<string>> DumpAsync(string database, string table, string orderBy)
    {
        await using var c = await OpenAsync(database);
        await using var cmd = new NpgsqlCommand($"SELECT dump_row_::text FROM {table} dump_row_ ORDER BY {orderBy}", c);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync())
        {
            rows.Add(r.GetString(0));
        }

        return rows;
    }

    public RefreshConfig Config(string source, string target, IEnumerable<TableConfig> tables, Func<RefreshSettings, RefreshSettings>? settings = null) => new()
    {
        Files = ["(test)"],
        Source = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.PostgreSql, Server = Host, Port = Port, Database = source, Auth = AuthType.Sql },
        Target = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.PostgreSql, Server = Host, Port = Port, Database = target, Auth = AuthType.Sql },
        Tables = tables.ToList(),
        Settings = (settings ?? (s => s))(new RefreshSettings { MaxRetries = 0, RetryDelaySeconds = 0.1 }),
    };

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var db in _databases)
        {
            try
            {
                await ExecAsync("postgres", $"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
            }
        }
    }
}
