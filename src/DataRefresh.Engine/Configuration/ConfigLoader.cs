namespace DataRefresh.Configuration;

/// <summary>
/// Reads one or more YAML files (later files overlay earlier ones; tables merge by name), validates every key,
/// and returns an immutable <see cref="RefreshConfig"/> — or throws <see cref="ConfigValidationException"/>
/// listing every problem with its file, line and key. Nothing here connects anywhere.
/// </summary>
public static partial class ConfigLoader
{
    private static readonly string[] RootKeys = ["databases", "tables", "settings", "dashboard"];
    private static readonly string[] DatabaseKeys = ["engine", "server", "port", "database", "auth_type", "trust_server_certificate", "packet_size", "application_name"];
    private static readonly string[] TableKeys = ["name", "strategy", "sync_mode", "incremental_column", "incremental_type", "date_buffer_days", "incremental_overlap", "batch_size", "truncate_target", "fallback_to_full", "row_limit", "external_references", "load_method", "fire_triggers", "verify", "masking", "partition_parallelism"];
    private static readonly string[] SettingsKeys = ["default_batch_size", "connection_timeout", "command_timeout", "max_retries", "retry_delay_seconds", "dry_run", "verbose_logging", "history_table", "lock_timeout", "index_build_memory_mb", "partition_parallelism", "verify", "masking_key_env", "require_masking", "personal_columns"];

    private static readonly Dictionary<string, EngineKind> Engines = new() { ["sqlserver"] = EngineKind.SqlServer, ["postgresql"] = EngineKind.PostgreSql, ["sqlite"] = EngineKind.Sqlite };
    private static readonly Dictionary<string, AuthType> Auths = new() { ["windows"] = AuthType.Windows, ["sql"] = AuthType.Sql };
    private static readonly Dictionary<string, RefreshStrategy> Strategies = new() { ["simple_copy"] = RefreshStrategy.SimpleCopy, ["staging_partition_switch"] = RefreshStrategy.StagingPartitionSwitch };
    private static readonly Dictionary<string, SyncMode> Modes = new() { ["full_replace"] = SyncMode.FullReplace, ["incremental"] = SyncMode.Incremental, ["smart_sync"] = SyncMode.SmartSync };
    private static readonly Dictionary<string, IncrementalType> IncrementalTypes = new() { ["identity"] = IncrementalType.Identity, ["date"] = IncrementalType.Date, ["datetime"] = IncrementalType.DateTime };
    private static readonly Dictionary<string, LoadMethod> LoadMethods = new() { ["auto"] = LoadMethod.Auto, ["reload"] = LoadMethod.Reload, ["merge"] = LoadMethod.Merge };
    private static readonly Dictionary<string, VerifyMode> VerifyModes = new() { ["off"] = VerifyMode.Off, ["counts"] = VerifyMode.Counts, ["checksum"] = VerifyMode.Checksum };
    private static readonly Dictionary<string, ExternalReferences> ExternalReferenceChoices = new() { ["block"] = ExternalReferences.Block, ["defer"] = ExternalReferences.Defer };

    /// <summary>Load and validate; credentials are checked against the process environment.</summary>
    public static RefreshConfig Load(IReadOnlyList<string> paths) => Load(paths, Environment.GetEnvironmentVariable);

    public static RefreshConfig Load(IReadOnlyList<string> paths, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ConfigValidationException([new ConfigError(null, "-Config", "name at least one configuration file")]);
        }

