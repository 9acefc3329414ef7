using System.Runtime.CompilerServices;
using System.Text;
using DataRefresh.Catalog;
using DataRefresh.Engines;
using DataRefresh.Engines.SqlServer;
using DataRefresh.History;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataRefresh.Tests.SqlServer;

/// <summary>
/// Every statement the SQL Server dialect can emit, for a matrix of table shapes, parsed by Microsoft's T-SQL
/// parser (TSql160Parser): zero parse errors. The statements are also written to an approved-output file so a
/// change to the generated SQL shows up in review as a diff.
/// </summary>
public sealed class SqlServerScriptTests
{
    private static readonly string Long128 = "L" + new string('x', 126) + "Z";

    /// <summary>Table shapes: the names are the hard part, so the matrix is mostly names.</summary>
    public static IEnumerable<(string Shape, QualifiedName Table, string[] Columns, string[] Key)> Shapes()
    {
        yield return ("heap", new("dbo", "Events"), ["EventId", "Payload"], []);
        yield return ("clustered primary key", new("dbo", "Users"), ["UserId", "Name", "Email"], ["UserId"]);
        yield return ("identity", new("sales", "Orders"), ["order_id", "amount", "placed_at"], ["order_id"]);
        yield return ("computed and rowversion", new("dbo", "Invoices"), ["InvoiceId", "Net", "Tax"], ["InvoiceId"]);
        yield return ("temporal", new("hr", "Employees"), ["EmployeeId", "Salary"], ["EmployeeId"]);
        yield return ("partitioned", new("rpt", "DailyReports"), ["report_date", "region", "revenue"], ["report_date", "region"]);
        yield return ("close bracket", new("dbo", "Weird]Name"), ["col]umn", "x"], ["col]umn"]);
        yield return ("open bracket", new("dbo", "[Bracketed"), ["[a", "b["], ["[a"]);
        yield return ("quote", new("O'Brien", "It's"), ["Customer's Name", "id"], ["id"]);
        yield return ("semicolon", new("dbo", "a;DROP TABLE x;--"), ["c;d", "--e"], ["c;d"]);
        yield return ("spaces", new("sales", "Order Lines"), ["Line No", "Unit Price"], ["Line No"]);
        yield return ("unicode", new("données", "Überstunden 日本"), ["名前", "ñandú", "emoji😀"], ["名前"]);
        yield return ("reserved words", new("select", "table"), ["from", "where", "order", "group"], ["from"]);
        yield return ("128 characters", new(Long128, Long128), [Long128, "id"], [Long128]);
        yield return ("next value for default", new("billing", "Invoices"), ["InvoiceNo", "Amount"], ["InvoiceNo"]);
        yield return ("shared sequence", new("dbo", "Documents"), ["DocumentNo", "Title"], ["DocumentNo"]);
    }

    /// <summary>The sequence a shape's first column draws from, and every column that does (two tables for a shared one).</summary>
    private static (QualifiedName Sequence, SequenceUser[] Users) SequenceOf(string shape, QualifiedName table, string column) => shape switch
    {
        "next value for default" => (new("billing", "Invoice Numbers"), [new(table, column)]),
        "shared sequence" => (new("dbo", "Document No"), [new(new("archive", "Documents"), "DocumentNo"), new(table, column)]),
        _ => (new(table.Schema, (table.Name + " seq")[..Math.Min(SqlServerSql.MaxIdentifierLength, table.Name.Length + 4)]), [new(table, column)]),
    };

