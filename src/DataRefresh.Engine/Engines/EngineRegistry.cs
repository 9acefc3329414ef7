using DataRefresh.Configuration;
using DataRefresh.Engines.PostgreSql;
using DataRefresh.Engines.Sqlite;
using DataRefresh.Engines.SqlServer;

namespace DataRefresh.Engines;

/// <summary>The one place that maps a config's <c>engine:</c> to its dialect.</summary>
public static class EngineRegistry
{
    private static readonly PostgreSqlEngine PostgreSql = new();
    private static readonly SqliteEngine Sqlite = new();
    private static readonly SqlServerEngine SqlServer = new();

    public static IDatabaseEngine For(EngineKind kind) => kind switch
    {
        EngineKind.PostgreSql => PostgreSql,
        EngineKind.Sqlite => Sqlite,
        EngineKind.SqlServer => SqlServer,
        _ => throw new NotSupportedException($"engine: {kind.ToString().ToLowerInvariant()} is not supported"),
    };
}
