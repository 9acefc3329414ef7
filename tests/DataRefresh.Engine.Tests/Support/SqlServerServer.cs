// The SQL Server tier: the engine conformance suite (tests/DataRefresh.Engine.Tests/Conformance) against a real
// SQL Server. How to run it:
//
//   * With Docker (Docker Desktop, a local dockerd, or DOCKER_HOST pointing at one): nothing to set up.
//       dotnet pwsh ./build.ps1 test -Tier SqlServer
//     or, without the build script:
//       dotnet test tests/DataRefresh.Engine.Tests --filter Category=SqlServer
//     Testcontainers.MsSql starts mcr.microsoft.com/mssql/server:2022-latest once for the whole SqlServer
//     collection (the first run pulls the image, about 1.5 GB) and removes the container afterwards.
//
//   * With a SQL Server of your own (no Docker needed): give a SqlClient connection string whose login may
//     CREATE DATABASE; every test creates and drops its own pair of databases there.
//       DATAREFRESH_TEST_SQLSERVER='Server=localhost,1433;User ID=sa;Password=...;TrustServerCertificate=true' \
//         dotnet test tests/DataRefresh.Engine.Tests --filter Category=SqlServer
//     When set, it wins over Docker.
//
//   * Neither: every SqlServer test is skipped, saying so.
using System.Data.SqlTypes;
using System.Globalization;
using System.Net.Sockets;
using DataRefresh.Configuration;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace DataRefresh.Tests.Support;

/// <summary>
/// The SQL Server the SqlServer tests use, resolved once per collection: DATAREFRESH_TEST_SQLSERVER, else a
/// Testcontainers SQL Server 2022 when a Docker engine answers, else nothing (and the tests skip, saying why).
/// </summary>
public sealed class SqlServerInstance : IAsyncLifetime
{
    public const string Variable = "DATAREFRESH_TEST_SQLSERVER";
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";
    public const string NoServer = "SQL Server conformance skipped: no Docker engine (set DOCKER_HOST or start Docker) and DATAREFRESH_TEST_SQLSERVER is not set";

    private MsSqlContainer? _container;
    private Exception? _startFailure;
    private string _skipDetail = "";

    /// <summary>An admin connection string (login may CREATE DATABASE), or null when there is no server.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>Where the server came from, for messages.</summary>
    public string Origin { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            (ConnectionString, Origin) = (configured, Variable);
            return;
        }

        if (DockerEngine.Find() is not { } docker)
        {
            var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
            _skipDetail = string.IsNullOrWhiteSpace(host) ? "" : $" (DOCKER_HOST={host} did not answer)";
            return;
        }

        try
        {
            // Image pulls are slow the first time; a Docker that does not answer in time is a failure, not a hang.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            _container = new MsSqlBuilder(Image).Build();
            await _container.StartAsync(timeout.Token);
            (ConnectionString, Origin) = (_container.GetConnectionString(), $"Testcontainers {Image} via {docker}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _startFailure = new InvalidOperationException($"A Docker engine answers ({docker}) but the SQL Server container ({Image}) did not start: {ex.Message}", ex);
        }
    }