    private static IEnumerable<(string Label, string Sql)> Statements()
    {
        yield return ("identify", SqlServerSql.Identify);
        yield return ("snapshot allowed", SqlServerSql.SnapshotAllowed);
        yield return ("catalog tables", SqlServerSql.CatalogTables);
        yield return ("columns", SqlServerSql.Columns);
        yield return ("table facts", SqlServerSql.TableFacts);
        yield return ("key columns", SqlServerSql.KeyColumns);
        yield return ("foreign keys", SqlServerSql.ForeignKeys);
        yield return ("get applock", SqlServerSql.GetAppLock);
        yield return ("applock holder", SqlServerSql.AppLockHolder);
        yield return ("applock free", SqlServerSql.AppLockFree);
        yield return ("can write", SqlServerSql.CanWrite);
        yield return ("default schema", SqlServerSql.DefaultSchema);
        yield return ("login", SqlServerSql.Login);
        yield return ("partition rows", SqlServerSql.PartitionRows);
        yield return ("partition rows of three tables", SqlServerSql.PartitionRowsOf(3));
        yield return ("sequence users", SqlServerSequenceSql.SequenceUsers);
        yield return ("history: run alive", SqlServerHistory.RunAliveSql);
        yield return ("merge: enabled triggers", SqlServerMergeSql.EnabledTriggers);
        yield return ("foreign key state", SqlServerSql.KeyState);
        yield return ("indexes to disable", SqlServerSql.IndexesToDisable);
        yield return ("merge: instead of triggers", SqlServerMergeSql.InsteadOfTriggers);
        yield return ("merge: drop staging", SqlServerMergeSql.DropStaging("#datarefresh_merge_0123456789ab"));

        var history = new SqlServerHistory();
        yield return ("history: index exists", history.IndexExists(new QualifiedName("dbo", "datarefresh_history")));
        foreach (var statement in ComparisonStatements())
        {
            yield return statement;
        }

        foreach (var (shape, table, columns, key) in Shapes())
        {
            var first = columns[0];
            var greater = new RowFilter(first, FilterOperator.Greater, 42L, "bigint");
            var window = new RowFilter(first, FilterOperator.GreaterOrEqual, new DateTime(2024, 1, 1), "datetime2(7)");
            yield return ($"{shape}: max", SqlServerSql.Max(table, first));
            yield return ($"{shape}: has rows", SqlServerSql.HasRows(table));
            yield return ($"{shape}: count", SqlServerSql.Count(table, null));
            yield return ($"{shape}: count filtered", SqlServerSql.Count(table, greater));
            yield return ($"{shape}: select all", SqlServerSql.Select(table, columns, null, null, []));
            yield return ($"{shape}: select clustered order", SqlServerSql.Select(table, columns, null, null, key));
            yield return ($"{shape}: select incremental", SqlServerSql.Select(table, columns, greater, null, []));
            yield return ($"{shape}: select window capped", SqlServerSql.Select(table, columns, window, 100, [first]));
            var reads = new Dictionary<string, ColumnRead> { [columns[^1]] = new("French_CI_AS"), [first] = new("Latin1_General_100_CI_AS_SC_UTF8", "nvarchar(50)") };
            yield return ($"{shape}: select in the target's collations", SqlServerSql.Select(table, columns, greater, null, key, null, reads));
            yield return ($"{shape}: select max column through nvarchar(max)", SqlServerSql.Select(table, columns, null, 10, [first], null, new Dictionary<string, ColumnRead> { [first] = new("Greek_CI_AS", "nvarchar(max)") }));
            yield return ($"{shape}: preview first page", SqlServerSql.PreviewPage(table, columns, key, after: false));
            yield return ($"{shape}: preview next page", SqlServerSql.PreviewPage(table, columns, key, after: true));
            yield return ($"{shape}: truncate", SqlServerSql.Truncate(table));
            yield return ($"{shape}: disable index", SqlServerSql.DisableIndex(table, "ix " + columns[0][..Math.Min(columns[0].Length, 100)]));
            yield return ($"{shape}: rebuild index", SqlServerSql.RebuildIndex(table, "ix " + columns[0][..Math.Min(columns[0].Length, 100)]));
            yield return ($"{shape}: count locked", SqlServerSql.CountLocked(table));
            yield return ($"{shape}: delete all", SqlServerSql.DeleteAll(table));
            yield return ($"{shape}: delete window", SqlServerSql.Delete(table, window));
            yield return ($"{shape}: truncate keeping identity", SqlServerSequenceSql.TruncateKeepingIdentity(table));
            yield return ($"{shape}: advance identity", SqlServerSequenceSql.AdvanceIdentity(table, first));
            var (sequence, users) = SequenceOf(shape, table, first);
            yield return ($"{shape}: advance sequence", SqlServerSequenceSql.AdvanceSequence(sequence, users));
            yield return ($"{shape}: reseed, as sp_executesql runs it", SqlServerSequenceSql.ReseedStart(table) + "-9223372036854775808" + SqlServerSequenceSql.ReseedEnd);
            yield return ($"{shape}: restart sequence, as sp_executesql runs it", SqlServerSequenceSql.RestartStart(sequence) + "12345678901234567890123456789012345678");
            var fkName = $"FK_{table.Name}_{first}";
            var fk = new ForeignKeyInfo(fkName[..Math.Min(SqlServerSql.MaxIdentifierLength, fkName.Length)], table, [first], new QualifiedName(table.Schema, "Parent"), ["id"], true);
            yield return ($"{shape}: nocheck", SqlServerSql.NoCheck(fk));
            yield return ($"{shape}: recheck", SqlServerSql.Recheck(fk));
            yield return ($"{shape}: re-enable untrusted", SqlServerSql.Reenable(fk));
            var staging = "#datarefresh_merge_0123456789ab";
            var mergeKey = key.Length > 0 ? key : [first];
            string[] types = ["nvarchar(200)", "xml", "decimal(12,2)", "varchar(max)", "datetimeoffset(7)", "sql_variant", "varbinary(16)", "geography", "ntext", "text"];
            var values = columns.Where(c => !mergeKey.Contains(c)).Select((c, i) => (c, types[(i + shape.Length) % types.Length])).ToList();
            yield return ($"{shape}: merge staging", SqlServerMergeSql.CreateStaging(table, staging, columns));
            yield return ($"{shape}: merge blocking rows", SqlServerMergeSql.CountBlocking(fk with { To = table, ToColumns = [mergeKey[0]] }, table, staging, mergeKey));
            yield return ($"{shape}: merge delete", SqlServerMergeSql.DeleteMissing(table, staging, mergeKey));
            if (SqlServerMergeSql.UpdateChanged(table, staging, mergeKey, values) is { } update)
            {
                yield return ($"{shape}: merge update", update);
            }

            yield return ($"{shape}: merge insert", SqlServerMergeSql.InsertNew(table, staging, mergeKey, columns, identityInsert: false));
            yield return ($"{shape}: merge insert keeping identity", SqlServerMergeSql.InsertNew(table, staging, mergeKey, columns, identityInsert: true));
            yield return ($"{shape}: disable trigger", SqlServerMergeSql.DisableTrigger(table, "trg_" + shape.Replace(' ', '_')));
            yield return ($"{shape}: enable trigger", SqlServerMergeSql.EnableTrigger(table, "trg_" + shape.Replace(' ', '_')));
            yield return ($"{shape}: history create", HistorySql.CreateTable(history, table));
            yield return ($"{shape}: history insert", HistorySql.Insert(history, table, added: true));
            yield return ($"{shape}: history finish", HistorySql.Finish(history, table, added: true));
            yield return ($"{shape}: history insert, table from an earlier version", HistorySql.Insert(history, table, added: false));
            yield return ($"{shape}: history finish, table from an earlier version", HistorySql.Finish(history, table, added: false));
            yield return ($"{shape}: history add column", HistorySql.AddColumn(history, table, "rows_updated"));
            yield return ($"{shape}: history abandon", HistorySql.Abandon(history, table));
            yield return ($"{shape}: history select", HistorySql.Select(history, table, ["status = @status", "started_at >= @since", "lower(table_name) IN (@t0, @t1)"], added: true));
            yield return ($"{shape}: history select, table from an earlier version", HistorySql.Select(history, table, ["status = @status"], added: false));
            yield return ($"{shape}: history select newest", HistorySql.Select(history, table, ["status = @status", "lower(table_name) IN (@t0)"], added: true, limited: true));
            yield return ($"{shape}: history last per table", HistorySql.LastPerTable(history, table, 2, added: true));
            foreach (var (name, keys) in HistorySql.Indexes(table, history))
            {
                yield return ($"{shape}: history index {name}", HistorySql.CreateIndex(history, table, name, keys));
            }
        }
    }

