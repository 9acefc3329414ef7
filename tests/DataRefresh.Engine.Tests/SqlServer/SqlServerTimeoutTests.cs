using System.Diagnostics;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Engines.SqlServer;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Staging;
using DataRefresh.Tests.Support;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Tests.SqlServer;

/// <summary>
/// Timeouts against a live SQL Server (skipped without one): the table lock's wait fits inside its command's
/// timeout, and the swap's SET LOCK_TIMEOUT does not outlive the swap on the refresh session.
/// </summary>
[Trait("Category", "SqlServer")]
[Collection(SqlServerCollectionDefinition.Name)]
public sealed class SqlServerTimeoutTests(SqlServerInstance instance)
{
    private static readonly QualifiedName Items = new("dbo", "items");

    /// <summary>lock_timeout longer than command_timeout: still "being refreshed by", not SqlClient's error -2.</summary>
    [Fact]
    public async Task A_lock_wait_longer_than_the_command_timeout_ends_as_locked_not_as_a_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SqlServerServer.CreateAsync(instance);
        var (config, _, target) = await TwoDatabasesAsync(server, s => s with { CommandTimeout = 2 });
        var engine = new SqlServerEngine();

        await using var holder = await server.OpenAsync(target);
        await using var holderTx = (SqlTransaction)await holder.BeginTransactionAsync(ct);
        await using (var take = new SqlCommand("DECLARE @r int; EXEC @r = sys.sp_getapplock @Resource = @resource, @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 0; SELECT @r", holder, holderTx))
        {
            take.Parameters.AddWithValue("resource", SqlServerSql.LockResource(Items));
            Assert.True(Convert.ToInt32(await take.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        }

        await using var refresh = await engine.OpenAsync(config.Target, ConnectionPurpose.Target, config.Settings, RunTag.New().Label, ct);
        await using var tx = await refresh.BeginTransactionAsync(ct);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<TableLockedException>(() => engine.LockTableAsync(refresh, tx, Items, TimeSpan.FromSeconds(5), ct));

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(4.5), $"gave up after {watch.Elapsed.TotalSeconds:0.0} s, before the 5 s wait");
        Assert.StartsWith("Table dbo.items is being refreshed by ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_swap_the_refresh_session_waits_for_locks_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SqlServerServer.CreateAsync(instance);
        var (config, _, _) = await TwoDatabasesAsync(server);
        var engine = new SqlServerEngine();
        await using var source = await engine.OpenAsync(config.Source, ConnectionPurpose.Source, config.Settings, RunTag.New().Label, ct);
        await using var target = await engine.OpenAsync(config.Target, ConnectionPurpose.Target, config.Settings, RunTag.New().Label, ct);
        await using var loader = await engine.OpenAsync(config.Target, ConnectionPurpose.Target, config.Settings, RunTag.New().Label, ct);
        var tables = (await engine.ReadTableAsync(source, Items, ct), await engine.ReadTableAsync(target, Items, ct));
        await using var tx = await target.BeginTransactionAsync(ct);

        await engine.Staging!.RunAsync(Request(tables, source, target, tx, loader), new Progress<long>(), (_, _, _, _) => { }, ct);
        await tx.CommitAsync(ct);

        Assert.Equal(-1, await LockTimeoutAsync(target, ct));
        Assert.Equal(3, await engine.ReadMaxAsync(target, null, Items, "id", ct));
    }

    /// <summary>The swap gives up on a reader's lock; the session it leaves behind waits again (the runner may reuse it).</summary>
    [Fact]
    public async Task A_swap_that_gives_up_on_a_lock_still_resets_the_lock_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await SqlServerServer.CreateAsync(instance);
        var (config, _, targetDb) = await TwoDatabasesAsync(server);
        var engine = new SqlServerEngine();
        await using var source = await engine.OpenAsync(config.Source, ConnectionPurpose.Source, config.Settings, RunTag.New().Label, ct);
        await using var target = await engine.OpenAsync(config.Target, ConnectionPurpose.Target, config.Settings, RunTag.New().Label, ct);
        await using var loader = await engine.OpenAsync(config.Target, ConnectionPurpose.Target, config.Settings, RunTag.New().Label, ct);
        var tables = (await engine.ReadTableAsync(source, Items, ct), await engine.ReadTableAsync(target, Items, ct));

        // Another session holds an exclusive lock on the target: the swap's row count waits at most SwapTimeout (1 s).
        await using var blocker = await server.OpenAsync(targetDb);
        await using var blockerTx = (SqlTransaction)await blocker.BeginTransactionAsync(ct);
        await using (var hold = new SqlCommand("SELECT COUNT(*) FROM dbo.items WITH (TABLOCKX, HOLDLOCK)", blocker, blockerTx))
        {
            await hold.ExecuteScalarAsync(ct);
        }

        await using var tx = await target.BeginTransactionAsync(ct);
        var request = Request(tables, source, target, tx, loader);

        var ex = await Assert.ThrowsAsync<SqlException>(() => engine.Staging!.RunAsync(request, new Progress<long>(), (_, _, _, _) => { }, ct));

        Assert.Equal(1222, ex.Number);
        Assert.Equal(-1, await LockTimeoutAsync(target, tx, ct));
        await tx.RollbackAsync(ct);
        await engine.Staging!.DropStagingAsync(loader, null, request.RunTag, ct);
    }

    private static StagingRequest Request((TableSchema Source, TableSchema Target) tables, System.Data.Common.DbConnection source, System.Data.Common.DbConnection target, System.Data.Common.DbTransaction tx, System.Data.Common.DbConnection loader) => new()
    {
        Copy = new CopyRequest
        {
            Source = source,
            Target = target,
            TargetTransaction = tx,
            SourceTable = tables.Source,
            TargetTable = tables.Target,
            Columns = ["id", "name"],
        },
        Loader = loader,
        Action = RefreshAction.Full,
        RunTag = RunTag.New().Unit(1),
        SwapTimeout = TimeSpan.FromSeconds(1),
    };

    private static async Task<int> LockTimeoutAsync(System.Data.Common.DbConnection connection, CancellationToken ct) => await LockTimeoutAsync(connection, null, ct);

    private static async Task<int> LockTimeoutAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT @@LOCK_TIMEOUT";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(RefreshConfig Config, string Source, string Target)> TwoDatabasesAsync(SqlServerServer server, Func<RefreshSettings, RefreshSettings>? settings = null)
    {
        var source = await server.CreateDatabaseAsync("src");
        var target = await server.CreateDatabaseAsync("tgt");
        foreach (var db in new[] { source, target })
        {
            await server.ExecAsync(db, "CREATE TABLE dbo.items (id int NOT NULL PRIMARY KEY, name varchar(50) NULL)");
        }

        await server.ExecAsync(source, "INSERT INTO dbo.items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        await server.ExecAsync(target, "INSERT INTO dbo.items VALUES (9, 'old')");
        return (server.Config(source, target, [new TableConfig { Name = "dbo.items" }], settings), source, target);
    }
}
