namespace DataRefresh.Configuration;

/// <summary>Which database product a side of the refresh runs on.</summary>
public enum EngineKind
{
    SqlServer,
    PostgreSql,
    Sqlite,
}

/// <summary>How a connection authenticates. Secrets never live in the config: see <see cref="Credentials"/>.</summary>
public enum AuthType
{
    /// <summary>Integrated security (Windows/Kerberos on SQL Server, GSS/peer on PostgreSQL).</summary>
    Windows,

    /// <summary>User and password from SOURCE_DB_USER/SOURCE_DB_PASSWORD or TARGET_DB_USER/TARGET_DB_PASSWORD.</summary>
    Sql,

    /// <summary>No authentication (SQLite files).</summary>
    None,
}

public enum DatabaseSide
{
    Source,
    Target,
}

public enum RefreshStrategy
{
    SimpleCopy,
    StagingPartitionSwitch,
}

public enum SyncMode
{
    FullReplace,
    Incremental,
    SmartSync,
}

public enum IncrementalType
{
    Identity,
    Date,
    DateTime,
}

/// <summary>What a full_replace does about foreign keys from tables that are not emptied in the same unit.</summary>
public enum ExternalReferences
{
    /// <summary>Refuse in the plan: emptying the table would break rows that reference it.</summary>
    Block,

    /// <summary>Defer constraint checks to commit; the unit commits only if the reloaded rows still satisfy every reference.</summary>
    Defer,
}

/// <summary>How a full_replace loads a table: empty it and copy, or merge the source's rows into it by key.</summary>
public enum LoadMethod
{
    /// <summary>Merge when the table has a primary key and something outside the run's reloads references it; reload otherwise.</summary>
    Auto,

    /// <summary>Empty the table (TRUNCATE or DELETE) and copy every source row.</summary>
    Reload,

    /// <summary>Copy into a temporary table, then delete rows gone from the source, update changed rows, insert new ones.</summary>
    Merge,
}

/// <summary>One side of the refresh: where it is and how to log in. Never holds a password.</summary>
public sealed record DatabaseConfig
{
    public required DatabaseSide Side { get; init; }
    public EngineKind Engine { get; init; } = EngineKind.SqlServer;
    public string? Server { get; init; }
    public int? Port { get; init; }
    public required string Database { get; init; }
    public AuthType Auth { get; init; } = AuthType.Windows;
    public bool TrustServerCertificate { get; init; }
    public int? PacketSize { get; init; }
    public string? ApplicationName { get; init; }

    /// <summary>Directory of the file that named this database: relative SQLite paths resolve against it.</summary>
    public string BaseDirectory { get; init; } = ".";

    public string UserVariable => Side == DatabaseSide.Source ? "SOURCE_DB_USER" : "TARGET_DB_USER";
    public string PasswordVariable => Side == DatabaseSide.Source ? "SOURCE_DB_PASSWORD" : "TARGET_DB_PASSWORD";

    /// <summary>Where this side is, for messages: server/database, never credentials.</summary>
    public override string ToString() => $"{Side}: {Display} ({Engine})";

    public string Display => Engine == EngineKind.Sqlite ? $"sqlite:{Database}" : $"{Server}{(Port is null ? "" : ":" + Port)}/{Database}";
}

public sealed record TableConfig
{
    public required string Name { get; init; }
    public RefreshStrategy Strategy { get; init; } = RefreshStrategy.SimpleCopy;
    public SyncMode SyncMode { get; init; } = SyncMode.FullReplace;
    public string? IncrementalColumn { get; init; }
    public IncrementalType? IncrementalType { get; init; }
    public int DateBufferDays { get; init; }

    /// <summary>
    /// incremental_overlap: with identity, re-read the last N ids up to the watermark and insert those the target
    /// lacks (rows numbered before, but committed after, the last copy). Null: not set, <see cref="DefaultIncrementalOverlap"/> where it can apply.
    /// </summary>
    public long? IncrementalOverlap { get; init; }

    /// <summary>The window re-read when incremental_overlap is not set.</summary>
    public const long DefaultIncrementalOverlap = 1000;
    public int? BatchSize { get; init; }
    public bool TruncateTarget { get; init; } = true;
    public bool FallbackToFull { get; init; }
    public long? RowLimit { get; init; }
    public ExternalReferences ExternalReferences { get; init; } = ExternalReferences.Block;
    public LoadMethod LoadMethod { get; init; } = LoadMethod.Auto;

    /// <summary>Let UAT's user triggers on the table fire during the load (off by default: a refreshed table equals the source).</summary>
    public bool FireTriggers { get; init; }

    /// <summary>Where the table's entry was declared, for messages.</summary>
    public string DeclaredAt { get; init; } = "";

    public override string ToString() => $"{Name} ({SyncMode})";
}

public sealed record RefreshSettings
{
    public int DefaultBatchSize { get; init; } = 5000;
    public int ConnectionTimeout { get; init; } = 30;
    public int CommandTimeout { get; init; } = 300;
    public int MaxRetries { get; init; } = 3;
    public double RetryDelaySeconds { get; init; } = 2;
    public bool DryRun { get; init; }
    public bool VerboseLogging { get; init; }
    public string HistoryTable { get; init; } = "datarefresh_history";
    public int LockTimeoutSeconds { get; init; }
}

/// <summary>A validated, merged configuration: immutable, and safe to print (it holds no secrets).</summary>
public sealed record RefreshConfig
{
    public required IReadOnlyList<string> Files { get; init; }
    public required DatabaseConfig Source { get; init; }
    public required DatabaseConfig Target { get; init; }
    public required IReadOnlyList<TableConfig> Tables { get; init; }
    public required RefreshSettings Settings { get; init; }

    /// <summary>The <c>dashboard:</c> section, when the file has one (Start-RefreshDashboard needs it).</summary>
    public DashboardConfig? Dashboard { get; init; }

    public int BatchSizeFor(TableConfig table) => table.BatchSize ?? Settings.DefaultBatchSize;

    public override string ToString() => $"{string.Join(" + ", Files.Select(Path.GetFileName))}: {Source.Display} -> {Target.Display} ({Tables.Count} tables)";
}