    /// <summary>
    /// Compare-TableState's statements for a representative table (a composite key of an nvarchar and an int column,
    /// one column of each canonical form), and for each name shape with a key (its first column the key).
    /// </summary>
    private static IEnumerable<(string Label, string Sql)> ComparisonStatements()
    {
        yield return ("compare: estimate", SqlServerComparison.Estimate);
        (string Name, string Type)[] types =
        [
            ("region", "nvarchar(50)"), ("id", "int"), ("c_bigint", "bigint"), ("c_decimal", "decimal(12,2)"), ("c_nvarchar", "nvarchar(50)"),
            ("c_varchar_max", "varchar(max)"), ("c_datetime2", "datetime2(7)"), ("c_dto", "datetimeoffset(7)"), ("c_float", "float"),
            ("c_varbinary", "varbinary(16)"), ("c_guid", "uniqueidentifier"), ("c_bit", "bit"), ("c_date", "date"), ("c_time", "time(7)"),
        ];
        var columns = types.Select((t, i) => new ColumnInfo { Name = t.Name, Ordinal = i + 1, DataType = t.Type, IsNullable = i > 1 }).ToList();
        var table = new TableSchema { Name = new QualifiedName("sales", "Order Facts"), Columns = columns, PrimaryKey = ["region", "id"] };
        var shape = new Comparison.CompareShape(table, columns[..2], columns, 30);
        foreach (var (label, sql) in Compare("compare: representative table", shape, [["north", 17], ["south", 3]]))
        {
            yield return (label, sql);
        }

        yield return ("compare: representative table count", SqlServerComparison.CountAll(table.Name));
        foreach (var (name, table2, names, key) in Shapes().Where(s => s.Key.Length > 0))
        {
            var cols = names.Select((n, i) => new ColumnInfo { Name = n, Ordinal = i + 1, DataType = key.Contains(n) ? (i == 0 ? "varchar(20)" : "int") : "nvarchar(max)" }).ToList();
            var keyColumns = key.Select(k => cols.Single(c => c.Name == k)).ToList();
            var s = new Comparison.CompareShape(new TableSchema { Name = table2, Columns = cols, PrimaryKey = key }, keyColumns, cols, 30);
            object?[] first = [.. keyColumns.Select(c => c.DataType == "int" ? (object)5 : "m")];
            foreach (var statement in Compare($"{name}: compare", s, [first]))
            {
                yield return statement;
            }
        }
    }

