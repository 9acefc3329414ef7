using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DataRefresh.Checks;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Engines.PostgreSql;
using DataRefresh.Tests.Support;
using Npgsql;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>A connection that fails says why in its first line, in the DBA's words, with the side and the place.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlConnectionErrorTests : PostgresTestBase
{
    private static readonly IDatabaseEngine Engine = EngineRegistry.For(EngineKind.PostgreSql);

    private static async Task<DatabaseConnectionException> OpenFails(DatabaseConfig database, RefreshSettings? settings = null)
    {
        var ex = await Assert.ThrowsAsync<DatabaseConnectionException>(() =>
            Engine.OpenAsync(database, ConnectionPurpose.Source, settings ?? new RefreshSettings { ConnectionTimeout = 5 }, "test", TestContext.Current.CancellationToken));
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Nothing_listening_at_the_port_is_connection_refused()
    {
        var port = FreePort();
        var source = Pg.Config(Src, Tgt, []).Source with { Server = "127.0.0.1", Port = port };

        var ex = await OpenFails(source);

        Assert.StartsWith($"Cannot connect to the source database 127.0.0.1:{port}/{Src} (postgresql): connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"nothing is listening at 127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionFailure.Refused, ex.Failure);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_is_unknown_host()
    {
        var target = Pg.Config(Src, Tgt, []).Target with { Server = "no-such-db-host.invalid" };
        var clock = Stopwatch.StartNew();

        var ex = await OpenFails(target);

        Assert.StartsWith($"Cannot connect to the target database no-such-db-host.invalid:{Pg.Port}/{Tgt} (postgresql): unknown host 'no-such-db-host.invalid'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionFailure.UnknownHost, ex.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_is_timed_out()
    {
        // A socket that accepts the connection and then says nothing: Npgsql waits for the startup reply.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = silent.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        var source = Pg.Config(Src, Tgt, []).Source with { Server = "127.0.0.1", Port = port };

        var ex = await OpenFails(source, new RefreshSettings { ConnectionTimeout = 1 });

        Assert.StartsWith($"Cannot connect to the source database 127.0.0.1:{port}/{Src} (postgresql): timed out after 1 s (settings.connection_timeout)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionFailure.TimedOut, ex.Failure);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task A_database_that_does_not_exist_says_so_and_not_that_the_server_is_unreachable()
    {
        var source = Pg.Config(Src, Tgt, []).Source with { Database = "no_such_database_here" };

        var ex = await OpenFails(source);

        Assert.StartsWith($"Cannot connect to the source database {Pg.Host}:{Pg.Port}/no_such_database_here (postgresql): database \"no_such_database_here\" does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionFailure.DatabaseMissing, ex.Failure);
    }

    [Theory]
    [InlineData("28P01", "password authentication failed for user \"app\"")]
    [InlineData("28000", "role \"app\" does not exist")]
    public void A_refused_login_is_login_failed_for_the_user(string sqlState, string serverText)
    {
        // The test cluster trusts every login, so a wrong password cannot be produced here: the server's error is built instead.
        var error = new PostgresException(serverText, "FATAL", "FATAL", sqlState);

        var (failure, cause) = PostgreSqlErrors.Classify(error, "app", "db.internal", 5432, 30);

        Assert.Equal(ConnectionFailure.LoginFailed, failure);
        Assert.Equal($"login failed for user \"app\": {serverText}", cause);
    }

    [Fact]
    public async Task Test_RefreshConfig_reports_a_missing_database_as_its_own_failed_check_and_the_server_as_reachable()
    {
        var config = Pg.Config("no_such_database_here", Tgt, []);

        var checks = await ConfigChecks.ConnectAsync(config, TestContext.Current.CancellationToken);

        var source = checks.Where(c => c.Side == "Source").ToList();
        Assert.Equal(CheckOutcome.Passed, source.Single(c => c.Check == "Reachable").Outcome);
        var missing = source.Single(c => c.Check == "DatabaseExists");
        Assert.Equal(CheckOutcome.Failed, missing.Outcome);
        Assert.Contains("database \"no_such_database_here\" does not exist", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(source, c => c.Message.Contains("could not be reached", StringComparison.Ordinal));
        Assert.Single(source, c => c.Outcome == CheckOutcome.Failed);
    }

    [Fact]
    public async Task Test_RefreshConfig_reports_connection_refused_as_unreachable()
    {
        var port = FreePort();
        var config = Pg.Config(Src, Tgt, []);
        config = config with { Target = config.Target with { Server = "127.0.0.1", Port = port } };

        var checks = await ConfigChecks.ConnectAsync(config, TestContext.Current.CancellationToken);

        var reachable = checks.Single(c => c.Side == "Target" && c.Check == "Reachable");
        Assert.Equal(CheckOutcome.Failed, reachable.Outcome);
        Assert.Contains("connection refused", reachable.Message, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Passed, checks.Single(c => c.Side == "Source" && c.Check == "Reachable").Outcome);
    }
}
