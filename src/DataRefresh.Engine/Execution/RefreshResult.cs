using DataRefresh.Planning;

namespace DataRefresh.Execution;

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

    /// <summary>What the plan said the table would do; <see cref="Action"/> is what it did.</summary>
    public RefreshAction? PlannedAction { get; init; }

    /// <summary>How the run-time decision under the table lock differed from the plan (target emptied, watermark moved), or null.</summary>
    public string? Deviation { get; init; }

    /// <summary>The steps of the last attempt, in order, with their durations and rows (what the verbose lines say, as data).</summary>
    public IReadOnlyList<StepTiming> Steps { get; init; } = [];

    /// <summary>
    /// verify: the comparison with production after commit: Equal, Different (the table then Failed, its rows
    /// committed), NotComparable, Incomplete, Error or Skipped; null when not verified (verify: off, or not committed).
    /// </summary>
    public string? VerifyStatus { get; init; }

    /// <summary>What verify compared and found, in words (counts and ranges, never row values).</summary>
    public string? VerifyDetail { get; init; }

    /// <summary>The configuration the run used, so a result piped on (to Compare-TableState) knows where its table lives.</summary>
    public Configuration.RefreshConfig? Config { get; init; }
}