    private static IEnumerable<(string Label, string Sql)> Compare(string label, Comparison.CompareShape shape, IReadOnlyList<object?[]> bounds)
    {
        var range = new Comparison.KeyRange(bounds[0], bounds[^1]);
        yield return ($"{label}: bounds", SqlServerComparison.Bounds(shape, Comparison.KeyRange.All, 1000).Sql);
        yield return ($"{label}: bounds in a range", SqlServerComparison.Bounds(shape, range, 16).Sql);
        yield return ($"{label}: sums, whole table", SqlServerComparison.Sums(shape, Comparison.KeyRange.All, []).Sql);
        yield return ($"{label}: sums per segment", SqlServerComparison.Sums(shape, new Comparison.KeyRange(bounds[0], null), bounds).Sql);
        yield return ($"{label}: row hashes", SqlServerComparison.RowHashes(shape, range).Sql);
        yield return ($"{label}: canonical values", SqlServerComparison.Canonical(shape, bounds).Sql);
    }

    /// <summary>A storage layout per shape, as the catalog would describe it, for the staging statements.</summary>
    private static SqlServerLayout Layout(string shape, string[] columns, string[] key)
    {
        var cols = columns.Select((c, i) => i == 0 && shape == "identity"
            ? new SqlServerColumn(c, "bigint", null, false, "1", "1")
            : new SqlServerColumn(c, i == 0 ? "int" : "nvarchar(50)", i == 0 ? null : "Latin1_General_CI_AS", i != 0)).ToList();
        if (shape == "computed and rowversion")
        {
            cols.Add(new SqlServerColumn("Gross", "decimal(18,2)", null, true, Computed: $"({SqlServerSql.Quote(columns[1])}*(1.2))", Persisted: true));
            cols.Add(new SqlServerColumn("Version", "timestamp", null, false));
        }

        var partitioned = shape == "partitioned";
        var space = partitioned
            ? new SqlServerDataSpace("ps_daily", true, columns[0], "pf_daily", true, [new DateTime(2024, 1, 1), new DateTime(2024, 2, 1)])
            : new SqlServerDataSpace(shape == "heap" ? "PRIMARY" : "Data Files]1", false, null, null, false, []);
        var indexes = new List<SqlServerIndex>();
        if (key.Length > 0)
        {
            indexes.Add(new SqlServerIndex($"PK_{shape}", true, true, true, false, key.Select(k => (k, false)).ToList(), [], null));
        }

        indexes.Add(new SqlServerIndex($"IX {shape}]", false, false, false, false, [(columns[^1], true)], columns.Length > 2 ? [columns[1]] : [], $"({SqlServerSql.Quote(columns[^1])} IS NOT NULL)"));
        indexes.Add(new SqlServerIndex($"UQ_{shape}", false, true, false, true, [(columns[^1], false)], [], null));
        return new SqlServerLayout(cols, space, indexes, [new SqlServerCheck("CK_x", $"({SqlServerSql.Quote(columns[0])}>(0))")], []);
    }

