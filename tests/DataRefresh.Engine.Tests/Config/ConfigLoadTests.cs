using DataRefresh.Configuration;

namespace DataRefresh.Tests.Config;

public class ConfigLoadTests
{
    /// <summary>The example from the seed spec, verbatim.</summary>
    private const string SeedConfig = """
        databases:
          source:
            server: "prod-sql-server"
            database: "ProductionDB"
            auth_type: "windows"  # or "sql"
            # credentials via environment variables
          target:
            server: "uat-sql-server" 
            database: "UATDB"
            auth_type: "sql"
            # credentials via environment variables

        tables:
          # Static reference data - full refresh
          - name: "Users"
            strategy: "simple_copy"
            sync_mode: "full_replace"
            truncate_target: true
            
          # Large table with identity-based incremental sync
          - name: "Orders" 
            strategy: "simple_copy"
            sync_mode: "incremental"
            incremental_column: "order_id"
            incremental_type: "identity"  # Uses MAX(order_id) from target
            
          # Reporting table with date-based incremental sync
          - name: "DailyReports"
            strategy: "staging_partition_switch"
            sync_mode: "incremental" 
            incremental_column: "report_date"
            incremental_type: "date"
            date_buffer_days: 7  # Re-sync last 7 days to catch updates
            batch_size: 10000
            
          # Mixed approach - check existing data first
          - name: "ProductCatalog"
            strategy: "simple_copy"
            sync_mode: "smart_sync"  # Check target, decide full vs incremental
            incremental_column: "last_modified"
            incremental_type: "datetime"
            fallback_to_full: true  # If target empty, do full sync

        settings:
          default_batch_size: 5000
          connection_timeout: 30
          command_timeout: 300
          max_retries: 3
        """;

    /// <summary>config-test.yaml from the seed spec, verbatim.</summary>
    private const string SeedTestOverlay = """
        # Override production settings for testing
        databases:
          source:
            server: "localhost"
            database: "TestSource"
          target:
            server: "localhost"
            database: "TestTarget"

        tables:
          - name: "Users"
            strategy: "simple_copy"
            row_limit: 100  # Testing only - limits rows copied

        settings:
          dry_run: true  # Testing only - shows what would be done
          verbose_logging: true
        """;

    private const string Minimal = "databases:\n  source: {server: prod, database: P}\n  target: {server: uat, database: U}\ntables:\n  - {name: Users}\n";

    [Fact]
    public void The_seed_spec_example_parses_into_typed_values()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", SeedConfig);

        var config = ConfigFiles.Load(null, path);

        Assert.Equal([path], config.Files);
        Assert.Equal(new DatabaseConfig { Side = DatabaseSide.Source, Server = "prod-sql-server", Database = "ProductionDB", Auth = AuthType.Windows, BaseDirectory = files.Folder }, config.Source);
        Assert.Equal(new DatabaseConfig { Side = DatabaseSide.Target, Server = "uat-sql-server", Database = "UATDB", Auth = AuthType.Sql, BaseDirectory = files.Folder }, config.Target);
        Assert.Equal(["Users", "Orders", "DailyReports", "ProductCatalog"], config.Tables.Select(t => t.Name));

        var users = config.Tables[0];
        Assert.Equal((RefreshStrategy.SimpleCopy, SyncMode.FullReplace, true, (string?)null, (IncrementalType?)null), (users.Strategy, users.SyncMode, users.TruncateTarget, users.IncrementalColumn, users.IncrementalType));
        Assert.Equal($"{path}:15:5", users.DeclaredAt);

        var orders = config.Tables[1];
        Assert.Equal((SyncMode.Incremental, "order_id", IncrementalType.Identity, 0), (orders.SyncMode, orders.IncrementalColumn, orders.IncrementalType, orders.DateBufferDays));

        var reports = config.Tables[2];
        Assert.Equal((RefreshStrategy.StagingPartitionSwitch, SyncMode.Incremental, "report_date", IncrementalType.Date), (reports.Strategy, reports.SyncMode, reports.IncrementalColumn, reports.IncrementalType));
        Assert.Equal((7, 10000, 10000), (reports.DateBufferDays, reports.BatchSize, config.BatchSizeFor(reports)));

        var catalog = config.Tables[3];
        Assert.Equal((SyncMode.SmartSync, "last_modified", IncrementalType.DateTime, true), (catalog.SyncMode, catalog.IncrementalColumn, catalog.IncrementalType, catalog.FallbackToFull));
        Assert.Equal(5000, config.BatchSizeFor(catalog));

