namespace DataRefresh.Engines;

/// <summary>A failure to reach or log in to a database, with the side and place named and no secrets.</summary>
public sealed class DatabaseConnectionException : Exception
{
    public DatabaseConnectionException(string message, ConnectionFailure failure, Exception? innerException)
        : base(message, innerException) => Failure = failure;

    public DatabaseConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatabaseConnectionException()
    {
    }

    public DatabaseConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>The cause, named in the message's first line too.</summary>
    public ConnectionFailure Failure { get; }
}