    /// <summary>
    /// A target with every property staging must reproduce: data compression (per partition when partitioned), a
    /// sparse column set, ROWGUIDCOL, typed XML, ANSI_PADDING OFF columns, the LOB filegroup, large value types out of
    /// row and text in row, IDENTITY and CHECK NOT FOR REPLICATION, trusted, untrusted and disabled CHECKs, DEFAULTs.
    /// </summary>
    internal static SqlServerLayout EveryProperty(bool partitioned)
    {
        SqlServerColumn[] columns =
        [
            new("OrderId", "bigint", null, false, "1", "1", NotForReplication: true),
            new("order_date", "date", null, false, Default: "(getdate())"),
            new("RowGuid", "uniqueidentifier", null, false, RowGuid: true, Default: "(newsequentialid())"),
            new("Status", "varchar(10)", "Latin1_General_CI_AS", false, AnsiPadded: false, Default: "('new')"),
            new("Code", "char(4)", "Latin1_General_CI_AS", true, AnsiPadded: false),
            new("Document", SqlServerStagingSql.XmlType(new QualifiedName("dbo", "Order Schemas]"), document: true), null, true),
            new("Fragment", SqlServerStagingSql.XmlType(new QualifiedName("xml", "Fragments"), document: false), null, true),
            new("Notes", "nvarchar(max)", "Latin1_General_CI_AS", true, Default: "(N'none')"),
            new("Legacy", "ntext", "Latin1_General_CI_AS", true),
            new("Color", "nvarchar(20)", "Latin1_General_CI_AS", true, Sparse: true),
            new("Size", "int", null, true, Sparse: true),
            new("Attributes", "xml", null, true, ColumnSet: true),
        ];
        var space = partitioned
            ? new SqlServerDataSpace("ps_orders", true, "order_date", "pf_orders", true, [new DateTime(2024, 1, 1), new DateTime(2024, 2, 1)])
            : new SqlServerDataSpace("Orders Data", false, null, null, false, []);
        IReadOnlyList<string> table = partitioned ? ["PAGE", "ROW", "PAGE"] : ["PAGE"];
        IReadOnlyList<(string, bool)> key = partitioned ? [("OrderId", false), ("order_date", false)] : [("OrderId", false)];
        SqlServerIndex[] indexes =
        [
            new("PK_Orders", true, true, true, false, key, [], null, table),
            new("IX_Orders_Status", false, false, false, false, [("Status", false)], ["Code"], null, partitioned ? ["NONE", "ROW", "ROW"] : ["ROW"]),
            new("UQ_Orders_RowGuid", false, true, false, true, partitioned ? [("RowGuid", false), ("order_date", false)] : [("RowGuid", false)], [], null, partitioned ? ["NONE", "NONE", "NONE"] : ["PAGE"]),
        ];
        SqlServerCheck[] checks =
        [
            new("CK_Trusted", "([OrderId]>(0))"),
            new("CK_Untrusted", "(len([Status])>(0))", Trusted: false),
            new("CK_Disabled", "([Code]<>'')", Trusted: false, Enabled: false),
            new("CK_NotForReplication", "([order_date]>='2000-01-01')", Trusted: false, NotForReplication: true),
        ];
        return new SqlServerLayout(columns, space, indexes, checks, [], new SqlServerTableOptions(table, partitioned ? "ps_orders" : "Orders LOB", LargeValuesOutOfRow: true, TextInRowLimit: 256));
    }

