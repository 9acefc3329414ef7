namespace DataRefresh.Events;

/// <summary>
/// Something a run did or is doing, as data: hosts (the cmdlets' verbose and progress output, a dashboard, tests,
/// the bench) read these, never the text rendered from them (<see cref="RefreshEventText"/>).
/// </summary>
public abstract record RefreshEvent
{
    public required string RunId { get; init; }

    /// <summary>The configured table name the event is about; null for the run as a whole.</summary>
    public string? Table { get; init; }

    /// <summary>The attempt at the table's unit (retries after transient failures, a fallback to full).</summary>
    public int Attempt { get; init; } = 1;

    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}
