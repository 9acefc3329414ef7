using System.Collections.Concurrent;
using DataRefresh.Events;
using DataRefresh.Execution;

namespace DataRefresh.Tests.Support;

/// <summary>Records a run's events; tests assert on the events (steps, attempts, results), the text only where the text is the point.</summary>
public sealed class RecordingObserver : IRefreshObserver
{
    public ConcurrentQueue<RefreshEvent> Events { get; } = new();
    public ConcurrentQueue<TableProgress> ProgressReports { get; } = new();

    /// <summary>The verbose lines the events render to (what -Verbose shows).</summary>
    public ConcurrentQueue<string> Messages { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    public ConcurrentQueue<RefreshResult> Results { get; } = new();

    public Action<TableProgress>? OnProgress { get; set; }

    /// <summary>Called with every event as the engine publishes it, on the engine's thread (a kill point, say).</summary>
    public Action<RefreshEvent>? OnAnyEvent { get; set; }

    /// <summary>Steps finished so far, in order.</summary>
    public IReadOnlyList<StepFinished> Steps => [.. Events.OfType<StepFinished>()];

    public void OnEvent(RefreshEvent refreshEvent)
    {
        Events.Enqueue(refreshEvent);
        switch (refreshEvent)
        {
            case RowsProgress p:
                ProgressReports.Enqueue(p.Progress);
                OnProgress?.Invoke(p.Progress);
                break;
            case TableFinished f:
                Results.Enqueue(f.Result);
                break;
            default:
                if (RefreshEventText.Warning(refreshEvent) is { } warning)
                {
                    Warnings.Enqueue(warning);
                }
                else if (RefreshEventText.Verbose(refreshEvent) is { } verbose)
                {
                    Messages.Enqueue(verbose);
                }

                break;
        }

        OnAnyEvent?.Invoke(refreshEvent);
    }
}
