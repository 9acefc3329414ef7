using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Planning;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Unit;

/// <summary>
/// The plan's merge and trigger rules for SQL Server, from schemas made up in memory: an identity column outside
/// the key refuses merge (auto reloads), and an INSTEAD OF trigger left enabled refuses the load it would replace.
/// </summary>
public sealed class SqlServerMergePlanTests
{
    private static readonly IDatabaseEngine Engine = EngineRegistry.For(EngineKind.SqlServer);

    private static QualifiedName Name(string table) => new("dbo", table);

    /// <summary>country (code PRIMARY KEY, id IDENTITY outside the key or inside it), referenced by city, which the run does not refresh.</summary>
    private static List<RefreshPlan> Plans(TableConfig table, RefreshAction action, bool identityInKey = false, IReadOnlyList<InsteadOfTrigger>? insteadOf = null, RowFilter? delete = null)
    {
        var config = new RefreshConfig
        {
            Files = ["(test)"],
            Source = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.SqlServer, Server = "prod", Database = "prod", Auth = AuthType.Windows },
            Target = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.SqlServer, Server = "uat", Database = "uat", Auth = AuthType.Windows },
            Tables = [table],
            Settings = new RefreshSettings(),
        };
        var schema = new TableSchema
        {
            Name = Name(table.Name),
            Columns =
            [
                new ColumnInfo { Name = "id", Ordinal = 1, DataType = "int", Identity = IdentityKind.Always },
                new ColumnInfo { Name = "code", Ordinal = 2, DataType = "nvarchar(10)" },
                new ColumnInfo { Name = "name", Ordinal = 3, DataType = "nvarchar(50)", IsNullable = true },
            ],
            PrimaryKey = identityInKey ? ["id"] : ["code"],
            References = [],
            ReferencedBy = [new ForeignKeyInfo("fk_city_country", Name("city"), ["country_id"], Name(table.Name), ["id"], Deferrable: true)],
        };
        string[] columns = ["id", "code", "name"];
        return
        [
            new RefreshPlan
            {
                Table = table.Name,
                Strategy = table.Strategy,
                SyncMode = table.SyncMode,
                Action = action,
                Reason = action.ToString(),
                Config = config,
                TableConfig = table,
                TargetSchema = schema,
                Columns = columns,
                MergeObstacle = Engine.Merge.Obstacle(schema, columns),
                InsteadOfTriggers = insteadOf ?? [],
                DeleteFilter = delete,
            },
        ];
    }

    [Fact]
    public void Sql_server_merges_and_auto_chooses_merge_for_a_table_others_reference()
    {
        var plans = Plans(Full("country"), RefreshAction.Full, identityInKey: true);

        LoadMethods.Resolve(plans);

        Assert.Equal((RefreshAction.Full, LoadMethod.Merge), (plans[0].Action, plans[0].LoadMethod));
        Assert.Equal(["id"], plans[0].MergeKey);
    }

    [Fact]
    public void An_identity_column_outside_the_key_blocks_merge_and_auto_reloads()
    {
        var merge = Plans(Full("country") with { LoadMethod = LoadMethod.Merge }, RefreshAction.Full);
        LoadMethods.Resolve(merge);
        Assert.Equal(RefreshAction.Skip, merge[0].Action);
        Assert.Contains("identity column id", merge[0].Reason, StringComparison.Ordinal);
        Assert.Contains("SQL Server cannot UPDATE an identity column", merge[0].Reason, StringComparison.Ordinal);

        var auto = Plans(Full("country"), RefreshAction.Full);
        LoadMethods.Resolve(auto);
        Assert.Equal((RefreshAction.Full, LoadMethod.Reload), (auto[0].Action, auto[0].LoadMethod));
    }

    [Fact]
    public void An_instead_of_trigger_with_fire_triggers_true_blocks_merge_and_a_reload_that_deletes()
    {
        InsteadOfTrigger[] update = [new("trg_keep", "UPDATE")];
        InsteadOfTrigger[] delete = [new("trg_soft_delete", "DELETE")];

        var merge = Plans(Full("country") with { LoadMethod = LoadMethod.Merge, FireTriggers = true }, RefreshAction.Full, identityInKey: true, update);
        LoadMethods.Resolve(merge);
        Assert.Equal(RefreshAction.Skip, merge[0].Action);
        Assert.Contains("INSTEAD OF UPDATE trigger trg_keep (fire_triggers: true) would run in their place", merge[0].Reason, StringComparison.Ordinal);

        // auto: merge is out, and the reload's DELETE (the table is referenced, so no TRUNCATE) would be replaced.
        var auto = Plans(Full("country") with { FireTriggers = true }, RefreshAction.Full, identityInKey: true, delete);
        LoadMethods.Resolve(auto);
        Assert.Equal(RefreshAction.Skip, auto[0].Action);
        Assert.Contains("an INSTEAD OF DELETE leaves the rows in place", auto[0].Reason, StringComparison.Ordinal);

        // An INSTEAD OF UPDATE does not stand in a reload's way (SqlBulkCopy fires no trigger), nor INSTEAD OF DELETE an append.
        var reload = Plans(Full("country") with { FireTriggers = true }, RefreshAction.Full, identityInKey: true, update);
        LoadMethods.Resolve(reload);
        Assert.Equal((RefreshAction.Full, LoadMethod.Reload), (reload[0].Action, reload[0].LoadMethod));
        var append = Plans(Incremental("country", "id") with { FireTriggers = true }, RefreshAction.Incremental, identityInKey: true, delete);
        LoadMethods.Resolve(append);
        Assert.Equal(RefreshAction.Incremental, append[0].Action);

        // fallback_to_full would empty it with DELETE: the incremental copy runs, the fallback is not offered.
        var fallback = Plans(Incremental("country", "id") with { FireTriggers = true, FallbackToFull = true }, RefreshAction.Incremental, identityInKey: true, delete);
        LoadMethods.Resolve(fallback);
        Assert.Equal(RefreshAction.Incremental, fallback[0].Action);
        Assert.Contains("INSTEAD OF DELETE trigger trg_soft_delete", fallback[0].FallbackBlockedBy, StringComparison.Ordinal);

        // A delete window is a DELETE.
        var window = Plans(Incremental("country", "id") with { FireTriggers = true }, RefreshAction.Incremental, identityInKey: true, delete, new RowFilter("id", FilterOperator.GreaterOrEqual, 5L, "int"));
        LoadMethods.Resolve(window);
        Assert.Equal(RefreshAction.Skip, window[0].Action);
    }
}