    private static IEnumerable<(string Label, string Sql)> StagingStatements()
    {
        yield return ("staging: layout columns", SqlServerStagingSql.LayoutColumns);
        yield return ("staging: layout table options", SqlServerStagingSql.LayoutTable);
        yield return ("staging: layout compression", SqlServerStagingSql.LayoutCompression);
        yield return ("staging: layout data space", SqlServerStagingSql.LayoutDataSpace);
        yield return ("staging: layout boundaries", SqlServerStagingSql.LayoutBoundaries);
        yield return ("staging: layout indexes", SqlServerStagingSql.LayoutIndexes);
        yield return ("staging: layout checks", SqlServerStagingSql.LayoutChecks);
        yield return ("staging: schema-bound dependents", SqlServerStagingSql.SchemaBoundDependents);
        yield return ("staging: staging tables", SqlServerStagingSql.StagingTables);
        yield return ("staging: partition rows from", SqlServerStagingSql.PartitionRowsFrom);
        yield return ("staging: partition of", SqlServerStagingSql.PartitionOf("pf daily]"));
        yield return ("staging: lock timeout", SqlServerStagingSql.SetLockTimeout(TimeSpan.FromSeconds(30)));
        yield return ("staging: lock timeout reset", SqlServerStagingSql.ResetLockTimeout);
        foreach (var partitioned in new[] { false, true })
        {
            var label = partitioned ? "every switch property, partitioned" : "every switch property";
            var layout = EveryProperty(partitioned);
            var target = new QualifiedName("sales", "Orders");
            foreach (var (name, suffix) in new[] { ("_dr_stage_0123abcd_0", "staging"), ("_dr_stage_0123abcd_old", "scratch") })
            {
                var stage = new QualifiedName("sales", name);
                yield return ($"{label}: {suffix} create", SqlServerStagingSql.CreateTable(stage, layout));
                foreach (var (statement, i) in SqlServerStagingSql.TableOptions(stage, layout).Select((x, i) => (x, i)))
                {
                    yield return ($"{label}: {suffix} table option {i}", statement);
                }

                foreach (var (statement, i) in SqlServerStagingSql.BeforeLoad(stage, layout).Concat(SqlServerStagingSql.AfterLoad(stage, layout)).Select((x, i) => (x, i)))
                {
                    yield return ($"{label}: {suffix} index or constraint {i}", statement);
                }
            }

            yield return ($"{label}: update statistics", SqlServerStagingSql.UpdateStatistics(target));
        }

        foreach (var (shape, table, columns, key) in Shapes())
        {
            var layout = Layout(shape, columns, key);
            var stage = new QualifiedName(table.Schema, "_dr_stage_0123abcd_0");
            var scratch = new QualifiedName(table.Schema, "_dr_stage_0123abcd_old");
            yield return ($"{shape}: staging create", SqlServerStagingSql.CreateTable(stage, layout));
            foreach (var (statement, i) in SqlServerStagingSql.BeforeLoad(stage, layout).Select((x, i) => (x, i)))
            {
                yield return ($"{shape}: staging before load {i}", statement);
            }

            foreach (var (statement, i) in SqlServerStagingSql.AfterLoad(stage, layout).Select((x, i) => (x, i)))
            {
                yield return ($"{shape}: staging after load {i}", statement);
            }

            yield return ($"{shape}: switch out", SqlServerStagingSql.SwitchTable(table, scratch, TimeSpan.FromSeconds(30)));
            yield return ($"{shape}: switch in", SqlServerStagingSql.SwitchTable(stage, table, TimeSpan.FromMinutes(5)));
            yield return ($"{shape}: truncate partitions", SqlServerStagingSql.TruncatePartitions(table, 2, 3));
            yield return ($"{shape}: truncate one partition", SqlServerStagingSql.TruncatePartitions(table, 3, 3));
            yield return ($"{shape}: switch partition", SqlServerStagingSql.SwitchPartition(stage, table, 2, TimeSpan.FromSeconds(90)));
            yield return ($"{shape}: staging rows of one partition", SqlServerSql.Select(stage, columns, null, null, key, SqlServerStagingSql.InPartition("pf daily]", columns[0], 3)));
            yield return ($"{shape}: staging rows of one partition, filtered", SqlServerSql.Select(stage, columns, new RowFilter(columns[0], FilterOperator.GreaterOrEqual, new DateTime(2024, 1, 1), "date"), null, [], SqlServerStagingSql.InPartition("pf_daily", columns[0], 12)));
            yield return ($"{shape}: drop staging", SqlServerStagingSql.Drop(stage));
        }
    }

