using DataRefresh.Catalog;
using DataRefresh.Engines.SqlServer;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataRefresh.Tests.SqlServer;

/// <summary>
/// What the staging DDL reproduces of the target, read back from ScriptDom's syntax tree: the properties SWITCH compares
/// (ALTER TABLE … SWITCH requires the same columns with the same ROWGUIDCOL, XML schema collection, sparse and column
/// set, in-row text settings, ANSI_PADDING) and those simple_copy's result depends on (DEFAULTs, CHECK states).
/// </summary>
public sealed class SqlServerStagingSqlTests
{
    private static readonly QualifiedName Stage = new("sales", "_dr_stage_0123abcd_0");

    private static TSqlScript Parse(string sql)
    {
        var script = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.Empty(errors);
        return script;
    }

    private static CreateTableStatement Create(SqlServerLayout layout) =>
        Parse(SqlServerStagingSql.CreateTable(Stage, layout)).Batches.SelectMany(b => b.Statements).OfType<CreateTableStatement>().Single();

    private static ColumnDefinition ColumnOf(CreateTableStatement create, string name) =>
        create.Definition.ColumnDefinitions.Single(c => c.ColumnIdentifier.Value == name);

    [Fact]
    public void Staging_columns_keep_defaults_rowguidcol_typed_xml_sparse_the_column_set_and_identity_not_for_replication()
    {
        var create = Create(SqlServerScriptTests.EveryProperty(partitioned: false));

        Assert.Equal(
            ["OrderId", "order_date", "RowGuid", "Status", "Code", "Document", "Fragment", "Notes", "Legacy", "Color", "Size", "Attributes"],
            create.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
        Assert.True(ColumnOf(create, "OrderId").IdentityOptions.IsIdentityNotForReplication);
        Assert.True(ColumnOf(create, "RowGuid").IsRowGuidCol);
        Assert.Equal("_dr_stage_0123abcd_0_df2", ColumnOf(create, "RowGuid").DefaultConstraint.ConstraintIdentifier.Value);
        Assert.NotNull(ColumnOf(create, "order_date").DefaultConstraint);
        Assert.NotNull(ColumnOf(create, "Status").DefaultConstraint);
        Assert.NotNull(ColumnOf(create, "Notes").DefaultConstraint);
        Assert.Null(ColumnOf(create, "Code").DefaultConstraint);

        var document = Assert.IsType<XmlDataTypeReference>(ColumnOf(create, "Document").DataType);
        Assert.Equal((XmlDataTypeOption.Document, "dbo", "Order Schemas]"), (document.XmlDataTypeOption, document.XmlSchemaCollection.SchemaIdentifier.Value, document.XmlSchemaCollection.BaseIdentifier.Value));
        var fragment = Assert.IsType<XmlDataTypeReference>(ColumnOf(create, "Fragment").DataType);
        Assert.Equal(XmlDataTypeOption.Content, fragment.XmlDataTypeOption);

        Assert.Equal(SparseColumnOption.Sparse, ColumnOf(create, "Color").StorageOptions.SparseOption);
        Assert.Equal(SparseColumnOption.Sparse, ColumnOf(create, "Size").StorageOptions.SparseOption);
        Assert.Equal(SparseColumnOption.ColumnSetForAllSparseColumns, ColumnOf(create, "Attributes").StorageOptions.SparseOption);
    }

    [Fact]
    public void Staging_is_created_on_the_targets_filegroup_and_lob_filegroup_with_its_compression_and_padding()
    {
        var layout = SqlServerScriptTests.EveryProperty(partitioned: false);
        var sql = SqlServerStagingSql.CreateTable(Stage, layout);
        var statements = Parse(sql).Batches.SelectMany(b => b.Statements).ToList();

        Assert.Equal(3, statements.Count);
        Assert.Equal((SetOptions.AnsiPadding, false), (((PredicateSetStatement)statements[0]).Options, ((PredicateSetStatement)statements[0]).IsOn));
        Assert.Equal((SetOptions.AnsiPadding, true), (((PredicateSetStatement)statements[2]).Options, ((PredicateSetStatement)statements[2]).IsOn));
        var create = (CreateTableStatement)statements[1];
        Assert.Equal("Orders Data", create.OnFileGroupOrPartitionScheme.Name.Value);
        Assert.Equal("Orders LOB", create.TextImageOn.Value);
        var compression = Assert.IsType<TableDataCompressionOption>(Assert.Single(create.Options));
        Assert.Equal(DataCompressionLevel.Page, compression.DataCompressionOption.CompressionLevel);

        Assert.Equal(
            [
                "EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_0]', @OptionName = N'large value types out of row', @OptionValue = N'1'",
                "EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_0]', @OptionName = N'text in row', @OptionValue = N'256'",
            ],
            SqlServerStagingSql.TableOptions(Stage, layout));

        // A table whose columns all pad is created as before: no SET, no options.
        var plain = new SqlServerLayout([new SqlServerColumn("id", "int", null, false)], new SqlServerDataSpace("PRIMARY", false, null, null, false, []), [], [], []);
        Assert.Equal("CREATE TABLE [sales].[_dr_stage_0123abcd_0] ([id] int NOT NULL) ON [PRIMARY]", SqlServerStagingSql.CreateTable(Stage, plain));
        Assert.Empty(SqlServerStagingSql.TableOptions(Stage, plain));
    }

    [Fact]
    public void A_partitioned_target_gets_its_per_partition_compression_on_staging_and_each_index_and_no_TEXTIMAGE_ON()
    {
        var layout = SqlServerScriptTests.EveryProperty(partitioned: true);
        var create = Create(layout);

        Assert.Null(create.TextImageOn);
        Assert.Equal("ps_orders", create.OnFileGroupOrPartitionScheme.Name.Value);
        Assert.Equal(
            [(DataCompressionLevel.Page, "1, 3"), (DataCompressionLevel.Row, "2")],
            create.Options.OfType<TableDataCompressionOption>().Select(o => (o.DataCompressionOption.CompressionLevel, string.Join(", ", o.DataCompressionOption.PartitionRanges.Select(r => ((IntegerLiteral)r.From).Value)))));

        var before = Assert.Single(SqlServerStagingSql.BeforeLoad(Stage, layout));
        Assert.EndsWith("PRIMARY KEY CLUSTERED ([OrderId] ASC, [order_date] ASC) WITH (DATA_COMPRESSION = PAGE ON PARTITIONS (1, 3), DATA_COMPRESSION = ROW ON PARTITIONS (2)) ON [ps_orders]([order_date])", before, StringComparison.Ordinal);
        var after = SqlServerStagingSql.AfterLoad(Stage, layout).ToList();
        Assert.Contains("WITH (DATA_COMPRESSION = ROW ON PARTITIONS (2, 3)) ON [ps_orders]([order_date])", after[0], StringComparison.Ordinal);
        Assert.DoesNotContain("DATA_COMPRESSION", after[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], false, "")]
    [InlineData(new[] { "NONE", "NONE" }, true, "")]
    [InlineData(new[] { "ROW" }, false, "DATA_COMPRESSION = ROW")]
    [InlineData(new[] { "PAGE", "PAGE", "PAGE" }, true, "DATA_COMPRESSION = PAGE")]
    [InlineData(new[] { "NONE", "PAGE", "ROW", "PAGE" }, true, "DATA_COMPRESSION = PAGE ON PARTITIONS (2, 4), DATA_COMPRESSION = ROW ON PARTITIONS (3)")]
    public void Compression_is_written_per_partition_only_where_partitions_differ(string[] partitions, bool partitioned, string expected) =>
        Assert.Equal(expected, SqlServerStagingSql.Compression(partitions, partitioned));

    [Fact]
    public void A_compression_staging_cannot_rebuild_is_refused_not_written()
    {
        var error = Assert.Throws<ArgumentException>(() => SqlServerStagingSql.Compression(["COLUMNSTORE"], false));
        Assert.Contains("COLUMNSTORE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_constraints_are_checked_on_the_loaded_rows_and_left_trusted_untrusted_or_disabled_as_the_targets_are()
    {
        var statements = SqlServerStagingSql.AfterLoad(Stage, SqlServerScriptTests.EveryProperty(partitioned: false)).Skip(2).ToList();
        const string table = "ALTER TABLE [sales].[_dr_stage_0123abcd_0]";

        Assert.Equal(
            [
                $"{table} WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([OrderId]>(0))",
                $"{table} WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck1] CHECK (len([Status])>(0))",
                $"{table} NOCHECK CONSTRAINT [_dr_stage_0123abcd_0_ck1]",
                $"{table} WITH NOCHECK CHECK CONSTRAINT [_dr_stage_0123abcd_0_ck1]",
                $"{table} WITH NOCHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck2] CHECK ([Code]<>'')",
                $"{table} NOCHECK CONSTRAINT [_dr_stage_0123abcd_0_ck2]",
                $"{table} WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck3] CHECK NOT FOR REPLICATION ([order_date]>='2000-01-01')",
            ],
            statements);
        var notForReplication = (AlterTableAddTableElementStatement)Parse(statements[^1]).Batches[0].Statements[0];
        Assert.True(((CheckConstraintDefinition)notForReplication.Definition.TableConstraints[0]).NotForReplication);
    }

    [Fact]
    public void Statistics_are_updated_on_the_target_table_after_the_switch()
    {
        var statement = Assert.IsType<UpdateStatisticsStatement>(Parse(SqlServerStagingSql.UpdateStatistics(new QualifiedName("sales", "Orders"))).Batches[0].Statements[0]);
        Assert.Equal(("sales", "Orders"), (statement.SchemaObjectName.SchemaIdentifier.Value, statement.SchemaObjectName.BaseIdentifier.Value));
        Assert.Empty(statement.SubElements);
    }
}