        Assert.Equal(new RefreshSettings { DefaultBatchSize = 5000, ConnectionTimeout = 30, CommandTimeout = 300, MaxRetries = 3 }, config.Settings);
    }

    [Fact]
    public void The_loaded_config_holds_no_credentials()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", SeedConfig);

        var config = ConfigFiles.Load(null, path);

        Assert.DoesNotContain(ConfigFiles.TargetPassword, config.ToString());
        Assert.DoesNotContain(ConfigFiles.TargetPassword, config.Target.ToString());
        Assert.DoesNotContain("refresh_user", config.Target.ToString());
        Assert.Equal(("TARGET_DB_USER", "TARGET_DB_PASSWORD"), (config.Target.UserVariable, config.Target.PasswordVariable));
        Assert.Equal("Target: uat-sql-server/UATDB (SqlServer)", config.Target.ToString());
    }

    [Fact]
    public void Defaults_fill_what_the_file_leaves_out()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Minimal);

        var config = ConfigFiles.Load(new Dictionary<string, string>(), path);

        Assert.Equal((EngineKind.SqlServer, AuthType.Windows, false, (int?)null, (int?)null, (string?)null), (config.Source.Engine, config.Source.Auth, config.Source.TrustServerCertificate, config.Source.Port, config.Source.PacketSize, config.Source.ApplicationName));
        Assert.Equal(EngineKind.SqlServer, config.Target.Engine);
        var users = Assert.Single(config.Tables);
        Assert.Equal(new TableConfig { Name = "Users", DeclaredAt = users.DeclaredAt }, users);
        Assert.Equal((RefreshStrategy.SimpleCopy, SyncMode.FullReplace, true, false, ExternalReferences.Block, (long?)null), (users.Strategy, users.SyncMode, users.TruncateTarget, users.FallbackToFull, users.ExternalReferences, users.RowLimit));
        Assert.Equal((LoadMethod.Auto, false), (users.LoadMethod, users.FireTriggers));
        Assert.Equal(5000, config.BatchSizeFor(users));
        Assert.Equal(new RefreshSettings(), config.Settings);
        Assert.Equal((5000, 30, 300, 3, 2.0, false, false, "datarefresh_history", 0), (config.Settings.DefaultBatchSize, config.Settings.ConnectionTimeout, config.Settings.CommandTimeout, config.Settings.MaxRetries, config.Settings.RetryDelaySeconds, config.Settings.DryRun, config.Settings.VerboseLogging, config.Settings.HistoryTable, config.Settings.LockTimeoutSeconds));
    }

    [Fact]
    public void Partition_parallelism_defaults_to_4_and_a_table_overrides_the_setting()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", """
            databases:
              source: {engine: postgresql, server: prod, database: P}
              target: {engine: postgresql, server: uat, database: U}
            tables:
              - {name: payments, strategy: staging_partition_switch, partition_parallelism: 1}
              - {name: invoices, strategy: staging_partition_switch}
            """);
        var overlay = files.Write("overlay.yaml", "settings:\n  partition_parallelism: 6\n");

        var defaults = ConfigFiles.Load(null, path);
        var overlaid = ConfigFiles.Load(null, path, overlay);

        Assert.Equal((1, 4), (defaults.Settings.PartitionParallelismFor(defaults.Tables[0]), defaults.Settings.PartitionParallelismFor(defaults.Tables[1])));
        Assert.Equal((1, 6), (overlaid.Settings.PartitionParallelismFor(overlaid.Tables[0]), overlaid.Settings.PartitionParallelismFor(overlaid.Tables[1])));
    }

    [Fact]
    public void Every_addition_to_the_format_is_read()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", """
            databases:
              source: {engine: SqlServer, server: prod, port: 14330, trust_server_certificate: yes, packet_size: 16384, application_name: nightly refresh, auth_type: SQL}
              target: {engine: sqlserver, server: uat, database: U, auth_type: windows}
            tables:
              - {name: Users, external_references: defer, row_limit: 9000000000, truncate_target: false, load_method: Merge, fire_triggers: true, verify: Checksum}
            settings: {retry_delay_seconds: 0.5, history_table: ops."Refresh History", lock_timeout: 60, dry_run: on, verbose_logging: true, default_batch_size: 250, verify: off}
            """.Replace("port: 14330,", "port: 14330, database: P,"));

        var config = ConfigFiles.Load(null, path);

        Assert.Equal((14330, true, 16384, "nightly refresh", AuthType.Sql), (config.Source.Port, config.Source.TrustServerCertificate, config.Source.PacketSize, config.Source.ApplicationName, config.Source.Auth));
        Assert.Equal("prod:14330/P", config.Source.Display);
        var users = Assert.Single(config.Tables);
        Assert.Equal((ExternalReferences.Defer, 9_000_000_000L, false, 250), (users.ExternalReferences, users.RowLimit, users.TruncateTarget, config.BatchSizeFor(users)));
        Assert.Equal((LoadMethod.Merge, true, (VerifyMode?)VerifyMode.Checksum), (users.LoadMethod, users.FireTriggers, users.Verify));
        Assert.Equal(new RefreshSettings { RetryDelaySeconds = 0.5, HistoryTable = "ops.\"Refresh History\"", LockTimeoutSeconds = 60, DryRun = true, VerboseLogging = true, DefaultBatchSize = 250, Verify = VerifyMode.Off }, config.Settings);
    }

    [Fact]
    public void The_seed_test_overlay_overrides_settings_and_merges_tables_by_name()
    {
        using var files = new ConfigFiles();
        var basePath = files.Write("config.yaml", SeedConfig);
        var overlay = files.Write("config-test.yaml", SeedTestOverlay);

        var config = ConfigFiles.Load(null, basePath, overlay);

        Assert.Equal([basePath, overlay], config.Files);
        Assert.Equal(("localhost", "TestSource", AuthType.Windows), (config.Source.Server, config.Source.Database, config.Source.Auth));
        Assert.Equal(("localhost", "TestTarget", AuthType.Sql), (config.Target.Server, config.Target.Database, config.Target.Auth));
        Assert.Equal(["Users", "Orders", "DailyReports", "ProductCatalog"], config.Tables.Select(t => t.Name));
        var users = config.Tables[0];
        Assert.Equal((100L, SyncMode.FullReplace, true), (users.RowLimit, users.SyncMode, users.TruncateTarget));
        Assert.Null(config.Tables[1].RowLimit);
        Assert.Equal(new RefreshSettings { DefaultBatchSize = 5000, ConnectionTimeout = 30, CommandTimeout = 300, MaxRetries = 3, DryRun = true, VerboseLogging = true }, config.Settings);
    }

    [Fact]
    public void An_overlay_table_merges_case_insensitively_and_a_new_one_is_appended()
    {
        using var files = new ConfigFiles();
        var basePath = files.Write("config.yaml", SeedConfig);
        var overlay = files.Write("extra.yaml", """
            tables:
              - name: orders
                batch_size: 50
              - name: AuditLog
                sync_mode: incremental
                incremental_column: id
                incremental_type: identity
            settings:
              max_retries: 0
            """);

        var config = ConfigFiles.Load(null, basePath, overlay);

        // The overlay's spelling of a merged name wins; unquoted names match the catalog case-insensitively anyway.
        Assert.Equal(["Users", "orders", "DailyReports", "ProductCatalog", "AuditLog"], config.Tables.Select(t => t.Name));
        var orders = config.Tables[1];
        Assert.Equal((50, SyncMode.Incremental, "order_id"), (orders.BatchSize, orders.SyncMode, orders.IncrementalColumn));
        Assert.Equal($"{overlay}:4:5", config.Tables[4].DeclaredAt);
        Assert.Equal((0, 300, false), (config.Settings.MaxRetries, config.Settings.CommandTimeout, config.Settings.DryRun));
        Assert.Equal("prod-sql-server", config.Source.Server);
    }

    [Fact]
    public void Errors_from_an_overlay_name_the_overlay_file_and_line()
    {
        using var files = new ConfigFiles();
        var basePath = files.Write("config.yaml", SeedConfig);
        var overlay = files.Write("config-test.yaml", SeedTestOverlay.Replace("row_limit: 100", "row_limit: 0") + "\n  dry_rn: true\n");

        var errors = ConfigFiles.Fail(null, basePath, overlay).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Location == new SourceLocation(overlay, 13, 16) && e.Key == "tables[0](Users).row_limit" && e.Message == "must be at least 1, not 0");
        Assert.Contains(errors, e => e.Location == new SourceLocation(overlay, 18, 3) && e.Key == "settings.dry_rn" && e.Message.Contains("did you mean 'dry_run'?"));
    }

    [Fact]
    public void A_merged_table_reports_the_rule_it_breaks_where_the_overlay_wrote_it()
    {
        using var files = new ConfigFiles();
        var basePath = files.Write("config.yaml", SeedConfig);
        var overlay = files.Write("overlay.yaml", "tables:\n  - name: Orders\n    date_buffer_days: 3\n");

        var error = Assert.Single(ConfigFiles.Fail(null, basePath, overlay).Errors);

        Assert.Equal((new SourceLocation(overlay, 3, 5), "tables[1](Orders).date_buffer_days"), (error.Location!.Value, error.Key));
        Assert.Contains("not identity", error.Message);
    }

    [Fact]
    public void YAML_errors_in_an_overlay_are_reported_before_any_binding()
    {
        using var files = new ConfigFiles();
        var basePath = files.Write("config.yaml", Minimal.Replace("{name: Users}", "{name: Users, batch_size: 0}"));
        var overlay = files.Write("overlay.yaml", "settings:\n  dry_run: [true\n");

        var errors = ConfigFiles.Fail(null, basePath, overlay).Errors;

        var error = Assert.Single(errors);
        Assert.Equal(overlay, error.Location!.Value.File);
        Assert.Contains("not valid YAML", error.Message);
    }

    [Theory]
    [InlineData("Users", null, "Users")]
    [InlineData("dbo.Users", "dbo", "Users")]
    [InlineData("sales.\"Order Lines\"", "sales", "Order Lines")]
    [InlineData("[dbo].[Order Lines]", "dbo", "Order Lines")]
    public void Schema_qualified_names_parse(string name, string? schema, string table)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Minimal.Replace("{name: Users}", $"{{name: '{name}'}}"));

        var config = ConfigFiles.Load(null, path);

        var parsed = TableName.Parse(Assert.Single(config.Tables).Name);
        Assert.Equal(schema, parsed.Schema?.Value);
        Assert.Equal(table, parsed.Name.Value);
        Assert.Equal(name, parsed.Text);
    }

    [Fact]
    public void Quoted_and_unquoted_spellings_in_block_yaml_both_load()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Minimal.Replace("  - {name: Users}", "  - name: dbo.Users\n  - name: sales.\"Order Lines\"\n  - name: '[hr].[Staff]'"));

        var config = ConfigFiles.Load(null, path);

        Assert.Equal(["dbo.Users", "sales.\"Order Lines\"", "[hr].[Staff]"], config.Tables.Select(t => t.Name));
    }

    [Fact]
    public void Relative_sqlite_paths_resolve_against_the_config_files_folder()
    {
        using var files = new ConfigFiles();
        var path = files.Write(Path.Combine("conf", "config.yaml"), """
            databases:
              source: {engine: sqlite, database: data/prod.db}
              target: {engine: sqlite, database: ../uat.db}
            tables:
              - name: Users
            """);

        var config = ConfigFiles.Load(new Dictionary<string, string>(), path);

        var folder = Path.Combine(files.Folder, "conf");
        Assert.Equal((EngineKind.Sqlite, AuthType.None, (string?)null), (config.Source.Engine, config.Source.Auth, config.Source.Server));
        Assert.Equal(folder, config.Source.BaseDirectory);
        Assert.Equal(Path.Combine(folder, "data", "prod.db"), SameDatabase.SqliteFile(config.Source));
        Assert.Equal(Path.Combine(files.Folder, "uat.db"), SameDatabase.SqliteFile(config.Target));
        Assert.Equal("sqlite:data/prod.db", config.Source.Display);
    }

    [Fact]
    public void Absolute_and_in_memory_sqlite_paths_are_kept()
    {
        using var files = new ConfigFiles();
        var absolute = Path.Combine(files.Folder, "elsewhere", "prod.db");
        var path = files.Write("config.yaml", $"databases:\n  source: {{engine: sqlite, database: '{absolute}'}}\n  target: {{engine: sqlite, database: ':memory:'}}\ntables:\n  - name: Users\n");

        var config = ConfigFiles.Load(null, path);

        Assert.Equal(absolute, SameDatabase.SqliteFile(config.Source));
        Assert.Equal(":memory:", SameDatabase.SqliteFile(config.Target));
    }

    [Theory]
    [InlineData("localhost", "uat-sql", "Shop", "Shop", false)]
    [InlineData("localhost", "127.0.0.1", "Shop", "Shop2", false)]
    [InlineData("localhost", "127.0.0.1", "Shop", "SHOP", true)]
    [InlineData("TCP:LocalHost", "(local)", "Shop", "Shop", true)]
    [InlineData("prod-sql", "PROD-SQL", "Shop", "Shop", true)]
    public void Same_database_is_decided_from_host_port_and_name(string sourceServer, string targetServer, string sourceDb, string targetDb, bool same)
    {
        var source = new DatabaseConfig { Side = DatabaseSide.Source, Server = sourceServer, Database = sourceDb };
        var target = new DatabaseConfig { Side = DatabaseSide.Target, Server = targetServer, Database = targetDb };

        Assert.Equal(same, SameDatabase.Equals(source, target));
        Assert.False(SameDatabase.Equals(source, target with { Port = 1434 }));
        Assert.False(SameDatabase.Equals(source with { Engine = EngineKind.PostgreSql }, target));
    }

    [Fact]
    public void PostgreSql_database_names_are_case_sensitive_and_the_default_port_is_5432()
    {
        var source = new DatabaseConfig { Side = DatabaseSide.Source, Engine = EngineKind.PostgreSql, Server = "localhost", Database = "shop" };

        Assert.False(SameDatabase.Equals(source, source with { Side = DatabaseSide.Target, Database = "Shop" }));
        Assert.True(SameDatabase.Equals(source, source with { Side = DatabaseSide.Target, Server = "::1", Port = 5432 }));
    }
}