    [Fact]
    public void Every_generated_statement_parses_with_TSql160Parser()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var failures = new List<string>();
        var count = 0;
        foreach (var (label, sql) in Statements().Concat(StagingStatements()))
        {
            count++;
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var errors);
            failures.AddRange(errors.Select(e => $"{label}: line {e.Line}, col {e.Column}: {e.Message}\n{sql}"));
        }

        Assert.True(count > 250, $"only {count} statements generated");
        Assert.Empty(failures);
    }

    [Fact]
    public void Bracket_quoting_survives_a_round_trip_through_the_parser()
    {
        foreach (var (shape, table, _, _) in Shapes())
        {
            var fragment = new TSql160Parser(true).Parse(new StringReader(SqlServerSql.Truncate(table)), out var errors);
            Assert.Empty(errors);
            var truncate = Assert.IsType<TruncateTableStatement>(Assert.Single(Assert.Single(((TSqlScript)fragment).Batches).Statements));
            Assert.Equal((table.Schema, table.Name), (truncate.TableName.SchemaIdentifier.Value, truncate.TableName.BaseIdentifier.Value));
            Assert.False(string.IsNullOrEmpty(shape));
        }
    }

    [Theory]
    [InlineData(129)]
    [InlineData(0)]
    public void Names_outside_1_to_128_characters_are_refused_not_truncated(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => SqlServerSql.Quote(new string('n', length)));
        Assert.Contains("1 to 128 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_sql_matches_the_approved_file()
    {
        var received = new StringBuilder();
        foreach (var (label, sql) in Statements().Concat(StagingStatements()))
        {
            received.Append("-- ").AppendLine(label).AppendLine(sql.ReplaceLineEndings("\n").TrimEnd()).AppendLine("GO");
        }

        var approvedPath = Path.Combine(SourceDirectory(), "SqlServerStatements.approved.sql");
        var text = received.ToString().ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("DATAREFRESH_APPROVE") == "1")
        {
            File.WriteAllText(approvedPath, text);
        }

        Assert.True(File.Exists(approvedPath), $"no approved file: run the tests once with DATAREFRESH_APPROVE=1 to write {approvedPath}, then review and commit it");
        var approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n");
        if (approved != text)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, ".received.sql"), text);
        }

        Assert.Equal(approved, text);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
