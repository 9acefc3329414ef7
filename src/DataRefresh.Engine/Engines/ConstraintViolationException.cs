using System.Data.Common;

namespace DataRefresh.Engines;

/// <summary>
/// A constraint violation the engine explained itself, where the database's own message names no table or key
/// (SQLite's "FOREIGN KEY constraint failed"): the summary names the table, the detail the offending key.
/// </summary>
public sealed class ConstraintViolationException : DbException
{
    public ConstraintViolationException(string summary, string? detail, Exception innerException)
        : base(detail is null ? summary : $"{summary}\nDETAIL: {detail}", innerException)
    {
        Summary = summary;
        Detail = detail;
    }

    public ConstraintViolationException()
    {
        Summary = "";
    }

    public ConstraintViolationException(string message)
        : base(message)
    {
        Summary = message;
    }

    public ConstraintViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Summary = message;
    }

    /// <summary>The first line: what failed, on which table.</summary>
    public string Summary { get; }

    /// <summary>The offending key as the rows hold it (row values: withheld where masking applies).</summary>
    public string? Detail { get; }
}
