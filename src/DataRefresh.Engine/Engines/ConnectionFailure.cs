namespace DataRefresh.Engines;

/// <summary>Why a connection failed, as a DBA would say it; Test-RefreshConfig reports each as its own check.</summary>
public enum ConnectionFailure
{
    /// <summary>Anything the engine could not name more precisely (the server's own words follow).</summary>
    Other,

    /// <summary>Nothing listening at host:port.</summary>
    Refused,

    /// <summary>The host name does not resolve.</summary>
    UnknownHost,

    /// <summary>No answer within settings.connection_timeout.</summary>
    TimedOut,

    /// <summary>The server answered, but the database does not exist (or the login may not open it).</summary>
    DatabaseMissing,

    /// <summary>The server answered and refused the login.</summary>
    LoginFailed,

    /// <summary>Not attempted: a credential environment variable is not set or is blank.</summary>
    Credentials,
}
