using System.Net;
using System.Net.Sockets;
using DataRefresh.Checks;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Execution;
using DataRefresh.History;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>
/// Logins from SOURCE_DB_USER… against a real server: a refused login, a blank or missing variable, and a
/// password that never appears anywhere. These change process-wide variables, so they run alone.
/// </summary>
[Trait("Category", "PostgreSql")]
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class PostgreSqlCredentialTests : PostgresTestBase
{
    private const string Canary = "Pw-Canary-7d1e9b";

    private static readonly IDatabaseEngine Engine = EngineRegistry.For(EngineKind.PostgreSql);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<DatabaseConnectionException> OpenFails(DatabaseConfig database) =>
        await Assert.ThrowsAsync<DatabaseConnectionException>(() => Engine.OpenAsync(database, ConnectionPurpose.Source, new RefreshSettings { ConnectionTimeout = 5 }, "test", Token));

    [Fact]
    public async Task A_role_the_server_does_not_know_is_login_failed_for_that_user_and_the_server_counts_as_reachable()
    {
        using var env = new EnvironmentScope(("SOURCE_DB_USER", "no_such_role_dr"));
        var config = Pg.Config(Src, Tgt, []);

        var ex = await OpenFails(config.Source);
        var checks = await ConfigChecks.ConnectAsync(config, Token);

        Assert.StartsWith($"Cannot connect to the source database {config.Source.Display} (postgresql): login failed for user \"no_such_role_dr\": role \"no_such_role_dr\" does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionFailure.LoginFailed, ex.Failure);
        var source = checks.Where(c => c.Side == "Source").ToDictionary(c => c.Check);
        Assert.Equal(CheckOutcome.Passed, source["Reachable"].Outcome);
        Assert.Equal(CheckOutcome.Failed, source["Authentication"].Outcome);
        Assert.Contains("login failed for user \"no_such_role_dr\"", source["Authentication"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blank_password_variable_is_blank_and_no_connection_is_attempted()
    {
        using var env = new EnvironmentScope(("TARGET_DB_PASSWORD", "   "));
        var config = Pg.Config(Src, Tgt, []);

        var ex = await OpenFails(config.Target);
        var checks = await ConfigChecks.ConnectAsync(config, Token);

        Assert.Equal($"Cannot connect to the target database {config.Target.Display} (postgresql): password is blank: the environment variable TARGET_DB_PASSWORD is set but blank (empty or only spaces)", ex.Message);
        Assert.Equal(ConnectionFailure.Credentials, ex.Failure);
        var target = checks.Where(c => c.Side == "Target").ToDictionary(c => c.Check);
        Assert.Equal((CheckOutcome.Failed, ex.Message), (target["Authentication"].Outcome, target["Authentication"].Message));
        Assert.NotEqual(CheckOutcome.Failed, target["Reachable"].Outcome);
    }

    [Fact]
    public async Task A_user_variable_that_is_absent_is_not_set()
    {
        using var env = new EnvironmentScope(("SOURCE_DB_USER", null));
        var config = Pg.Config(Src, Tgt, []);

        var ex = await OpenFails(config.Source);

        Assert.EndsWith("(postgresql): user is not set: the environment variable SOURCE_DB_USER is not set", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionFailure.Credentials, ex.Failure);
    }

    /// <summary>Every failure a run can meet, with a distinctive password on both sides: it appears in none of the text.</summary>
    [Fact]
    public async Task The_password_never_appears_in_errors_results_warnings_checks_or_history()
    {
        using var env = new EnvironmentScope(("SOURCE_DB_PASSWORD", Canary), ("TARGET_DB_PASSWORD", Canary));
        await Both("CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id))");
        await Pg.ExecAsync(Src, "INSERT INTO parent SELECT g FROM generate_series(1, 3) g; INSERT INTO child SELECT g, g FROM generate_series(1, 3) g");
        await Pg.ExecAsync(Tgt, "INSERT INTO parent VALUES (1)");
        var config = Pg.Config(Src, Tgt, [Full("child")]);
        var texts = new List<string>();

        // A failed load (the foreign key's DETAIL is shown), then its history and Test-RefreshConfig.
        var observer = new RecordingObserver();
        var (plans, results, _) = await RunAsync(config, observer);
        Assert.Equal(RefreshStatus.Failed, results.Single("child").Status);
        texts.AddRange(results.Select(r => $"{r.Error} {r.Note}"));
        texts.AddRange(plans.Select(p => $"{p.Reason} {string.Join(" ", p.Warnings)}"));
        texts.AddRange(observer.Messages.Concat(observer.Warnings));
        var history = await new HistoryJournal(Engine, config.Target, config.Settings, "test").ReadAsync(new HistoryQuery(), Token);
        Assert.NotEmpty(history);
        texts.AddRange(history.Select(h => string.Join(" ", h.Error, h.DatabaseLogin, h.OsUser, h.Host, h.WatermarkBefore, h.WatermarkAfter)));
        texts.AddRange((await ConfigChecks.ConnectAsync(config, Token)).Select(c => c.Message));

        // Every kind of connection failure, as exceptions (message and ToString, inner exceptions included).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var freePort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var failing = new[]
        {
            config.Source with { Database = "no_such_database_dr" },
            config.Source with { Server = "127.0.0.1", Port = freePort },
            config.Target with { Server = "no-such-db-host.invalid" },
        };
        foreach (var database in failing)
        {
            var ex = await OpenFails(database);
            texts.Add(ex.ToString());
            texts.AddRange((await ConfigChecks.ConnectAsync(config with { Source = database.Side == DatabaseSide.Source ? database : config.Source, Target = database.Side == DatabaseSide.Target ? database : config.Target }, Token)).Select(c => c.Message));
        }

        var planFailure = await Assert.ThrowsAnyAsync<Exception>(() => Planner.PlanAsync(config with { Source = failing[0] }, null, Token));
        texts.Add(planFailure.ToString());
        using (new EnvironmentScope(("SOURCE_DB_USER", "no_such_role_dr")))
        {
            texts.Add((await OpenFails(config.Source)).ToString());
        }

        Assert.All(texts, t => Assert.DoesNotContain(Canary, t ?? "", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("is not present in table", StringComparison.Ordinal));
    }
}
