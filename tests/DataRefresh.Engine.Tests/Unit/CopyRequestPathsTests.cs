using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Engines.PostgreSql;
using DataRefresh.Engines.Sqlite;
using DataRefresh.Engines.SqlServer;
using DataRefresh.Planning;
using DataRefresh.Staging;
using DataRefresh.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Tests.Unit;

/// <summary>
/// The table's one copy request (<see cref="CopyRequest.For"/>) is what every staging path of every engine loads
/// its staging tables with: each changes where the rows go and, where its design says so, which slice it reads,
/// and keeps every other field (compared by reflection, so a field added to CopyRequest is checked here unedited).
/// The runner's own paths (simple_copy, incremental, merge, overlap re-read) are checked on real runs in
/// <c>EngineConformanceTests.Transform</c>.
/// </summary>
public sealed class CopyRequestPathsTests : IDisposable
{
    private static readonly QualifiedName Stage = new("dbo", "_dr_stage_3fa85f64u1_0");
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteTransaction _transaction;
    private readonly SqliteConnection _loader = new("Data Source=:memory:");
    private readonly UpperCaseTransform _transform = new("name");

    public CopyRequestPathsTests()
    {
        _connection.Open();
        _transaction = _connection.BeginTransaction();
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
        _loader.Dispose();
    }

    private static RefreshPlan Plan(RefreshAction action, IRowTransform transform)
    {
        var table = new TableConfig { Name = "orders", SyncMode = SyncMode.Incremental, IncrementalColumn = "id", IncrementalType = IncrementalType.Identity, BatchSize = 777, RowLimit = 5000 };
        var config = new RefreshConfig
        {
            Files = ["(test)"],
            Source = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.Sqlite, Database = "production.db", Auth = AuthType.None },
            Target = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.Sqlite, Database = "uat.db", Auth = AuthType.None },
            Tables = [table],
            Settings = new RefreshSettings { CommandTimeout = 123 },
        };
        ColumnInfo Column(string name, int ordinal) => new() { Name = name, Ordinal = ordinal, DataType = "text" };
        return new RefreshPlan
        {
            Table = "orders",
            Strategy = RefreshStrategy.StagingPartitionSwitch,
            SyncMode = SyncMode.Incremental,
            Action = action,
            Reason = "test",
            Config = config,
            TableConfig = table,
            Columns = ["id", "name"],
            SourceSchema = new TableSchema { Name = new QualifiedName("dbo", "orders"), Columns = [Column("id", 1), Column("name", 2)] },
            TargetSchema = new TableSchema { Name = new QualifiedName("dbo", "orders"), Columns = [Column("id", 1), Column("name", 2)] },
            Transform = transform,
        };
    }

    private StagingRequest Request(RefreshAction action)
    {
        var plan = Plan(action, _transform);
        var filter = new RowFilter("id", FilterOperator.Greater, 42L, "bigint");
        return new StagingRequest
        {
            Copy = CopyRequest.For(plan.Config, plan, filter, _loader, null, _connection, _transaction),
            Loader = _loader,
            Action = action,
            RunTag = new Execution.StagingTag("3fa85f64u1"),
        };
    }

    [Fact]
    public void The_one_function_takes_every_field_from_the_plan_and_the_decision()
    {
        var request = Request(RefreshAction.Incremental).Copy;

        Assert.Same(_transform, request.Transform);
        Assert.True(request.Transforms);
        Assert.Equal((777, 123, 5000L), (request.BatchSize, request.CommandTimeout, request.RowLimit));
        Assert.Equal(["id", "name"], request.Columns);
        Assert.Equal(new RowFilter("id", FilterOperator.Greater, 42L, "bigint"), request.Filter);
        Assert.Same(_transaction, request.TargetTransaction);
        Assert.False((request with { Transform = null }).Transforms);
    }

    [Fact]
    public void Sqlite_staging_loads_with_the_tables_request_in_the_refresh_transaction()
    {
        var request = Request(RefreshAction.Incremental);

        var load = SqliteStaging.Load(request, Stage);

        CopyRequestFields.AssertSame(request.Copy, load);
        Assert.Equal((Stage, (System.Data.Common.DbTransaction?)_transaction), (load.TargetTable.Name, load.TargetTransaction));
    }

    [Fact]
    public void PostgreSql_load_aside_and_partition_staging_load_with_the_tables_request_on_the_loader()
    {
        var request = Request(RefreshAction.Incremental);

        var aside = PostgreSqlPartitionSwap.Load(request, Stage, null);
        var partition = PostgreSqlPartitionSwap.Load(request, Stage, "day >= '2024-01-01' AND day < '2024-02-01'");

        CopyRequestFields.AssertSame(request.Copy, aside);
        CopyRequestFields.AssertSame(request.Copy, partition, nameof(CopyRequest.SourcePredicate));
        Assert.All(new[] { aside, partition }, r => Assert.Equal((Stage, (System.Data.Common.DbConnection)_loader, (System.Data.Common.DbTransaction?)null), (r.TargetTable.Name, r.Target, r.TargetTransaction)));
        Assert.NotNull(partition.SourcePredicate);
    }

    [Fact]
    public void Sql_server_staging_loads_with_the_tables_request_and_moves_staged_rows_on_untransformed()
    {
        var incremental = Request(RefreshAction.Incremental);
        var full = Request(RefreshAction.Full);
        var space = new SqlServerDataSpace("ps_monthly", true, "day", "pf_monthly", true, []);

        var load = SqlServerStaging.Load(incremental, Stage);
        var fullLoad = SqlServerStaging.Load(full, Stage);
        var move = SqlServerStaging.MoveIn(incremental, Stage, 3, space);

        CopyRequestFields.AssertSame(incremental.Copy, load);
        Assert.Equal((Stage, (System.Data.Common.DbConnection)_loader), (load.TargetTable.Name, load.Target));
        // A full refresh reads every source row, as simple_copy's full copy does.
        CopyRequestFields.AssertSame(full.Copy, fullLoad, nameof(CopyRequest.Filter));
        Assert.Null(fullLoad.Filter);

        // Staging's rows went through the transform when they were loaded; moving them on must not apply it twice.
        CopyRequestFields.AssertSame(incremental.Copy, move, nameof(CopyRequest.Source), nameof(CopyRequest.SourceTransaction), nameof(CopyRequest.SourceTable), nameof(CopyRequest.Filter), nameof(CopyRequest.RowLimit), nameof(CopyRequest.SourcePredicate), nameof(CopyRequest.Transform), nameof(CopyRequest.Transforms));
        Assert.Equal((Stage, incremental.TargetTable.Name, (System.Data.Common.DbTransaction?)_transaction), (move.SourceTable.Name, move.TargetTable.Name, move.TargetTransaction));
        Assert.False(move.Transforms);
    }
}
