namespace DataRefresh.Engines;

/// <summary>What identifies a connected database, as the server reports it (compare with <see cref="Configuration.SameDatabase.Reported"/>).</summary>
/// <param name="Server">The server's own current name (SQL Server: SERVERPROPERTY('ServerName'); PostgreSQL: the cluster's system identifier).</param>
/// <param name="Database">The database's name on that server.</param>
public sealed record ServerIdentity(string Server, string Database)
{
    /// <summary>
    /// What every copy of a replicated database shares, whichever server answers (SQL Server: the availability
    /// group's group_database_id, the same on the primary and each secondary); null when not replicated or unknown.
    /// </summary>
    public string? ReplicaOf { get; init; }
}
