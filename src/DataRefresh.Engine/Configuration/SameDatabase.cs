namespace DataRefresh.Configuration;

/// <summary>
/// Decides, from configuration alone, whether two database entries name the same database. Engines confirm
/// it again after connecting, from what the servers report about themselves.
/// </summary>
public static class SameDatabase
{
    public static bool Equals(DatabaseConfig a, DatabaseConfig b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Engine != b.Engine)
        {
            return false;
        }

        if (a.Engine == EngineKind.Sqlite)
        {
            return string.Equals(SqliteFile(a), SqliteFile(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        var comparison = a.Engine == EngineKind.SqlServer ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(Host(a.Server), Host(b.Server), StringComparison.OrdinalIgnoreCase)
            && PortOf(a) == PortOf(b)
            && string.Equals(a.Database, b.Database, comparison);
    }

    public static string SqliteFile(DatabaseConfig db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database == ":memory:" ? db.Database : Path.GetFullPath(Path.Combine(db.BaseDirectory, db.Database));
    }

    private static int PortOf(DatabaseConfig db) => db.Port ?? (db.Engine == EngineKind.PostgreSql ? 5432 : 1433);

    private static string Host(string? server)
    {
        var host = (server ?? "").Trim().ToLowerInvariant();
        if (host.StartsWith("tcp:", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        host = host.Split(',')[0];
        return host is "." or "(local)" or "localhost" or "127.0.0.1" or "::1" or "[::1]" ? "localhost" : host;
    }
}
