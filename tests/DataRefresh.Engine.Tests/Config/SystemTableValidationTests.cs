namespace DataRefresh.Tests.Config;

/// <summary>System tables and the history table are refused while the file is validated, before anything connects.</summary>
public class SystemTableValidationTests
{
    private const string Postgres = "databases:\n  source: {engine: postgresql, server: prod, database: P}\n  target: {engine: postgresql, server: uat, database: U}\n";
    private const string SqlServer = "databases:\n  source: {server: prod, database: P}\n  target: {server: uat, database: U}\n";
    private const string Sqlite = "databases:\n  source: {engine: sqlite, database: prod.db}\n  target: {engine: sqlite, database: uat.db}\n";

    private const string PgSystem = "is in a PostgreSQL system schema (pg_catalog, information_schema, pg_toast, pg_temp…: every schema named pg_*); DataRefresh never refreshes system tables";
    private const string SqlServerSystem = "is in a SQL Server system schema (sys, INFORMATION_SCHEMA); DataRefresh never refreshes system tables";
    private const string SqliteSystem = "is one of SQLite's own tables (every name starting sqlite_); DataRefresh never refreshes system tables";
    private static string History(string setting) => $"is the history table (settings.history_table: {setting}); DataRefresh writes its own history there and never refreshes it";

    /// <summary>databases, the table's name as YAML, settings (or ""), the message fragment.</summary>
    public static TheoryData<string, string, string, string> Refused => new()
    {
        { Postgres, "pg_catalog.pg_description", "", PgSystem },
        { Postgres, "PG_CATALOG.pg_class", "", PgSystem },
        { Postgres, "'\"pg_catalog\".\"pg_description\"'", "", PgSystem },
        { Postgres, "information_schema.sql_features", "", PgSystem },
        { Postgres, "Information_Schema.sql_parts", "", PgSystem },
        { Postgres, "pg_toast.pg_toast_2619", "", PgSystem },
        { Postgres, "pg_temp.scratch", "", PgSystem },
        { Postgres, "pg_temp_3.scratch", "", PgSystem },
        { Postgres, "pg_toast_temp_1.chunks", "", PgSystem },
        { SqlServer, "sys.objects", "", SqlServerSystem },
        { SqlServer, "SYS.columns", "", SqlServerSystem },
        { SqlServer, "'[sys].[tables]'", "", SqlServerSystem },
        { SqlServer, "INFORMATION_SCHEMA.TABLES", "", SqlServerSystem },
        { SqlServer, "'[information_schema].[columns]'", "", SqlServerSystem },
        { Sqlite, "sqlite_master", "", SqliteSystem },
        { Sqlite, "sqlite_sequence", "", SqliteSystem },
        { Sqlite, "SQLITE_STAT1", "", SqliteSystem },
        { Sqlite, "'\"sqlite_stat4\"'", "", SqliteSystem },
        { Sqlite, "main.sqlite_schema", "", SqliteSystem },
        { Postgres, "datarefresh_history", "", History("datarefresh_history") },
        { SqlServer, "DataRefresh_History", "", History("datarefresh_history") },
        { SqlServer, "dbo.datarefresh_history", "", History("datarefresh_history") + "; if this is another table, give settings.history_table its schema" },
        { Sqlite, "main.datarefresh_history", "", History("datarefresh_history") },
        { Postgres, "ops.refresh_log", "settings:\n  history_table: ops.refresh_log\n", History("ops.refresh_log") },
        { Postgres, "OPS.Refresh_Log", "settings:\n  history_table: ops.refresh_log\n", History("ops.refresh_log") },
        { SqlServer, "refresh_log", "settings:\n  history_table: '[ops].[refresh_log]'\n", History("[ops].[refresh_log]") },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_system_table_or_the_history_table_is_refused_naming_file_line_and_table(string databases, string name, string settings, string fragment)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", databases + $"tables:\n  - name: Users\n  - name: {name}\n" + settings);

        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);

        var written = name.Trim('\'');
        Assert.Equal((path, 6, 11), (error.Location!.Value.File, error.Location.Value.Line, error.Location.Value.Column));
        Assert.Equal($"tables[1]({written}).name", error.Key);
        Assert.Contains($"'{written}' {fragment}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Postgres, "pg_stuff")]
    [InlineData(Postgres, "public.pg_description")]
    [InlineData(Postgres, "sys.objects")]
    [InlineData(Postgres, "sqlite_sequence")]
    [InlineData(Postgres, "archive.refresh_log")]
    [InlineData(SqlServer, "dbo.sysobjects_copy")]
    [InlineData(SqlServer, "pg_catalog.pg_description")]
    [InlineData(SqlServer, "datarefresh_history_archive")]
    [InlineData(Sqlite, "my_sqlite_data")]
    [InlineData(Sqlite, "information_schema_notes")]
    public void Ordinary_tables_with_system_looking_names_load(string databases, string name)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", databases + $"tables:\n  - name: {name}\nsettings:\n  history_table: ops.refresh_log\n");

        Assert.Equal(name, Assert.Single(ConfigFiles.Load(null, path).Tables).Name);
    }

    [Theory]
    [InlineData(Postgres, "pg_catalog.datarefresh_history", PgSystem)]
    [InlineData(SqlServer, "sys.datarefresh_history", SqlServerSystem)]
    [InlineData(Sqlite, "sqlite_history", SqliteSystem)]
    public void A_history_table_in_a_system_schema_is_refused(string databases, string history, string fragment)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", databases + $"tables:\n  - name: Users\nsettings:\n  history_table: {history}\n");

        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);

        Assert.Equal((7, "settings.history_table"), (error.Location!.Value.Line, error.Key));
        Assert.Contains($"'{history}' {fragment}", error.Message, StringComparison.Ordinal);
    }
}
