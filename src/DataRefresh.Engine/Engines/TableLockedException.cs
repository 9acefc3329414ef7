namespace DataRefresh.Engines;

/// <summary>Another run holds the table's refresh lock.</summary>
public sealed class TableLockedException : Exception
{
    public TableLockedException(string message)
        : base(message)
    {
    }

    public TableLockedException()
    {
    }

    public TableLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
