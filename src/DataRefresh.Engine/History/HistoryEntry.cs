namespace DataRefresh.History;

/// <summary>One row of the history table: one attempt at one table.</summary>
public sealed record HistoryEntry
{
    public required string EntryId { get; init; }
    public required string RunId { get; init; }
    public required string Table { get; init; }
    public int Attempt { get; init; } = 1;
    public string SyncMode { get; init; } = "";
    public string Action { get; init; } = "";
    public HistoryStatus Status { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime? EndedAt { get; init; }
    public long RowsCopied { get; init; }
    public long RowsDeleted { get; init; }

    /// <summary>Rows written as new rows (a merge's new keys; every copied row otherwise); null in rows written before the column existed.</summary>
    public long? RowsInserted { get; init; }

    /// <summary>Rows a merge rewrote; null in rows written before the column existed.</summary>
    public long? RowsUpdated { get; init; }

    /// <summary>
    /// verify: the comparison with production after the refresh committed: Equal, Different, NotComparable,
    /// Incomplete, Error or Skipped (null: not verified — verify: off, the refresh did not commit, or a row written
    /// before the column existed).
    /// </summary>
    public string? VerifyStatus { get; init; }

    /// <summary>What the verification compared and found (method, row counts, differing ranges, or why it did not run).</summary>
    public string? VerifyDetail { get; init; }

    /// <summary>The columns masked on the way in and their rules (<c>email: email, id: hash</c>): names only, never values; null when none were.</summary>
    public string? MaskedColumns { get; init; }

    public string? WatermarkBefore { get; init; }
    public string? WatermarkAfter { get; init; }
    public string? Error { get; init; }
    public string OsUser { get; init; } = "";
    public string DatabaseLogin { get; init; } = "";
    public string Host { get; init; } = "";
    public int ProcessId { get; init; }
    public string ModuleVersion { get; init; } = "";

    public TimeSpan? Duration => EndedAt is { } end ? end - StartedAt : null;
}
