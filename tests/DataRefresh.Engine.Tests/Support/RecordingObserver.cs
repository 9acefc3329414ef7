using System.Collections.Concurrent;
using DataRefresh.Execution;

namespace DataRefresh.Tests.Support;

public sealed class RecordingObserver : IRefreshObserver
{
    public ConcurrentQueue<TableProgress> ProgressReports { get; } = new();
    public ConcurrentQueue<string> Messages { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    public ConcurrentQueue<RefreshResult> Results { get; } = new();

    public Action<TableProgress>? OnProgress { get; set; }

    public void Progress(TableProgress progress)
    {
        ProgressReports.Enqueue(progress);
        OnProgress?.Invoke(progress);
    }

    public Action<string>? OnVerbose { get; set; }

    public void Verbose(string message)
    {
        Messages.Enqueue(message);
        OnVerbose?.Invoke(message);
    }

    public void Warning(string message) => Warnings.Enqueue(message);

    public void Completed(RefreshResult result) => Results.Enqueue(result);
}
