using DataRefresh.Catalog;
using DataRefresh.Engines.SqlServer;
using DataRefresh.Planning;

namespace DataRefresh.Tests.Unit;

/// <summary>The one TRUNCATE-or-DELETE decision that both the plan's warning and the runner take.</summary>
public sealed class TruncateRulesTests
{
    private static readonly QualifiedName Orders = new("dbo", "orders");

    private static TableSchema Table(string? obstacle = null, bool temporal = false, params ForeignKeyInfo[] referencedBy) => new()
    {
        Name = Orders,
        Columns = [new ColumnInfo { Name = "id", Ordinal = 1, DataType = "int" }],
        ReferencedBy = referencedBy,
        IsSystemVersioned = temporal,
        TruncateObstacle = obstacle,
    };

    private static ForeignKeyInfo From(QualifiedName child) => new("fk_" + child.Name, child, ["order_id"], Orders, ["id"], Deferrable: true);

    [Fact]
    public void A_table_with_nothing_in_the_way_is_truncated_when_truncate_target_asks()
    {
        Assert.Null(TruncateRules.Obstacle(Table(), canTruncateReferencedTable: false));
        Assert.True(TruncateRules.CanTruncate(true, Table(), canTruncateReferencedTable: false));
        Assert.False(TruncateRules.CanTruncate(false, Table(), canTruncateReferencedTable: false));
    }

    [Fact]
    public void A_key_from_another_table_means_DELETE_unless_the_engine_can_truncate_a_referenced_table()
    {
        var table = Table(referencedBy: From(new QualifiedName("dbo", "order_lines")));

        Assert.Equal("other tables reference this one", TruncateRules.Obstacle(table, canTruncateReferencedTable: false));
        Assert.False(TruncateRules.CanTruncate(true, table, canTruncateReferencedTable: false));
        Assert.True(TruncateRules.CanTruncate(true, table, canTruncateReferencedTable: true));
    }

    [Fact]
    public void A_key_from_the_table_to_itself_does_not_stop_TRUNCATE()
    {
        var table = Table(referencedBy: From(Orders));

        Assert.Null(TruncateRules.Obstacle(table, canTruncateReferencedTable: false));
        Assert.True(TruncateRules.CanTruncate(true, table, canTruncateReferencedTable: false));
    }

    [Fact]
    public void The_engines_obstacle_and_system_versioning_are_each_a_reason_for_DELETE_and_all_are_named()
    {
        var table = Table("indexed view dbo.v_orders is built on the table", temporal: true, From(new QualifiedName("dbo", "order_lines")));

        Assert.Equal("other tables reference this one; the table is system-versioned (temporal); indexed view dbo.v_orders is built on the table", TruncateRules.Obstacle(table, canTruncateReferencedTable: false));
        Assert.False(TruncateRules.CanTruncate(true, table, canTruncateReferencedTable: true));
        Assert.Equal("the table is system-versioned (temporal)", TruncateRules.Obstacle(Table(temporal: true), canTruncateReferencedTable: true));
    }

    [Fact]
    public void The_plan_warning_names_the_reason_and_keeps_the_prefix_a_merge_drops()
    {
        var warning = TruncateRules.Warning("the table is enabled for change data capture");

        Assert.Equal("truncate_target: the table is enabled for change data capture, so it is emptied with DELETE instead of TRUNCATE", warning);
        Assert.StartsWith(Planner.TruncateWarning, warning, StringComparison.Ordinal);
        Assert.Equal("truncate_target: other tables reference this one, so it is emptied with DELETE instead of TRUNCATE", TruncateRules.Warning("other tables reference this one"));
    }

    [Fact]
    public void SQL_Server_names_every_fact_that_makes_it_refuse_TRUNCATE()
    {
        Assert.Null(SqlServerSql.TruncateObstacle(null, false, false, false, null));
        Assert.Equal("indexed view sales.v_totals is built on the table", SqlServerSql.TruncateObstacle("sales.v_totals", false, false, false, null));
        Assert.Equal("the table is enabled for change data capture", SqlServerSql.TruncateObstacle(null, true, false, false, null));
        Assert.Equal("the table is published for replication", SqlServerSql.TruncateObstacle(null, false, true, false, null));
        Assert.StartsWith("the table is memory-optimized (DELETE in the refresh transaction needs the database option MEMORY_OPTIMIZED_ELEVATE_TO_SNAPSHOT = ON)", SqlServerSql.TruncateObstacle(null, false, false, true, null), StringComparison.Ordinal);
        Assert.Equal("edge constraint graph.ec_likes references the table", SqlServerSql.TruncateObstacle(null, false, false, false, "graph.ec_likes"));
        Assert.Equal(
            "indexed view dbo.v is built on the table; the table is enabled for change data capture; the table is published for replication",
            SqlServerSql.TruncateObstacle("dbo.v", true, true, false, null));
    }
}
