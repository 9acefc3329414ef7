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

    /// <summary>
    /// Whether two connected databases are one, from what their servers report: the same server and database name,
    /// or two replicas of one availability-group database (read-only routing can send the source to a secondary
    /// while a differently spelled target reaches the primary). Null when they differ; otherwise why they are one,
    /// naming what each side reported.
    /// </summary>
    public static string? Reported(Engines.ServerIdentity source, Engines.ServerIdentity target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.Server == target.Server && source.Database == target.Database)
        {
            return $"both report {target.Server}/{target.Database}";
        }

        if (source.ReplicaOf is { Length: > 0 } replica && string.Equals(replica, target.ReplicaOf, StringComparison.OrdinalIgnoreCase))
        {
            return $"the source ({source.Server}/{source.Database}) and the target ({target.Server}/{target.Database}) are replicas of one availability-group database (group_database_id {replica}): writing to the target writes to the source";
        }

        return null;
    }

    public static string SqliteFile(DatabaseConfig db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database == ":memory:" ? db.Database : Path.GetFullPath(Path.Combine(db.BaseDirectory, db.Database));
    }

    /// <summary>The port: the config's port key, else one written in the server (SQL Server's "host,port"), else the default.</summary>
    private static int PortOf(DatabaseConfig db)
    {
        var server = (db.Server ?? "").Trim();
        var comma = server.LastIndexOf(',');
        if (db.Port is { } port)
        {
            return port;
        }

        return comma >= 0 && int.TryParse(server[(comma + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var written)
            ? written
            : db.Engine == EngineKind.PostgreSql ? 5432 : 1433;
    }

    /// <summary>The host (and SQL Server instance name), with every spelling of this machine made one.</summary>
    private static string Host(string? server)
    {
        var host = (server ?? "").Trim().ToLowerInvariant();
        if (host.StartsWith("tcp:", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        host = host.Split(',')[0];
        var instance = "";
        var slash = host.IndexOf('\\', StringComparison.Ordinal);
        if (slash >= 0)
        {
            instance = host[slash..];
            host = host[..slash];
        }

        host = host is "." or "(local)" or "localhost" or "127.0.0.1" or "::1" or "[::1]" ? "localhost" : host;
        return host + instance;
    }
}
