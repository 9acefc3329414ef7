namespace DataRefresh.Configuration;

/// <summary>Which database product a side of the refresh runs on.</summary>
public enum EngineKind
{
    SqlServer,
    PostgreSql,
    Sqlite,
}
