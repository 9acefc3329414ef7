using DataRefresh.Configuration;

namespace DataRefresh.Tests.Config;

public class ConfigValidationTests
{
    private const string Dbs = """
        databases:
          source: {server: prod, database: P}
          target: {server: uat, database: U}
        """;

    /// <summary>scenario, YAML, expected line, key, message fragment ({file} = the file's path), expected error count.</summary>
    public static TheoryData<string, string, int, string, string, int> BadConfigs => new()
    {
        { "unknown root key", Dbs + "\ntables:\n  - {name: Users}\nsetings:\n  dry_run: true\n", 6, "setings", "unknown key (did you mean 'settings'?)", 1 },
        { "unknown database key", "databases:\n  source:\n    server: prod\n    database: P\n    portt: 1433\n  target: {server: uat, database: U}\ntables:\n  - {name: Users}\n", 5, "databases.source.portt", "unknown key (did you mean 'port'?)", 1 },
        { "unknown table key", Dbs + "\ntables:\n  - name: Users\n    row_limt: 10\n", 6, "tables[0].row_limt", "unknown key (did you mean 'row_limit'?)", 1 },
        { "unknown settings key", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  dry_rn: true\n", 7, "settings.dry_rn", "unknown key (did you mean 'dry_run'?)", 1 },
        { "unknown key, nothing near", Dbs + "\ntables:\n  - name: Users\n    colour: blue\n", 6, "tables[0].colour", "unknown key; allowed here: name, strategy, sync_mode", 1 },
        { "string for batch_size", Dbs + "\ntables:\n  - name: Users\n    batch_size: lots\n", 6, "tables[0](Users).batch_size", "must be a whole number, not 'lots'", 1 },
        { "list where a value belongs", Dbs + "\ntables:\n  - name: Users\n    strategy: [simple_copy]\n", 6, "tables[0](Users).strategy", "must be a single value, not a list", 1 },
        { "mapping where a list belongs", Dbs + "\ntables:\n  name: Users\n", 5, "tables", "must be a list, not a mapping", 1 },
        { "scalar where a mapping belongs", "databases: prod\ntables:\n  - {name: Users}\n", 1, "databases", "must be a mapping of keys, not a value", 1 },
        { "unknown strategy", Dbs + "\ntables:\n  - name: Users\n    strategy: fast_copy\n", 6, "tables[0](Users).strategy", "unknown value 'fast_copy'; expected one of: simple_copy, staging_partition_switch", 1 },
        { "unknown sync_mode", Dbs + "\ntables:\n  - name: Users\n    sync_mode: mirror\n", 6, "tables[0](Users).sync_mode", "unknown value 'mirror'; expected one of: full_replace, incremental, smart_sync", 1 },
        { "unknown incremental_type", Dbs + "\ntables:\n  - name: Orders\n    sync_mode: incremental\n    incremental_column: order_id\n    incremental_type: uuid\n", 8, "tables[0](Orders).incremental_type", "unknown value 'uuid'; expected one of: identity, date, datetime", 1 },
        { "unknown engine", "databases:\n  source: {engine: oracle, server: prod, database: P}\n  target: {server: uat, database: U}\ntables:\n  - {name: Users}\n", 2, "databases.source.engine", "unknown value 'oracle'; expected one of: sqlserver, postgresql, sqlite", 1 },
        { "unknown auth_type", "databases:\n  source: {server: prod, database: P, auth_type: kerberos}\n  target: {server: uat, database: U}\ntables:\n  - {name: Users}\n", 2, "databases.source.auth_type", "unknown value 'kerberos'; expected one of: windows, sql", 1 },
        { "incremental without incremental_column", Dbs + "\ntables:\n  - name: Orders\n    sync_mode: incremental\n    incremental_type: identity\n", 5, "tables[0](Orders).incremental_column", "sync_mode: incremental needs incremental_column", 1 },
        { "smart_sync without incremental_type", Dbs + "\ntables:\n  - name: ProductCatalog\n    sync_mode: smart_sync\n    incremental_column: last_modified\n", 5, "tables[0](ProductCatalog).incremental_type", "sync_mode: smart_sync needs incremental_type: identity, date or datetime", 1 },
        { "unknown load_method", Dbs + "\ntables:\n  - name: Country\n    load_method: upsert\n", 6, "tables[0](Country).load_method", "unknown value 'upsert'; expected one of: auto, reload, merge", 1 },
        { "fire_triggers that is not a boolean", Dbs + "\ntables:\n  - name: Country\n    fire_triggers: sometimes\n", 6, "tables[0](Country).fire_triggers", "must be true or false, not 'sometimes'", 1 },
        { "unknown verify in a table", Dbs + "\ntables:\n  - name: Country\n    verify: rows\n", 6, "tables[0](Country).verify", "unknown value 'rows'; expected one of: off, counts, checksum", 1 },
        { "unknown verify in settings", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  verify: always\n", 7, "settings.verify", "unknown value 'always'; expected one of: off, counts, checksum", 1 },
        { "partition_parallelism 0 in settings", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  partition_parallelism: 0\n", 7, "settings.partition_parallelism", "must be between 1 and 64, not 0", 1 },
        { "partition_parallelism that is not a number", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  partition_parallelism: many\n", 7, "settings.partition_parallelism", "must be a whole number, not 'many'", 1 },
        { "partition_parallelism above 64 in a table", Dbs + "\ntables:\n  - name: Payments\n    strategy: staging_partition_switch\n    partition_parallelism: 65\n", 7, "tables[0](Payments).partition_parallelism", "must be between 1 and 64, not 65", 1 },
        { "partition_parallelism on a simple_copy table", Dbs + "\ntables:\n  - name: Payments\n    partition_parallelism: 2\n", 6, "tables[0](Payments).partition_parallelism", "applies only to strategy: staging_partition_switch", 1 },
        { "negative batch_size", Dbs + "\ntables:\n  - name: Users\n    batch_size: -5\n", 6, "tables[0](Users).batch_size", "must be between 1 and 2147483647, not -5", 1 },
        { "zero row_limit", Dbs + "\ntables:\n  - name: Users\n    row_limit: 0\n", 6, "tables[0](Users).row_limit", "must be at least 1, not 0", 1 },
        { "negative date_buffer_days", Dbs + "\ntables:\n  - name: DailyReports\n    sync_mode: incremental\n    incremental_column: report_date\n    incremental_type: date\n    date_buffer_days: -1\n", 9, "tables[0](DailyReports).date_buffer_days", "must be between 0 and 36500, not -1", 1 },
        { "incremental_overlap with date", Dbs + "\ntables:\n  - name: DailyReports\n    sync_mode: incremental\n    incremental_column: report_date\n    incremental_type: date\n    incremental_overlap: 100\n", 9, "tables[0](DailyReports).incremental_overlap", "applies only to incremental_type: identity; dates re-copy a window with date_buffer_days", 1 },
        { "negative incremental_overlap", Dbs + "\ntables:\n  - name: Orders\n    sync_mode: incremental\n    incremental_column: order_id\n    incremental_type: identity\n    incremental_overlap: -1\n", 9, "tables[0](Orders).incremental_overlap", "must be between 0 and 1000000000, not -1", 1 },
        { "incremental_overlap with full_replace", Dbs + "\ntables:\n  - name: Orders\n    incremental_overlap: 10\n", 6, "tables[0](Orders).incremental_overlap", "applies only to sync_mode: incremental or smart_sync", 1 },
        { "date_buffer_days with identity", Dbs + "\ntables:\n  - name: Orders\n    sync_mode: incremental\n    incremental_column: order_id\n    incremental_type: identity\n    date_buffer_days: 7\n", 9, "tables[0](Orders).date_buffer_days", "applies only to incremental_type: date or datetime, not identity", 1 },
        { "incremental key on a full_replace table", Dbs + "\ntables:\n  - name: Users\n    sync_mode: full_replace\n    incremental_column: id\n", 7, "tables[0](Users).incremental_column", "applies only to sync_mode: incremental or smart_sync, and this table is full_replace", 1 },
        { "duplicate tables, case-insensitive", Dbs + "\ntables:\n  - name: Users\n  - name: users\n", 6, "tables[1].name", "table 'users' is configured twice (first at {file}:5:11)", 1 },
        { "table without a name", Dbs + "\ntables:\n  - {strategy: simple_copy}\n", 5, "tables[0].name", "is required", 1 },
        { "table entry that is not a mapping", Dbs + "\ntables:\n  - Users\n", 5, "tables[0]", "must be a mapping with name, strategy, sync_mode", 1 },
        { "empty table list", Dbs + "\ntables: []\n", 4, "tables", "lists no tables", 1 },
        { "missing tables", Dbs + "\n", 1, "tables", "is required", 1 },
        { "table name a.b.c", Dbs + "\ntables:\n  - name: a.b.c\n", 5, "tables[0](a.b.c).name", "'a.b.c' is not a table name: use table or schema.table", 1 },
        { "table name with an unclosed quote", Dbs + "\ntables:\n  - name: 'sales.\"Order Lines'\n", 5, "tables[0](sales.\"Order Lines).name", "the quoted part starting with \" is not closed", 1 },
        { "password key in the file", "databases:\n  source:\n    server: prod\n    database: P\n    password: hunter2-in-file\n  target: {server: uat, database: U}\ntables:\n  - {name: Users}\n", 5, "databases.source.password", "credentials are never read from configuration files", 1 },
        { "missing databases.target", "databases:\n  source: {server: prod, database: P}\ntables:\n  - {name: Users}\n", 2, "databases.target", "is required", 1 },
        { "missing database name", "databases:\n  source: {server: prod}\n  target: {server: uat, database: U}\ntables:\n  - {name: Users}\n", 2, "databases.source.database", "is required", 1 },
        { "target is the source: localhost vs 127.0.0.1", "databases:\n  source: {server: localhost, database: Shop}\n  target: {server: 127.0.0.1, database: shop}\ntables:\n  - {name: Users}\n", 3, "databases.target", "resolves to the same database as the source (127.0.0.1/shop)", 1 },
        { "target is the source: (local) vs tcp:127.0.0.1 with default port", "databases:\n  source: {server: '(local)', database: Shop, port: 1433}\n  target: {server: 'tcp:127.0.0.1', database: Shop}\ntables:\n  - {name: Users}\n", 3, "databases.target", "refusing to write to the source", 1 },
        { "target is the source: same sqlite file via another relative path", "databases:\n  source: {engine: sqlite, database: data/prod.db}\n  target: {engine: sqlite, database: ./data/../data/prod.db}\ntables:\n  - {name: Users}\n", 3, "databases.target", "resolves to the same database as the source (sqlite:./data/../data/prod.db)", 1 },
        { "source and target engines differ", "databases:\n  source: {engine: postgresql, server: prod, database: P}\n  target: {server: uat, database: U}\ntables:\n  - {name: Users}\n", 3, "databases.target.engine", "source is PostgreSql and target is SqlServer", 1 },
        { "sqlite with a server key", "databases:\n  source:\n    engine: sqlite\n    server: localhost\n    database: prod.db\n  target: {engine: sqlite, database: uat.db}\ntables:\n  - {name: Users}\n", 4, "databases.source.server", "is not used by engine: sqlite", 1 },
        { "packet_size on postgresql", "databases:\n  source: {engine: postgresql, server: prod, database: P}\n  target:\n    engine: postgresql\n    server: uat\n    database: U\n    packet_size: 8192\ntables:\n  - {name: Users}\n", 7, "databases.target.packet_size", "is only used by engine: sqlserver", 1 },
        { "postgresql server written host,port (SQL Server's habit)", "databases:\n  source: {engine: postgresql, server: 'prod,5433', database: P}\n  target: {engine: postgresql, server: 'uat:5434', database: U}\ntables:\n  - {name: Users}\n", 2, "databases.source.server", "'prod,5433' writes a port in the server name, which PostgreSQL does not read; write server: \"prod\" and port: 5433", 2 },
        { "port out of range", "databases:\n  source: {server: prod, database: P}\n  target: {server: uat, database: U, port: 70000}\ntables:\n  - {name: Users}\n", 3, "databases.target.port", "must be between 1 and 65535, not 70000", 1 },
        { "boolean that is not one", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  dry_run: maybe\n", 7, "settings.dry_run", "must be true or false, not 'maybe'", 1 },
        { "connection_timeout 0 (would wait forever)", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  connection_timeout: 0\n", 7, "settings.connection_timeout", "must be between 1 and 3600 seconds, not 0: a connect timeout of 0 would wait forever", 1 },
        { "connection_timeout past an hour", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  connection_timeout: 3601\n", 7, "settings.connection_timeout", "must be between 1 and 3600, not 3601", 1 },
        { "negative retry delay", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  retry_delay_seconds: -1\n", 7, "settings.retry_delay_seconds", "must be at least 0, not -1", 1 },
        { "bad history_table name", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  history_table: ops.audit.history\n", 7, "settings.history_table", "use table or schema.table", 1 },
        { "invalid YAML syntax", Dbs + "\ntables:\n  - name: Users\n    strategy: simple: copy\n", 6, "", "not valid YAML", 1 },
        { "empty file", "", 1, "", "the file is empty", 1 },
        { "comments only", "# nothing configured yet\n", 1, "", "the file is empty", 1 },
        { "root that is a list", "- databases\n- tables\n", 1, "", "the file must be a mapping with databases, tables and settings", 1 },
        { "two YAML documents", Dbs + "\ntables:\n  - {name: Users}\n---\nsettings: {}\n", 7, "", "more than one YAML document", 1 },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Reports_file_line_key_and_message(string scenario, string yaml, int line, string key, string fragment, int count)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", yaml);

        var errors = ConfigFiles.Fail(null, path).Errors;

        var all = ConfigFiles.Describe(errors);
        var expected = fragment.Replace("{file}", path);
        Assert.True(
            errors.Any(e => e.Location is { } at && at.File == path && at.Line == line && e.Key == key && e.Message.Contains(expected)),
            $"{scenario}: expected {path}:{line}: {key}: …{expected}… but got:{Environment.NewLine}{all}");
        Assert.True(errors.Count == count, $"{scenario}: expected {count} error(s) but got {errors.Count}:{Environment.NewLine}{all}");
    }

    [Fact]
    public void The_did_you_mean_hint_is_left_out_when_no_key_is_close()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + "\ntables:\n  - {name: Users}\nsettings:\n  colour: blue\n");

        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);

        Assert.DoesNotContain("did you mean", error.Message);
        Assert.Contains("default_batch_size", error.Message);
    }

    [Theory]
    [InlineData(null, "SOURCE_DB_PASSWORD")]
    [InlineData("SOURCE_DB_USER", "SOURCE_DB_USER")]
    public void Sql_auth_without_its_environment_variable_names_the_variable(string? alsoMissing, string named)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", "databases:\n  source:\n    server: prod\n    database: P\n    auth_type: sql\n  target: {server: uat, database: U, auth_type: sql}\ntables:\n  - {name: Users}\n");
        var env = ConfigFiles.FullEnvironment();
        env.Remove(alsoMissing ?? "SOURCE_DB_PASSWORD");

        var error = Assert.Single(ConfigFiles.Fail(env, path).Errors);

        Assert.Equal(new SourceLocation(path, 5, 16), error.Location);
        Assert.Equal("databases.source.auth_type", error.Key);
        Assert.Contains($"needs the environment variable {named}, which is not set", error.Message);
    }

    [Fact]
    public void Sql_auth_on_both_sides_with_an_empty_environment_lists_all_four_variables()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", "databases:\n  source: {server: prod, database: P, auth_type: sql}\n  target: {server: uat, database: U, auth_type: sql}\ntables:\n  - {name: Users}\n");

        var errors = ConfigFiles.Fail(new Dictionary<string, string> { ["SOURCE_DB_PASSWORD"] = "" }, path).Errors;

        Assert.Equal(["SOURCE_DB_USER", "SOURCE_DB_PASSWORD", "TARGET_DB_USER", "TARGET_DB_PASSWORD"], errors.Select(e => e.Message.Split("environment variable ")[1].Split(',')[0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_credential_variable_that_is_set_but_blank_is_called_blank_not_unset(string blank)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", "databases:\n  source: {server: prod, database: P, auth_type: sql}\n  target: {server: uat, database: U}\ntables:\n  - {name: Users}\n");
        var env = ConfigFiles.FullEnvironment();
        env["SOURCE_DB_PASSWORD"] = blank;

        var error = Assert.Single(ConfigFiles.Fail(env, path).Errors);

        Assert.Equal("databases.source.auth_type", error.Key);
        Assert.EndsWith("needs the environment variable SOURCE_DB_PASSWORD, which is set but blank (empty or only spaces)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named_without_a_location()
    {
        using var files = new ConfigFiles();
        var path = Path.Combine(files.Folder, "nowhere", "config.yaml");

        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);

        Assert.Null(error.Location);
        Assert.Equal(path, error.Key);
        Assert.Contains("configuration file not found", error.Message);
    }

    [Fact]
    public void No_files_at_all_is_an_error()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => ConfigLoader.Load([], _ => null));

        Assert.Contains("at least one configuration file", Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public void Several_problems_are_all_listed_at_once_and_in_the_message()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", """
            databases:
              source: {server: prod, database: P}
              target: {server: uat, database: U}
            tables:
              - name: Users
                batch_size: -1
              - name: Orders
                sync_mode: sometimes
            settings:
              max_retries: lots
            """);

        var ex = ConfigFiles.Fail(null, path);

        Assert.Equal(
            [(6, "tables[0](Users).batch_size"), (8, "tables[1](Orders).sync_mode"), (10, "settings.max_retries")],
            ex.Errors.Select(e => (e.Location!.Value.Line, e.Key)).OrderBy(e => e.Line));
        Assert.Contains("The configuration has 3 errors", ex.Message);
        Assert.All(ex.Errors, e => Assert.Contains(e.ToString(), ex.Message));
        Assert.Contains($"{path}:6:17: tables[0](Users).batch_size: must be between 1 and 2147483647, not -1", ex.Message);
    }

    [Fact]
    public void A_single_error_reads_as_one_sentence()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + "\ntables:\n  - {name: Users, row_limit: 0}\n");

        var ex = ConfigFiles.Fail(null, path);

        Assert.Equal($"The configuration is not valid: {path}:5:30: tables[0](Users).row_limit: must be at least 1, not 0", ex.Message);
    }

    [Fact]
    public void Errors_never_contain_a_secret_written_in_the_file()
    {
        const string Secret = "Tr0ub4dor-and-3";
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", $"""
            password: {Secret}
            databases:
              secret: {Secret}
              source:
                server: localhost
                database: Shop
                user: sa
                pwd: "{Secret}"
                connection_string: "Server=prod;User Id=sa;Password={Secret}"
              target:
                server: 127.0.0.1
                database: Shop
                Password: {Secret}
                passwd: [{Secret}]
            tables:
              - name: Users
                login: {Secret}
            settings:
              uid: {Secret}
              secret: {"{"}value: {Secret}{"}"}
            """);

        var ex = ConfigFiles.Fail(null, path);

        Assert.True(ex.Errors.Count >= 10, ConfigFiles.Describe(ex.Errors));
        Assert.Contains(ex.Errors, e => e.Key == "databases.target" && e.Message.Contains("same database"));
        Assert.All(ex.Errors.Where(e => e.Key != "databases.target"), e => Assert.Contains("credentials are never read", e.Message));
        Assert.DoesNotContain(Secret, ex.Message);
        Assert.All(ex.Errors, e => Assert.DoesNotContain(Secret, e.ToString()));
    }

    [Fact]
    public void Errors_never_contain_a_secret_on_a_line_that_is_not_valid_YAML()
    {
        const string Secret = "Tr0ub4dor-and-3";
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + $"\n    password: \"{Secret}\": oops\ntables:\n  - {{name: Users}}\n");

        var ex = ConfigFiles.Fail(null, path);

        Assert.Equal(4, Assert.Single(ex.Errors).Location!.Value.Line);
        Assert.DoesNotContain(Secret, ex.Message);
    }

    [Fact]
    public void Errors_never_contain_the_passwords_from_the_environment()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", "databases:\n  source: {server: localhost, database: Shop, auth_type: sql}\n  target: {server: localhost, database: Shop, auth_type: sql}\ntables:\n  - {name: Users, row_limit: -3}\n");

        var ex = ConfigFiles.Fail(null, path);

        Assert.Equal(2, ex.Errors.Count);
        Assert.DoesNotContain(ConfigFiles.SourcePassword, ex.Message);
        Assert.DoesNotContain(ConfigFiles.TargetPassword, ex.Message);
    }
}
