namespace DataRefresh.Engines;

/// <summary>How this engine's exceptions are classified: retried, or a refused login.</summary>
public interface IEngineErrors
{
    /// <summary>Connection resets, deadlocks, serialization failures, too many connections: retry the whole unit.</summary>
    bool IsTransient(Exception exception);

    /// <summary>The server answered but refused the login.</summary>
    bool IsAuthenticationFailure(Exception exception);
}
