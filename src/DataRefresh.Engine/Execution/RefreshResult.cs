using DataRefresh.Planning;

namespace DataRefresh.Execution;

public enum RefreshStatus
{
    Succeeded,
    Failed,
    Skipped,
}

/// <summary>What happened to one table in one run.</summary>
public sealed record RefreshResult
{
    public required string RunId { get; init; }
    public required string Table { get; init; }
    public required RefreshAction Action { get; init; }
    public required RefreshStatus Status { get; init; }
    /// <summary>Rows read from the source and loaded (for a merge: into its temporary table).</summary>
    public long RowsCopied { get; init; }

    /// <summary>Target rows removed: emptied, a date buffer's window, or (merge) rows gone from the source.</summary>
    public long RowsDeleted { get; init; }

    /// <summary>Rows written as new rows: every copied row for a reload or an incremental copy; new keys for a merge.</summary>
    public long RowsInserted { get; init; }

    /// <summary>Rows a merge rewrote because a copied column differed (0 for other loads).</summary>
    public long RowsUpdated { get; init; }

    /// <summary>How a full load ran (reload or merge); null for an incremental copy or a skip.</summary>
    public Configuration.LoadMethod? LoadMethod { get; init; }
    public TimeSpan Duration { get; init; }
    public double RowsPerSecond => Duration.TotalSeconds > 0 ? Math.Round(RowsCopied / Duration.TotalSeconds, 1) : 0;
    public string? WatermarkBefore { get; init; }
    public string? WatermarkAfter { get; init; }
    public string? Error { get; init; }

    /// <summary>How many attempts the table took (retries after transient failures, or a smart_sync fallback).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Anything worth knowing beyond the status: a fallback, a dry run, a retry.</summary>
    public string? Note { get; init; }
}

/// <summary>Rows copied so far for one table.</summary>
public sealed record TableProgress(string Table, long RowsCopied, long EstimatedRows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsCopied / Elapsed.TotalSeconds : 0;

    public int PercentComplete => EstimatedRows > 0 ? (int)Math.Min(100, RowsCopied * 100 / EstimatedRows) : -1;
}

/// <summary>How the engine talks back: progress, messages and results, never through PowerShell types.</summary>
public interface IRefreshObserver
{
    void Progress(TableProgress progress);

    void Verbose(string message);

    void Warning(string message);

    void Completed(RefreshResult result);
}
