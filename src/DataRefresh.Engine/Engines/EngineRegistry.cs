using DataRefresh.Configuration;
using DataRefresh.Engines.PostgreSql;
using DataRefresh.Engines.Sqlite;

namespace DataRefresh.Engines;

/// <summary>The one place that maps a config's <c>engine:</c> to its dialect.</summary>
public static class EngineRegistry
{
    private static readonly PostgreSqlEngine PostgreSql = new();
    private static readonly SqliteEngine Sqlite = new();

    public static IDatabaseEngine For(EngineKind kind) => kind switch
    {
        EngineKind.PostgreSql => PostgreSql,
        EngineKind.Sqlite => Sqlite,
        _ => throw new NotSupportedException($"engine: {kind.ToString().ToLowerInvariant()} is not supported yet in this version of DataRefresh (postgresql and sqlite are)"),
    };
}
