using DataRefresh.Events;

namespace DataRefresh.Execution;

/// <summary>How a session's run is started.</summary>
public sealed record RefreshRunOptions
{
    /// <summary>How many independent units refresh at once (engines that allow it).</summary>
    public int ThrottleLimit { get; init; } = 1;

    /// <summary>Who or what started the run (a cmdlet, a dashboard user), shown by <see cref="RefreshRuns"/>.</summary>
    public string StartedBy { get; init; } = Environment.UserName;

    /// <summary>
    /// Who the history rows name as the actor (their os_user column); null: the process's OS user. A host acting for
    /// a signed-in user (the dashboard) names that user here.
    /// </summary>
    public string? Actor { get; init; }

    /// <summary>
    /// Why a cancelled run stopped, in the words history and the results use ("Ctrl+C", "SIGTERM", "the dashboard
    /// stopped"); asked only when the run is cancelled. Null: "stopped by the host".
    /// </summary>
    public Func<string>? CancelReason { get; init; }

    /// <summary>Observers subscribed before the first event (later ones: <see cref="RefreshRun.Subscribe"/>).</summary>
    public IReadOnlyList<IRefreshObserver> Observers { get; init; } = [];
}
