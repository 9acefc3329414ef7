using System.Reflection;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Planning;

namespace DataRefresh.Tests.Unit;

/// <summary>
/// The safety rail after connecting, from what each server says about itself. On SQL Server: the server's current
/// name (SERVERPROPERTY('ServerName'), not @@SERVERNAME, which a cloned host keeps from production), the database,
/// and the availability-group database id every replica shares.
/// </summary>
public sealed class SameDatabaseIdentityTests
{
    private const string Group = "6F9619FF-8B86-D011-B42D-00C04FC964FF";

    [Fact]
    public void One_server_and_database_is_the_same_database()
    {
        var why = SameDatabase.Reported(new ServerIdentity("SQL01", "SHOP"), new ServerIdentity("SQL01", "SHOP"));

        Assert.Equal("both report SQL01/SHOP", why);
    }

    /// <summary>Read-only routing sent the source to a secondary; the target, spelled differently, reached the primary.</summary>
    [Fact]
    public void Two_replicas_of_one_availability_group_database_are_refused_naming_both_servers()
    {
        var source = new ServerIdentity("SQL02", "SHOP") { ReplicaOf = Group };
        var target = new ServerIdentity("SQL01", "SHOP") { ReplicaOf = Group };

        var why = SameDatabase.Reported(source, target);

        Assert.NotNull(why);
        Assert.Contains("the source (SQL02/SHOP) and the target (SQL01/SHOP) are replicas of one availability-group database", why, StringComparison.Ordinal);
        Assert.Contains(Group, why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_group_id_is_compared_whatever_its_case()
    {
        var source = new ServerIdentity("SQL02", "SHOP") { ReplicaOf = Group };
        var target = new ServerIdentity("SQL01", "SHOP") { ReplicaOf = Group.ToLowerInvariant() };

        Assert.NotNull(SameDatabase.Reported(source, target));
    }

    [Theory]
    [InlineData("SQL01", "SHOP", null, "SQL02", "SHOP", null)]
    [InlineData("SQL01", "SHOP", Group, "UAT01", "SHOP", null)]
    [InlineData("SQL01", "SHOP", Group, "UAT01", "SHOP", "00000000-0000-0000-0000-000000000001")]
    [InlineData("SQL01", "SHOP", null, "SQL01", "SHOP_UAT", null)]
    [InlineData("SQL01", "SHOP", "", "UAT01", "SHOP", "")]
    public void Different_servers_or_databases_outside_one_group_are_different(string sourceServer, string sourceDb, string? sourceGroup, string targetServer, string targetDb, string? targetGroup)
    {
        var source = new ServerIdentity(sourceServer, sourceDb) { ReplicaOf = sourceGroup };
        var target = new ServerIdentity(targetServer, targetDb) { ReplicaOf = targetGroup };

        Assert.Null(SameDatabase.Reported(source, target));
    }

    /// <summary>The plan stops before reading anything, naming both configured databases and both servers.</summary>
    [Fact]
    public async Task The_plan_refuses_a_secondary_and_its_primary_naming_both()
    {
        var engine = IdentifyingEngine.Create(
            new ServerIdentity("SQL02", "SHOP") { ReplicaOf = Group },
            new ServerIdentity("SQL01", "SHOP") { ReplicaOf = Group });
        var config = new RefreshConfig
        {
            Files = ["(test)"],
            Source = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.SqlServer, Server = "shop-ag-listener", Database = "Shop" },
            Target = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.SqlServer, Server = "sql01.corp", Database = "Shop" },
            Tables = [new TableConfig { Name = "dbo.Users" }],
            Settings = new RefreshSettings(),
        };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Planner.RefuseSameDatabaseAsync(engine, null!, null!, config, TestContext.Current.CancellationToken));

        Assert.StartsWith($"Refusing to run: the target ({config.Target.Display}) is the same database as the source ({config.Source.Display}) — the source (SQL02/SHOP) and the target (SQL01/SHOP) are replicas of one availability-group database", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>PostgreSQL and SQLite report no replica id: their decision is the name pair, as before.</summary>
    [Fact]
    public void Identities_without_a_replica_id_compare_as_before()
    {
        Assert.NotNull(SameDatabase.Reported(new ServerIdentity("cluster 7311", "shop"), new ServerIdentity("cluster 7311", "shop")));
        Assert.Null(SameDatabase.Reported(new ServerIdentity("cluster 7311", "shop"), new ServerIdentity("cluster 7311", "Shop")));
        Assert.Null(SameDatabase.Reported(new ServerIdentity("sqlite", "/data/prod.db"), new ServerIdentity("sqlite", "/data/uat.db")));
    }
}

/// <summary>An engine that only answers IdentifyAsync: the source's identity first, then the target's.</summary>
public class IdentifyingEngine : DispatchProxy
{
    private readonly Queue<ServerIdentity> _identities = new();

    public static IDatabaseEngine Create(ServerIdentity source, ServerIdentity target)
    {
        var engine = DispatchProxy.Create<IDatabaseEngine, IdentifyingEngine>();
        var proxy = (IdentifyingEngine)(object)engine;
        proxy._identities.Enqueue(source);
        proxy._identities.Enqueue(target);
        return engine;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == nameof(IDatabaseEngine.IdentifyAsync)
            ? Task.FromResult(_identities.Dequeue())
            : throw new NotSupportedException(targetMethod?.Name);
}
