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
