namespace DataRefresh.Configuration;

/// <summary>How a connection authenticates. Secrets never live in the config: see <see cref="CredentialVariables"/>.</summary>
public enum AuthType
{
    /// <summary>Integrated security (Windows/Kerberos on SQL Server, GSS/peer on PostgreSQL).</summary>
    Windows,

    /// <summary>User and password from SOURCE_DB_USER/SOURCE_DB_PASSWORD or TARGET_DB_USER/TARGET_DB_PASSWORD.</summary>
    Sql,

    /// <summary>No authentication (SQLite files).</summary>
    None,
}
