using DataRefresh.Events;

namespace DataRefresh.Execution;

/// <summary>How a session's run is started.</summary>
public sealed record RefreshRunOptions
{
    /// <summary>How many independent units refresh at once (engines that allow it).</summary>
    public int ThrottleLimit { get; init; } = 1;

    /// <summary>Who or what started the run (a cmdlet, a dashboard user), shown by <see cref="RefreshRuns"/>.</summary>
    public string StartedBy { get; init; } = Environment.UserName;

    /// <summary>Observers subscribed before the first event (later ones: <see cref="RefreshRun.Subscribe"/>).</summary>
    public IReadOnlyList<IRefreshObserver> Observers { get; init; } = [];
}
