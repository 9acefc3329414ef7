using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Engines.SqlServer;
using DataRefresh.Planning;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Unit;

/// <summary>
/// The SQL Server copy's pure rules, from columns and plans made up in memory: collations (what SqlBulkCopy would
/// refuse or silently change), destination names SqlClient unquotes, one batch for self-referencing tables, and the
/// plan's words for external_references: defer.
/// </summary>
public sealed class SqlServerCopyRulesTests
{
    private const string Latin1 = "SQL_Latin1_General_CP1_CI_AS";
    private const string Latin1Cs = "SQL_Latin1_General_CP1_CS_AS";
    private const string French = "French_CI_AS";
    private const string Greek = "Greek_CI_AS";
    private const string Cp850 = "SQL_Latin1_General_CP850_CI_AS";
    private const string Utf8 = "Latin1_General_100_CI_AS_SC_UTF8";
    private const string FrenchUtf8 = "French_100_CI_AS_SC_UTF8";

    /// <summary>Code page and LCID as COLLATIONPROPERTY reports them.</summary>
    private static readonly Dictionary<string, (int CodePage, int Lcid)> Properties = new()
    {
        [Latin1] = (1252, 1033),
        [Latin1Cs] = (1252, 1033),
        [French] = (1252, 1036),
        [Greek] = (1253, 1032),
        [Cp850] = (850, 1033),
        [Utf8] = (65001, 1033),
        [FrenchUtf8] = (65001, 1036),
    };

    private static ColumnInfo Text(string type, string collation, string name = "title") => new()
    {
        Name = name,
        Ordinal = 1,
        DataType = type,
        Collation = collation,
        CodePage = Properties[collation].CodePage,
        Lcid = Properties[collation].Lcid,
    };

    [Theory]
    [InlineData("varchar(50)", Latin1, "varchar(50)", Latin1)]
    [InlineData("varchar(50)", Latin1, "varchar(50)", "sql_latin1_general_cp1_ci_as")]
    [InlineData("int", null, "int", null)]
    public void The_same_collation_or_none_needs_nothing(string sourceType, string? sourceCollation, string targetType, string? targetCollation)
    {
        var source = new ColumnInfo { Name = "c", Ordinal = 1, DataType = sourceType, Collation = sourceCollation };
        var target = new ColumnInfo { Name = "c", Ordinal = 1, DataType = targetType, Collation = targetCollation };

        var move = SqlServerTypes.Collation(source, target);

        Assert.Equal(CollationKind.Unchanged, move.Kind);
        Assert.Null(move.Note);
        Assert.Null(SqlServerTypes.Incompatibility(source, target));
    }

    [Theory]
    [InlineData("varchar(50)", Latin1, "varchar(50)", Latin1Cs)]
    [InlineData("nvarchar(50)", Latin1, "nvarchar(50)", Latin1Cs)]
    [InlineData("varchar(50)", Cp850, "nvarchar(50)", Latin1)]
    [InlineData("varchar(50)", Latin1, "varchar(200)", Utf8)]
    [InlineData("varchar(50)", Latin1, "varchar(max)", Utf8)]
    public void Same_locale_and_every_character_kept_loads_as_it_is_and_only_sorting_differs(string sourceType, string sourceCollation, string targetType, string targetCollation)
    {
        var move = SqlServerTypes.Collation(Text(sourceType, sourceCollation), Text(targetType, targetCollation));

        Assert.Equal(CollationKind.SortOnly, move.Kind);
        Assert.Null(move.Collate);
        Assert.StartsWith($"column title: source collation {sourceCollation}", move.Note, StringComparison.Ordinal);
        Assert.Null(SqlServerTypes.Incompatibility(Text(sourceType, sourceCollation), Text(targetType, targetCollation)));
    }

