using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Engines.SqlServer;
using DataRefresh.Tests.Support;

namespace DataRefresh.Tests.Unit;

/// <summary>Connection causes that cannot be produced here (no SQL Server): the classification from the server's error numbers.</summary>
public sealed class ConnectionErrorTests
{
    private static (ConnectionFailure Failure, string Cause) SqlServer(params (int, string)[] errors) =>
        SqlServerErrors.Classify(errors, new InvalidOperationException("sqlclient"), "app", "Shop", "uat-db", "uat-db,1433", 15);

    [Fact]
    public void Sql_Server_4060_is_a_missing_database_not_an_unreachable_server()
    {
        var (failure, cause) = SqlServer((4060, "Cannot open database \"Shop\" requested by the login. The login failed."), (18456, "Login failed for user 'app'."));

        Assert.Equal(ConnectionFailure.DatabaseMissing, failure);
        Assert.StartsWith("database \"Shop\" does not exist, or the login may not open it: Cannot open database", cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_Server_18456_is_login_failed_for_the_user()
    {
        var (failure, cause) = SqlServer((18456, "Login failed for user 'app'."));

        Assert.Equal((ConnectionFailure.LoginFailed, "login failed for user \"app\": Login failed for user 'app'."), (failure, cause));
    }

    [Theory]
    [InlineData(10061, ConnectionFailure.Refused, "connection refused: nothing is listening at uat-db,1433")]
    [InlineData(11001, ConnectionFailure.UnknownHost, "unknown host 'uat-db'")]
    [InlineData(-2, ConnectionFailure.TimedOut, "timed out after 15 s (settings.connection_timeout)")]
    public void Sql_Server_network_errors_name_the_cause_first(int number, ConnectionFailure expected, string start)
    {
        var (failure, cause) = SqlServer((number, "A network-related or instance-specific error occurred while establishing a connection to SQL Server."));

        Assert.Equal(expected, failure);
        Assert.StartsWith(start, cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_Server_refused_on_linux_is_found_in_the_socket_error()
    {
        var inner = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
        var (failure, cause) = SqlServerErrors.Classify([(35, "A network-related or instance-specific error occurred (provider: TCP Provider, error: 35 - An internal exception was caught)")], new InvalidOperationException("sqlclient", inner), "app", "Shop", "uat-db", "uat-db,1433", 15);

        Assert.Equal((ConnectionFailure.Refused, "connection refused: nothing is listening at uat-db,1433"), (failure, cause));
    }

    /// <summary>SqlClient's managed network layer reports a refused port as error 35 with a SocketException of "Success".</summary>
    [Fact]
    public async Task A_sql_server_port_with_nothing_listening_is_connection_refused()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var database = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.SqlServer, Server = "127.0.0.1", Port = port, Database = "shop", Auth = AuthType.Windows };

        var ex = await Assert.ThrowsAsync<DatabaseConnectionException>(() =>
            EngineRegistry.For(EngineKind.SqlServer).OpenAsync(database, ConnectionPurpose.Source, new RefreshSettings { ConnectionTimeout = 5 }, "test", TestContext.Current.CancellationToken));

        Assert.Equal(ConnectionFailure.Refused, ex.Failure);
        Assert.StartsWith($"Cannot connect to the source database 127.0.0.1:{port}/shop (sqlserver): connection refused: nothing is listening at 127.0.0.1,{port}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sql_server_host_name_that_does_not_resolve_is_unknown_host()
    {
        var database = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.SqlServer, Server = "no-such-sql-host.invalid", Database = "shop", Auth = AuthType.Windows };

        var ex = await Assert.ThrowsAsync<DatabaseConnectionException>(() =>
            EngineRegistry.For(EngineKind.SqlServer).OpenAsync(database, ConnectionPurpose.Target, new RefreshSettings { ConnectionTimeout = 5 }, "test", TestContext.Current.CancellationToken));

        Assert.Equal(ConnectionFailure.UnknownHost, ex.Failure);
        Assert.StartsWith("Cannot connect to the target database no-such-sql-host.invalid/shop (sqlserver): unknown host 'no-such-sql-host.invalid'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_file_that_does_not_exist_is_a_missing_database()
    {
        using var dir = new TempDir();
        var database = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.Sqlite, Database = "nowhere.db", BaseDirectory = dir.Path };

        var ex = await Assert.ThrowsAsync<DatabaseConnectionException>(() =>
            EngineRegistry.For(EngineKind.Sqlite).OpenAsync(database, ConnectionPurpose.Target, new RefreshSettings(), "test", TestContext.Current.CancellationToken));

        Assert.Equal(ConnectionFailure.DatabaseMissing, ex.Failure);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}
