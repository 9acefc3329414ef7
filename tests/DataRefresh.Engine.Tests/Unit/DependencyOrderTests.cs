using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Planning;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Unit;

/// <summary>Run order and units from catalogs made up in memory: the pure ordering rules, no database.</summary>
public sealed class DependencyOrderTests
{
    private static readonly IDatabaseEngine Engine = EngineRegistry.For(EngineKind.Sqlite);

    private static QualifiedName Name(string table) => new("main", table);

    private static ForeignKeyInfo Key(string child, string parent) => new($"fk_{child}_{parent}", Name(child), [$"{parent}_id"], Name(parent), ["id"], Deferrable: true);

    /// <summary>Drafts as the planner makes them, with each table's References and ReferencedBy taken from one list of keys.</summary>
    private static List<RefreshPlan> Drafts(IReadOnlyList<ForeignKeyInfo> keys, params (TableConfig Table, RefreshAction Action)[] tables)
    {
        var config = new RefreshConfig
        {
            Files = ["(test)"],
            Source = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.Sqlite, Database = "production.db", Auth = AuthType.None },
            Target = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.Sqlite, Database = "uat.db", Auth = AuthType.None },
            Tables = tables.Select(t => t.Table).ToList(),
            Settings = new RefreshSettings(),
        };
        return tables.Select(t => new RefreshPlan
        {
            Table = t.Table.Name,
            Strategy = t.Table.Strategy,
            SyncMode = t.Table.SyncMode,
            Action = t.Action,
            Reason = t.Action.ToString(),
            Config = config,
            TableConfig = t.Table,
            TargetSchema = new TableSchema
            {
                Name = Name(t.Table.Name),
                Columns = [],
                References = keys.Where(k => k.From == Name(t.Table.Name)).ToList(),
                ReferencedBy = keys.Where(k => k.To == Name(t.Table.Name)).ToList(),
            },
        }).ToList();
    }

    [Fact]
    public void A_unit_comes_after_every_unit_it_depends_on_whatever_the_config_order()
    {
        // customer (incremental) <- invoice <- invoice_line, currency <- invoice; listed children first.
        var keys = new[] { Key("invoice", "customer"), Key("invoice", "currency"), Key("invoice_line", "invoice") };
        var drafts = Drafts(
            keys,
            (Full("invoice_line"), RefreshAction.Full),
            (Full("invoice"), RefreshAction.Full),
            (Full("currency"), RefreshAction.Full),
            (Incremental("customer", "id"), RefreshAction.Incremental));

        var plans = DependencyOrder.Arrange(drafts, Engine);

        Assert.Equal(["customer", "currency", "invoice", "invoice_line"], plans.Select(p => p.Table));
        Assert.Equal([1, 2, 3, 4], plans.Select(p => p.Order));
        Assert.Equal([1, 2, 2, 2], plans.Select(p => p.Unit));
    }

    [Fact]
    public void Units_that_depend_on_each_other_through_an_incremental_table_become_one_unit()
    {
        // region <- store (incremental) <- sale, and sale -> region: region and sale are emptied together, but
        // sale also needs store's new rows, which need region's: one transaction is the only order that works.
        var keys = new[] { Key("store", "region"), Key("sale", "store"), Key("sale", "region") };
        var drafts = Drafts(
            keys,
            (Full("sale"), RefreshAction.Full),
            (Incremental("store", "id") with { ExternalReferences = ExternalReferences.Defer }, RefreshAction.Incremental),
            (Full("region") with { ExternalReferences = ExternalReferences.Defer }, RefreshAction.Full));

        var plans = DependencyOrder.Arrange(drafts, Engine);

        Assert.All(plans, p => Assert.False(p.IsBlocked, p.Reason));
        Assert.Equal(["region", "store", "sale"], plans.Select(p => p.Table));
        Assert.Single(plans.Select(p => p.Unit).Distinct());
    }

    [Fact]
    public void Independent_units_keep_the_config_order()
    {
        var drafts = Drafts([], (Full("b"), RefreshAction.Full), (Full("a"), RefreshAction.Full), (Full("c"), RefreshAction.Full));

        var plans = DependencyOrder.Arrange(drafts, Engine);

        Assert.Equal(["b", "a", "c"], plans.Select(p => p.Table));
        Assert.Equal([1, 2, 3], plans.Select(p => p.Unit));
    }

    [Fact]
    public void Where_parallel_units_cannot_share_a_snapshot_a_child_in_another_unit_says_when_it_reads_production()
    {
        // film <- rental, both incremental: two units. SQL Server sessions cannot share one snapshot.
        var keys = new[] { Key("rental", "film") };
        var drafts = Drafts(keys, (Incremental("film", "id"), RefreshAction.Incremental), (Incremental("rental", "id"), RefreshAction.Incremental));

        var sqlServer = DependencyOrder.Arrange(drafts, EngineRegistry.For(EngineKind.SqlServer));
        var postgres = DependencyOrder.Arrange(drafts, EngineRegistry.For(EngineKind.PostgreSql));
        var sqlite = DependencyOrder.Arrange(drafts, Engine);

        Assert.NotEqual(sqlServer.Single("film").Unit, sqlServer.Single("rental").Unit);
        var note = Assert.Single(sqlServer.Single("rental").Warnings, w => w.StartsWith("source reads:", StringComparison.Ordinal));
        Assert.Contains("film (which this table references) run in another unit", note, StringComparison.Ordinal);
        Assert.Contains("-ThrottleLimit > 1 each unit reads production at its own moment", note, StringComparison.Ordinal);
        Assert.DoesNotContain(sqlServer.Single("film").Warnings, w => w.StartsWith("source reads:", StringComparison.Ordinal));

        // PostgreSQL exports one snapshot to every unit; SQLite runs units one at a time through one session.
        Assert.DoesNotContain(postgres.SelectMany(p => p.Warnings), w => w.StartsWith("source reads:", StringComparison.Ordinal));
        Assert.DoesNotContain(sqlite.SelectMany(p => p.Warnings), w => w.StartsWith("source reads:", StringComparison.Ordinal));
    }
}