    [Theory]
    [InlineData("varchar(50)", Latin1, "varchar(50)", French)]
    [InlineData("nvarchar(50)", Latin1, "nvarchar(50)", Greek)]
    [InlineData("varchar(50)", Utf8, "varchar(50)", FrenchUtf8)]
    public void Another_locale_with_the_same_characters_is_relabelled_in_the_source_select(string sourceType, string sourceCollation, string targetType, string targetCollation)
    {
        var move = SqlServerTypes.Collation(Text(sourceType, sourceCollation), Text(targetType, targetCollation));

        Assert.Equal((CollationKind.Relabel, targetCollation, null), (move.Kind, move.Collate, move.AsType));
        Assert.Contains($"read with COLLATE {targetCollation}", move.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("varchar(50)", Greek, "nvarchar(50)", Latin1, "nvarchar(50)")]
    [InlineData("varchar(max)", Greek, "nvarchar(max)", Latin1, "nvarchar(max)")]
    [InlineData("char(10)", Greek, "nchar(10)", Latin1, "nvarchar(10)")]
    [InlineData("varchar(50)", Latin1, "varchar(150)", FrenchUtf8, "nvarchar(50)")]
    [InlineData("varchar(6000)", Greek, "nvarchar(max)", Latin1, "nvarchar(max)")]
    public void Another_locale_into_a_target_that_holds_every_character_is_read_through_nvarchar(string sourceType, string sourceCollation, string targetType, string targetCollation, string asType)
    {
        var move = SqlServerTypes.Collation(Text(sourceType, sourceCollation), Text(targetType, targetCollation));

        Assert.Equal((CollationKind.ViaUnicode, targetCollation, asType), (move.Kind, move.Collate, move.AsType));
        Assert.Contains("lossless", move.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("varchar(50)", Greek, "varchar(50)", Latin1, "code page 1252 lacks would be stored as '?'")]
    [InlineData("varchar(50)", Cp850, "varchar(50)", Latin1, "code page 1252 lacks would be stored as '?'")]
    [InlineData("varchar(50)", Utf8, "varchar(200)", Latin1, "code page 1252 lacks would be stored as '?'")]
    [InlineData("varchar(50)", Latin1, "varchar(50)", Utf8, "may not fit varchar(50); make the target column varchar(150) or nvarchar")]
    [InlineData("varchar(50)", Latin1, "varchar(149)", FrenchUtf8, "may not fit varchar(149)")]
    [InlineData("varchar(3000)", Latin1, "varchar(8000)", Utf8, "make the target column varchar(max) or nvarchar")]
    public void A_change_that_could_lose_characters_or_overflow_blocks_naming_the_column_and_both_collations(string sourceType, string sourceCollation, string targetType, string targetCollation, string why)
    {
        var problem = SqlServerTypes.Incompatibility(Text(sourceType, sourceCollation), Text(targetType, targetCollation));

        Assert.NotNull(problem);
        Assert.StartsWith($"column title: source collation {sourceCollation} (", problem, StringComparison.Ordinal);
        Assert.Contains($"target collation {targetCollation} (", problem, StringComparison.Ordinal);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_problem_is_reported_before_any_collation_problem()
    {
        var problem = SqlServerTypes.Incompatibility(Text("nvarchar(50)", Latin1), Text("varchar(50)", Greek));

        Assert.Equal("column title: source type nvarchar(50) does not load into target type varchar(50) without loss", problem);
    }

    [Fact]
    public void The_source_select_reads_a_converted_column_under_its_own_name()
    {
        var reads = new Dictionary<string, ColumnRead> { ["title"] = new(Latin1), ["[note]"] = new(Utf8, "nvarchar(50)") };

        var sql = SqlServerSql.Select(new QualifiedName("dbo", "books"), ["id", "title", "[note]"], null, null, ["id"], null, reads);

        Assert.Equal($"SELECT [id], [title] COLLATE {Latin1} AS [title], CAST([[note]]] AS nvarchar(50)) COLLATE {Utf8} AS [[note]]] FROM [dbo].[books] ORDER BY [id]", sql);
    }

    [Theory]
    [InlineData("Latin1_General_CI_AS; DROP TABLE x")]
    [InlineData("[Latin1_General_CI_AS]")]
    [InlineData("")]
    public void A_collation_name_that_is_not_a_bare_word_is_refused(string collation) =>
        Assert.Throws<ArgumentException>(() => SqlServerSql.Read("c", new ColumnRead(collation)));

    [Fact]
    public void Only_nvarchar_casts_are_made() =>
        Assert.Throws<ArgumentException>(() => SqlServerSql.Read("c", new ColumnRead(Latin1, "int); DROP TABLE x; --")));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("[weird]", "[[weird]]")]
    [InlineData("[open", "[[open]")]
    [InlineData("[a]]b]", "[[a]]b]]")]
    [InlineData("close]", "close]")]
    public void A_destination_name_starting_with_a_bracket_survives_SqlClient_stripping_its_first_and_last_character(string column, string mapped)
    {
        Assert.Equal(mapped, SqlServerEngine.Destination(column));

        // What SqlBulkCopy does to a mapped destination name before comparing it with the table's column names.
        var unquoted = mapped[0] == '[' ? mapped[1..^1] : mapped;
        Assert.Equal(column, unquoted);
    }

    [Fact]
    public void Only_a_table_with_a_key_to_itself_loads_in_one_batch()
    {
        var employees = new QualifiedName("dbo", "employees");
        var departments = new QualifiedName("dbo", "departments");
        var manager = new ForeignKeyInfo("fk_manager", employees, ["manager_id"], employees, ["id"], true);
        var department = new ForeignKeyInfo("fk_department", employees, ["department_id"], departments, ["id"], true);
        TableSchema Employees(params ForeignKeyInfo[] keys) => new() { Name = employees, Columns = [], References = keys };

        Assert.True(SqlServerEngine.OneBatch(Employees(department, manager)));
        Assert.False(SqlServerEngine.OneBatch(Employees(department)));
        Assert.True(SqlServerEngine.OneBatch(Employees(manager with { IsDisabled = true })));

        // The staging copy loads a table of another name, which has no foreign keys.
        Assert.False(SqlServerEngine.OneBatch(Employees(manager) with { Name = new QualifiedName("dbo", "_dr_stage_0123abcd_0") }));
    }

    private static QualifiedName Dbo(string table) => new("dbo", table);

    private static List<RefreshPlan> Drafts(IReadOnlyList<ForeignKeyInfo> keys, params (TableConfig Table, RefreshAction Action)[] tables)
    {
        var config = new RefreshConfig
        {
            Files = ["(test)"],
            Source = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.SqlServer, Server = "prod", Database = "shop", Auth = AuthType.Windows },
            Target = new DatabaseConfig { Side = DatabaseSide.Target, Engine = EngineKind.SqlServer, Server = "uat", Database = "shop", Auth = AuthType.Windows },
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
                Name = Dbo(t.Table.Name),
                Columns = [],
                References = keys.Where(k => k.From == Dbo(t.Table.Name)).ToList(),
                ReferencedBy = keys.Where(k => k.To == Dbo(t.Table.Name)).ToList(),
            },
            ReferencingRows = new Dictionary<QualifiedName, long> { [Dbo("orders")] = 1234567, [Dbo("returns")] = 10, [Dbo("notes")] = 5 },
        }).ToList();
    }

    [Fact]
    public void Defer_on_SQL_Server_warns_of_the_schema_lock_and_the_recheck_scan_and_says_what_happens_to_disabled_and_untrusted_keys()
    {
        // orders and returns (incremental, not emptied) reference customers, reloaded with defer; notes' key is disabled in UAT.
        ForeignKeyInfo Key(string child, bool disabled = false, bool untrusted = false) =>
            new($"fk_{child}_customers", Dbo(child), ["customer_id"], Dbo("customers"), ["id"], true) { IsDisabled = disabled, IsNotTrusted = untrusted };
        var drafts = Drafts(
            [Key("orders"), Key("returns", untrusted: true), Key("notes", disabled: true)],
            (Full("customers") with { ExternalReferences = ExternalReferences.Defer, LoadMethod = LoadMethod.Reload }, RefreshAction.Full),
            (Incremental("orders", "id"), RefreshAction.Incremental),
            (Incremental("returns", "id"), RefreshAction.Incremental),
            (Incremental("notes", "id"), RefreshAction.Incremental));

        var warnings = DependencyOrder.Arrange(drafts, EngineRegistry.For(EngineKind.SqlServer)).Single(p => p.Table == "customers").Warnings;

        Assert.Contains(
            "external_references: defer disables foreign key fk_orders_customers (ALTER TABLE dbo.orders NOCHECK CONSTRAINT), which holds a schema-modification lock on dbo.orders until commit: every query on dbo.orders, even WITH (NOLOCK), waits for the whole refresh; before commit WITH CHECK CHECK CONSTRAINT re-reads all of dbo.orders (about 1,234,567 rows) against dbo.customers to trust the key again, and fails the unit if a row lost its parent",
            warnings);
        Assert.Contains(warnings, w => w.StartsWith("external_references: defer disables foreign key fk_returns_customers", StringComparison.Ordinal)
            && w.EndsWith("re-enabled as it was (WITH NOCHECK CHECK CONSTRAINT: no scan, still untrusted), and rows of dbo.returns whose parent row the refresh removed are not detected", StringComparison.Ordinal));
        Assert.Contains("external_references: defer: foreign key fk_notes_customers on dbo.notes is disabled in the target and stays disabled (nothing checks it, before or after the refresh)", warnings);
    }

    [Fact]
    public void Defer_warns_of_nothing_for_keys_from_tables_emptied_in_the_same_unit_nor_on_other_engines()
    {
        var key = new ForeignKeyInfo("fk_orders_customers", Dbo("orders"), ["customer_id"], Dbo("customers"), ["id"], true);
        var drafts = Drafts(
            [key],
            (Full("customers") with { ExternalReferences = ExternalReferences.Defer, LoadMethod = LoadMethod.Reload }, RefreshAction.Full),
            (Full("orders") with { LoadMethod = LoadMethod.Reload }, RefreshAction.Full));

        var plans = DependencyOrder.Arrange(drafts, EngineRegistry.For(EngineKind.SqlServer));

        Assert.DoesNotContain(plans.SelectMany(p => p.Warnings), w => w.Contains("NOCHECK", StringComparison.Ordinal));
        Assert.Empty(ExternalReferenceRules.DeferCosts(drafts[0], new HashSet<QualifiedName>(), EngineKind.PostgreSql));
    }
}