        var reader = new ConfigReader();
        MappingNode? merged = null;
        var fullPaths = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            fullPaths.Add(full);
            var root = YamlFile.Read(full, path, reader);
            if (root is not null)
            {
                merged = merged is null ? root : merged.Merge(root, tablesByName: true);
            }
        }

        if (merged is null || reader.Errors.Count > 0)
        {
            throw new ConfigValidationException(InFileOrder(reader.Errors, paths));
        }

        var config = Bind(merged, fullPaths, reader, environment);
        if (reader.Errors.Count > 0 || config is null)
        {
            throw new ConfigValidationException(InFileOrder(reader.Errors, paths));
        }

        return config;
    }

    /// <summary>Errors read top to bottom, file by file in the order given, as a DBA fixes them.</summary>
    private static List<ConfigError> InFileOrder(IReadOnlyList<ConfigError> errors, IReadOnlyList<string> paths) =>
        errors.OrderBy(e => e.Location is { } at ? paths.ToList().IndexOf(at.File) : -1)
            .ThenBy(e => e.Location?.Line ?? 0)
            .ThenBy(e => e.Location?.Column ?? 0)
            .ToList();

    private static RefreshConfig? Bind(MappingNode root, IReadOnlyList<string> files, ConfigReader r, Func<string, string?> environment)
    {
        r.CheckKeys(root, "", RootKeys);
        var databases = r.Map(root, "databases", "", required: true);
        DatabaseConfig? source = null, target = null;
        if (databases is not null)
        {
            r.CheckKeys(databases, "databases", ["source", "target"]);
            source = BindDatabase(databases, DatabaseSide.Source, r, environment);
            target = BindDatabase(databases, DatabaseSide.Target, r, environment);
        }

        var engine = source?.Engine ?? target?.Engine;
        var settings = BindSettings(r.Map(root, "settings", "", required: false), r, engine);
        var tables = BindTables(r.Sequence(root, "tables", ""), r, engine, settings.HistoryTable);
        var dashboard = BindDashboard(root, r);
        CheckMaskingKey(root, tables, settings, r, environment);

        if (source is not null && target is not null)
        {
            CheckSides(source, target, databases!, r);
        }

        if (source is null || target is null || r.Errors.Count > 0)
        {
            return null;
        }

        return new RefreshConfig { Files = files, Source = source, Target = target, Tables = tables, Settings = settings, Dashboard = dashboard };
    }

    private static DatabaseConfig? BindDatabase(MappingNode databases, DatabaseSide side, ConfigReader r, Func<string, string?> environment)
    {
        var name = side == DatabaseSide.Source ? "source" : "target";
        var path = $"databases.{name}";
        var map = r.Map(databases, name, "databases", required: true);
        if (map is null)
        {
            return null;
        }

        r.CheckKeys(map, path, DatabaseKeys);
        var engine = r.Choice(map, "engine", path, Engines) ?? EngineKind.SqlServer;
        var server = r.String(map, "server", path, required: engine != EngineKind.Sqlite);
        var database = r.String(map, "database", path, required: true);
        var port = (int?)r.Integer(map, "port", path, 1, 65535);
        var packet = (int?)r.Integer(map, "packet_size", path, 512, 32767);
        var trust = r.Boolean(map, "trust_server_certificate", path) ?? false;
        var appName = r.String(map, "application_name", path);
        var auth = EntraRequested(map, path, r) ? AuthType.Sql : r.Choice(map, "auth_type", path, Auths);

        if (engine == EngineKind.Sqlite)
        {
            foreach (var key in new[] { "server", "port", "auth_type", "packet_size", "trust_server_certificate" })
            {
                if (map.Find(key) is { } e)
                {
                    r.Error(e.KeyLocation, $"{path}.{key}", "is not used by engine: sqlite (database is the path of the SQLite file)");
                }
            }
        }
        else if (engine == EngineKind.SqlServer && port is not null && server?.Contains(',', StringComparison.Ordinal) == true)
        {
            r.Error(map.Find("port")!.KeyLocation, $"{path}.port", $"the port is given twice: in server ('{server}') and in port; keep one");
        }
        else if (engine == EngineKind.PostgreSql && server is not null && PostgreSqlServerWithPort(server) is { } written)
        {
            // SQL Server's habit "host,port" (or "host:port") would reach Npgsql as a host name and fail later as "nothing listening".
            r.Error(map.Find("server")!.Value.Location, $"{path}.server", $"'{server}' writes a port in the server name, which PostgreSQL does not read; write server: \"{written.Host}\" and port: {written.Port}");
        }
        else if (engine != EngineKind.SqlServer && (map.Find("packet_size") ?? map.Find("trust_server_certificate")) is { } sqlOnly)
        {
            r.Error(sqlOnly.KeyLocation, $"{path}.{sqlOnly.Key}", "is only used by engine: sqlserver");
        }

        var effectiveAuth = engine == EngineKind.Sqlite ? AuthType.None : auth ?? AuthType.Windows;
        if (effectiveAuth == AuthType.Sql)
        {
            var config = new DatabaseConfig { Side = side, Database = "" };
            foreach (var variable in new[] { config.UserVariable, config.PasswordVariable })
            {
                if (CredentialVariables.State(environment(variable)) is { } state)
                {
                    r.Error(map.Find("auth_type")!.Value.Location, $"{path}.auth_type", $"auth_type: sql needs the environment variable {variable}, which is {state}");
                }
            }
        }

        if (database is null)
        {
            return null;
        }

        return new DatabaseConfig
        {
            Side = side,
            Engine = engine,
            Server = server,
            Port = port,
            Database = database,
            Auth = effectiveAuth,
            TrustServerCertificate = trust,
            PacketSize = packet,
            ApplicationName = appName,
            // Relative SQLite paths resolve against the file that wrote the database value (an overlay may).
            BaseDirectory = Path.GetDirectoryName(Path.GetFullPath((map.Find("database")?.Value ?? map).Location.File)) ?? ".",
        };
    }

    /// <summary>Entra ID gets its own answer rather than "unknown value": it is a deliberate omission.</summary>
    private static bool EntraRequested(MappingNode map, string path, ConfigReader r)
    {
        if (map.Find("auth_type")?.Value is ScalarNode { Value: { } v } node && v.Trim().ToLowerInvariant() is "azure_ad" or "entra" or "entra_id" or "activedirectory" or "active_directory")
        {
            r.Error(node.Location, $"{path}.auth_type", $"'{v}' is not supported: Microsoft.Data.SqlClient 7 moved Entra ID (Azure AD) authentication into the separate Microsoft.Data.SqlClient.Extensions.Azure package, which this module does not ship; use windows or sql");
            return true;
        }

        return false;
    }

    private static RefreshSettings BindSettings(MappingNode? map, ConfigReader r, EngineKind? engine)
    {
        var defaults = new RefreshSettings();
        if (map is null)
        {
            return defaults;
        }

        const string path = "settings";
        r.CheckKeys(map, path, SettingsKeys);
        var history = r.String(map, "history_table", path);
        TableName? historyName = null;
        if (history is not null && !TableName.TryParse(history, out historyName, out var historyError))
        {
            r.Error(map.Find("history_table")!.Value.Location, "settings.history_table", historyError);
        }
        else if (historyName is not null && engine is { } kind && SystemTables.Refusal(kind, historyName) is { } refusal)
        {
            r.Error(map.Find("history_table")!.Value.Location, "settings.history_table", refusal);
        }

        // SqlClient and Npgsql both read a connect timeout of 0 as "wait forever": an unattended run would hang on an
        // unreachable server instead of failing and saying so.
        int? connectionTimeout = null;
        if (map.Find("connection_timeout")?.Value is ScalarNode { Value: "0" } zero)
        {
            r.Error(zero.Location, "settings.connection_timeout", "must be between 1 and 3600 seconds, not 0: a connect timeout of 0 would wait forever for a server that does not answer");
        }
        else
        {
            connectionTimeout = (int?)r.Integer(map, "connection_timeout", path, 1, 3600);
        }

        var keyEnv = r.String(map, "masking_key_env", path);
        if (keyEnv is not null && !EnvironmentVariableName().IsMatch(keyEnv))
        {
            r.Error(map.Find("masking_key_env")!.Value.Location, "settings.masking_key_env", $"'{keyEnv}' is not an environment variable name (letters, digits and _, not starting with a digit); it names the variable that holds the key, never the key itself");
            keyEnv = null;
        }

        return new RefreshSettings
        {
            DefaultBatchSize = (int?)r.Integer(map, "default_batch_size", path, 1, int.MaxValue) ?? defaults.DefaultBatchSize,
            ConnectionTimeout = connectionTimeout ?? defaults.ConnectionTimeout,
            CommandTimeout = (int?)r.Integer(map, "command_timeout", path, 0, int.MaxValue) ?? defaults.CommandTimeout,
            MaxRetries = (int?)r.Integer(map, "max_retries", path, 0, 100) ?? defaults.MaxRetries,
            RetryDelaySeconds = r.Number(map, "retry_delay_seconds", path, 0) ?? defaults.RetryDelaySeconds,
            DryRun = r.Boolean(map, "dry_run", path) ?? false,
            VerboseLogging = r.Boolean(map, "verbose_logging", path) ?? false,
            HistoryTable = history ?? defaults.HistoryTable,
            LockTimeoutSeconds = (int?)r.Integer(map, "lock_timeout", path, 0, 86400) ?? defaults.LockTimeoutSeconds,
            IndexBuildMemoryMegabytes = (int?)r.Integer(map, "index_build_memory_mb", path, 0, 65536) ?? defaults.IndexBuildMemoryMegabytes,
            PartitionParallelism = (int?)r.Integer(map, "partition_parallelism", path, 1, RefreshSettings.MaxPartitionParallelism) ?? defaults.PartitionParallelism,
            Verify = r.Choice(map, "verify", path, VerifyModes) ?? defaults.Verify,
            MaskingKeyEnv = keyEnv ?? defaults.MaskingKeyEnv,
            RequireMasking = r.Boolean(map, "require_masking", path) ?? false,
            PersonalColumns = BindPersonalColumns(map, r) is { Count: > 0 } personal ? personal : Array.Empty<string>(),
        };
    }

    private static List<TableConfig> BindTables(SequenceNode? list, ConfigReader r, EngineKind? engine, string historyTable)
    {
        var tables = new List<TableConfig>();
        if (list is null)
        {
            return tables;
        }

        if (list.Items.Count == 0)
        {
            r.Error(list.Location, "tables", "lists no tables");
        }

        var seen = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = $"tables[{i}]";
            if (list.Items[i] is not MappingNode map)
            {
                r.Error(list.Items[i].Location, path, $"must be a mapping with name, strategy, sync_mode…, not {list.Items[i].Kind}");
                continue;
            }

            var table = BindTable(map, path, r, engine, historyTable);
            if (table is null)
            {
                continue;
            }

            if (seen.TryGetValue(table.Name, out var first))
            {
                r.Error(map.Find("name")!.Value.Location, $"{path}.name", $"table '{table.Name}' is configured twice (first at {first})");
                continue;
            }

            seen[table.Name] = map.Find("name")!.Value.Location;
            tables.Add(table);
        }

        return tables;
    }

    private static TableConfig? BindTable(MappingNode map, string path, ConfigReader r, EngineKind? engine, string historyTable)
    {
        r.CheckKeys(map, path, TableKeys);
        var name = r.String(map, "name", path, required: true);
        if (name is not null)
        {
            path = $"{path}({name})";
        }

        var strategy = r.Choice(map, "strategy", path, Strategies) ?? RefreshStrategy.SimpleCopy;
        var mode = r.Choice(map, "sync_mode", path, Modes) ?? SyncMode.FullReplace;
        var column = r.String(map, "incremental_column", path);
        var type = r.Choice(map, "incremental_type", path, IncrementalTypes);
        var buffer = (int?)r.Integer(map, "date_buffer_days", path, 0, 36500);
        var overlap = r.Integer(map, "incremental_overlap", path, 0, 1_000_000_000);
        var batch = (int?)r.Integer(map, "batch_size", path, 1, int.MaxValue);
        var truncate = r.Boolean(map, "truncate_target", path);
        var fallback = r.Boolean(map, "fallback_to_full", path);
        var limit = r.Integer(map, "row_limit", path, 1, long.MaxValue);
        var external = r.Choice(map, "external_references", path, ExternalReferenceChoices) ?? ExternalReferences.Block;
        var load = r.Choice(map, "load_method", path, LoadMethods) ?? LoadMethod.Auto;
        var triggers = r.Boolean(map, "fire_triggers", path);
        var verify = r.Choice(map, "verify", path, VerifyModes);
        var parallelism = (int?)r.Integer(map, "partition_parallelism", path, 1, RefreshSettings.MaxPartitionParallelism);
        if (map.Find("partition_parallelism") is { } parallel && strategy != RefreshStrategy.StagingPartitionSwitch)
        {
            r.Error(parallel.KeyLocation, $"{path}.partition_parallelism", "applies only to strategy: staging_partition_switch (it bounds the partition loads that run at once)");
        }

        var masking = BindMasking(map, path, r, mode == SyncMode.FullReplace ? null : column);

        TableName? parsed = null;
        if (name is not null && !TableName.TryParse(name, out parsed, out var nameError))
        {
            r.Error(map.Find("name")!.Value.Location, $"{path}.name", $"'{name}' is not a table name: {nameError}");
        }
        else if (parsed is not null && ((engine is { } kind ? SystemTables.Refusal(kind, parsed) : null) ?? SystemTables.HistoryRefusal(engine, parsed, historyTable)) is { } refusal)
        {
            r.Error(map.Find("name")!.Value.Location, $"{path}.name", refusal);
        }

        if (map.Find("sync_mode") is not null && r.Choice(map, "sync_mode", path, Modes, report: false) is null)
        {
            // An unknown sync_mode is already reported; checks that depend on the mode would only add noise.
        }
        else if (mode != SyncMode.FullReplace)
        {
            var modeText = mode == SyncMode.Incremental ? "incremental" : "smart_sync";
            if (column is null)
            {
                r.Error(map.Location, $"{path}.incremental_column", $"sync_mode: {modeText} needs incremental_column (the column whose target MAX is the watermark)");
            }

            if (type is null && map.Find("incremental_type") is null)
            {
                r.Error(map.Location, $"{path}.incremental_type", $"sync_mode: {modeText} needs incremental_type: identity, date or datetime");
            }
        }
        else
        {
            foreach (var key in new[] { "incremental_column", "incremental_type", "date_buffer_days", "incremental_overlap", "fallback_to_full" })
            {
                if (map.Find(key) is { } e)
                {
                    r.Error(e.KeyLocation, $"{path}.{key}", "applies only to sync_mode: incremental or smart_sync, and this table is full_replace");
                }
            }
        }

        if (buffer is > 0 && type == IncrementalType.Identity)
        {
            r.Error(map.Find("date_buffer_days")!.KeyLocation, $"{path}.date_buffer_days", "applies only to incremental_type: date or datetime, not identity");
        }

        if (overlap is > 0 && type is IncrementalType.Date or IncrementalType.DateTime)
        {
            r.Error(map.Find("incremental_overlap")!.KeyLocation, $"{path}.incremental_overlap", "applies only to incremental_type: identity; dates re-copy a window with date_buffer_days");
        }

        if (name is null)
        {
            return null;
        }

        return new TableConfig
        {
            Name = name,
            Strategy = strategy,
            SyncMode = mode,
            IncrementalColumn = column,
            IncrementalType = type,
            DateBufferDays = buffer ?? 0,
            IncrementalOverlap = overlap,
            BatchSize = batch,
            TruncateTarget = truncate ?? true,
            FallbackToFull = fallback ?? false,
            RowLimit = limit,
            ExternalReferences = external,
            LoadMethod = load,
            FireTriggers = triggers ?? false,
            Verify = verify,
            PartitionParallelism = parallelism,
            Masking = masking.Count > 0 ? masking : Array.Empty<ColumnMask>(),  // the shared empty list keeps record equality
            DeclaredAt = map.Location.ToString(),
        };
    }

    /// <summary>The first safety rail: never let a config point the target at the source.</summary>
    private static void CheckSides(DatabaseConfig source, DatabaseConfig target, MappingNode databases, ConfigReader r)
    {
        var at = databases.Find("target")?.Value.Location;
        if (source.Engine != target.Engine)
        {
            r.Error(at, "databases.target.engine", $"source is {source.Engine} and target is {target.Engine}: a refresh copies between two databases of the same engine");
            return;
        }

        if (SameDatabase.Equals(source, target))
        {
            r.Error(at, "databases.target", $"the target resolves to the same database as the source ({target.Display}); refusing to write to the source");
        }
    }

    /// <summary>"host,port" or "host:port" (not an IPv6 address) in a PostgreSQL server name.</summary>
    private static (string Host, int Port)? PostgreSqlServerWithPort(string server)
    {
        var at = server.LastIndexOfAny([',', ':']);
        if (at <= 0 || (server[at] == ':' && server.IndexOf(':', StringComparison.Ordinal) != at))
        {
            return null;
        }

        return int.TryParse(server.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (server[..at].Trim(), port)
            : null;
    }
}
