namespace DataRefresh.Configuration;

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
