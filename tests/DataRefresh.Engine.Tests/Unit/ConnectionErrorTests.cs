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