    /// <summary>The server, or a skip (no server) or a failure (Docker answered but the container did not start).</summary>
    public string Require()
    {
        if (_startFailure is not null)
        {
            throw _startFailure;
        }

        if (ConnectionString is null)
        {
            Assert.Skip(NoServer + _skipDetail);
        }

        return ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}

/// <summary>
/// SQL Server tests share one server and set the process-wide credential variables the engine reads
/// (SOURCE_DB_USER, ...), which the PostgreSQL tests set too: so they run on their own, never beside others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SqlServerCollectionDefinition : ICollectionFixture<SqlServerInstance>
{
    public const string Name = "SqlServer";
}

/// <summary>Finds a Docker engine cheaply (a socket or port that accepts a connection) without asking Testcontainers, which can hang.</summary>
public static class DockerEngine
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A description of the engine that answered, or null.</summary>
    public static string? Find()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(host))
        {
            return Answers(host) ? $"DOCKER_HOST={host}" : null;
        }

        if (OperatingSystem.IsWindows())
        {
            return File.Exists(@"\\.\pipe\docker_engine") ? @"npipe:////./pipe/docker_engine" : null;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string?[] sockets = ["/var/run/docker.sock", Path.Combine(home, ".docker", "run", "docker.sock"), runtime is null ? null : Path.Combine(runtime, "docker.sock")];
        return sockets.OfType<string>().FirstOrDefault(s => Answers("unix://" + s)) is { } socket ? "unix://" + socket : null;
    }

    private static bool Answers(string endpoint)
    {
        try
        {
            if (endpoint.StartsWith("unix://", StringComparison.Ordinal))
            {
                var path = endpoint["unix://".Length..];
                if (!File.Exists(path))
                {
                    return false;
                }

                using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                return unix.ConnectAsync(new UnixDomainSocketEndPoint(path)).Wait(ConnectTimeout) && unix.Connected;
            }

            if (endpoint.StartsWith("tcp://", StringComparison.Ordinal) && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            {
                using var tcp = new TcpClient();
                return tcp.ConnectAsync(uri.Host, uri.Port == -1 ? 2375 : uri.Port).Wait(ConnectTimeout) && tcp.Connected;
            }

            // npipe:// and ssh:// cannot be probed cheaply: trust the variable.
            return true;
        }
        catch (Exception ex) when (ex is SocketException or AggregateException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

/// <summary>
/// One test's view of the SQL Server: fresh databases (dropped afterwards), statements, scalars and lossless
/// text dumps, and a <see cref="RefreshConfig"/> pointing at two of its databases.
/// </summary>
public sealed class SqlServerServer : IAsyncDisposable
{
    private readonly SqlConnectionStringBuilder _admin;
    private readonly List<string> _databases = [];

    private SqlServerServer(string connectionString)
    {
        _admin = new SqlConnectionStringBuilder(connectionString) { Pooling = false, InitialCatalog = "master" };
        if (!_admin.IntegratedSecurity)
        {
            // The engine reads credentials only from these variables (auth_type: sql).
            foreach (var side in new[] { "SOURCE", "TARGET" })
            {
                Environment.SetEnvironmentVariable($"{side}_DB_USER", _admin.UserID);
                Environment.SetEnvironmentVariable($"{side}_DB_PASSWORD", _admin.Password);
            }
        }
    }

    /// <summary>The server, or a skip that says why there is none.</summary>
    public static async Task<SqlServerServer> CreateAsync(SqlServerInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var server = new SqlServerServer(instance.Require());
        server.Login = (string)(await server.ScalarAsync("master", "SELECT CAST(SUSER_SNAME() AS nvarchar(256))"))!;
        return server;
    }

    /// <summary>The login the tests connect with, as SUSER_SNAME() reports it.</summary>
    public string Login { get; private set; } = "";

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        await ExecAsync("master", $"CREATE DATABASE [{name}]");
        _databases.Add(name);
        return name;
    }

    public async Task<SqlConnection> OpenAsync(string database)
    {
        var b = new SqlConnectionStringBuilder(_admin.ConnectionString) { InitialCatalog = database, ApplicationName = "datarefresh-tests" };
        var c = new SqlConnection(b.ConnectionString);
        await c.OpenAsync();
        return c;
    }

    public async Task ExecAsync(string database, string sql)
    {
        await using var c = await OpenAsync(database);
        await using var cmd = new SqlCommand(sql, c) { CommandTimeout = 300 };
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var c = await OpenAsync(database);
        await using var cmd = new SqlCommand(sql, c);
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>
    /// Every row as text, in a stable order: equal dumps mean equal data. Values are read as SqlTypes and printed
    /// losslessly (decimal(38,x), datetime2(7), float round-trip, binary as hex); a sql_variant also prints its base
    /// type, precision and scale, so a re-typed variant shows up as a difference.
    /// </summary>
    public async Task<List<string>> DumpAsync(string database, string table, string orderBy)
    {
        await using var c = await OpenAsync(database);
        var variants = new List<string>();
        await using (var cmd = new SqlCommand("SELECT c.name FROM sys.columns AS c JOIN sys.types AS t ON t.user_type_id = c.user_type_id WHERE c.object_id = OBJECT_ID(@t) AND t.name = N'sql_variant' ORDER BY c.column_id", c))
        {
            cmd.Parameters.AddWithValue("t", table);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                variants.Add(r.GetString(0));
            }
        }

        var extra = string.Concat(variants.Select(v =>
            $", CONCAT(CAST(SQL_VARIANT_PROPERTY([{v}], 'BaseType') AS nvarchar(128)), N'(', CAST(SQL_VARIANT_PROPERTY([{v}], 'Precision') AS nvarchar(10)), N',', CAST(SQL_VARIANT_PROPERTY([{v}], 'Scale') AS nvarchar(10)), N',', CAST(SQL_VARIANT_PROPERTY([{v}], 'MaxLength') AS nvarchar(10)), N')')"));
        await using var select = new SqlCommand($"SELECT *{extra} FROM {table} ORDER BY {orderBy}", c) { CommandTimeout = 300 };
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Format(reader.GetSqlValue(i)))));
        }

        return rows;
    }

    private static string Format(object value) => value switch
    {
        null or DBNull => "NULL",
        INullable { IsNull: true } => "NULL",
        SqlDateTime d => d.Value.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        SqlDouble d => d.Value.ToString("R", CultureInfo.InvariantCulture),
        SqlSingle f => f.Value.ToString("R", CultureInfo.InvariantCulture),
        SqlMoney m => m.Value.ToString(CultureInfo.InvariantCulture),
        SqlBinary b => "0x" + Convert.ToHexString(b.Value),
        SqlBytes b => "0x" + Convert.ToHexString(b.Value),
        SqlXml x => x.Value,
        SqlString s => "'" + s.Value + "'",
        SqlChars s => "'" + new string(s.Value) + "'",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss.fffffff zzz", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Both sides on this server, SQL login from SOURCE_DB_USER/TARGET_DB_USER, the container's self-signed certificate trusted.</summary>
    public RefreshConfig Config(string source, string target, IEnumerable<TableConfig> tables, Func<RefreshSettings, RefreshSettings>? settings = null)
    {
        var auth = _admin.IntegratedSecurity ? AuthType.Windows : AuthType.Sql;
        return new()
        {
            Files = ["(test)"],
            Source = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.SqlServer, Server = _admin.DataSource, Database = source, Auth = auth, TrustServerCertificate = true },
            Target = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.SqlServer, Server = _admin.DataSource, Database = target, Auth = auth, TrustServerCertificate = true },
            Tables = tables.ToList(),
            Settings = (settings ?? (s => s))(new RefreshSettings { MaxRetries = 0, RetryDelaySeconds = 0.1 }),
        };
    }

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        foreach (var db in _databases)
        {
            try
            {
                await ExecAsync("master", $"IF DB_ID(N'{db}') IS NOT NULL BEGIN ALTER DATABASE [{db}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{db}]; END");
            }
            catch (SqlException)
            {
            }
        }
    }
}
