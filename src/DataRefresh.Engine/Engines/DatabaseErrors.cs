using System.Data.Common;
using DataRefresh.Engines.PostgreSql;
using Npgsql;

namespace DataRefresh.Engines;

/// <summary>
/// A database error as a DBA reads it: the first line says what failed (SQLSTATE or number, table, constraint),
/// the next lines what the server added (DETAIL, HINT). No stack traces, no connection strings.
/// </summary>
public static class DatabaseErrors
{
    /// <summary>What replaces a server's DETAIL when it must not be shown.</summary>
    public const string Withheld = "DETAIL: withheld (it may quote row values of a masked column)";

    /// <summary>
    /// The error text. <paramref name="showDetail"/> false leaves out the server's DETAIL, which quotes row values
    /// (Key (email)=(…)): the runner decides it per unit (see RefreshRunner.ShowsServerDetail), for data masking.
    /// </summary>
    public static string Describe(Exception exception, bool showDetail = true)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AggregateException { InnerExceptions.Count: 1 } agg => Describe(agg.InnerExceptions[0], showDetail),
            PostgresException pg => PostgreSqlErrors.Describe(pg, showDetail),
            ConstraintViolationException { Detail: not null } c when !showDetail => $"{c.Summary}\n{Withheld}",
            _ => exception.Message,
        };
    }
}

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
