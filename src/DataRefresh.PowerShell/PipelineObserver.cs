using System.Collections.Concurrent;
using System.Management.Automation;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.PowerShell.Commands;

namespace DataRefresh.PowerShell;

/// <summary>
/// Carries engine events (from worker threads) to the pipeline thread, the only thread allowed to call Write*,
/// and renders them there: progress bars, verbose and warning lines (<see cref="RefreshEventText"/>), results.
/// The cmdlet drains it while the engine works.
/// </summary>
internal sealed class PipelineObserver : IRefreshObserver
{
    private readonly BlockingCollection<Action<DataRefreshCmdlet>> _queue = [];
    private readonly ConcurrentQueue<RefreshResult> _completed = new();

    public void OnEvent(RefreshEvent refreshEvent)
    {
        switch (refreshEvent)
        {
            case RowsProgress p:
                _queue.Add(c => c.WriteTableProgress(p.Progress));
                break;
            case TableFinished f:
                _completed.Enqueue(f.Result);
                _queue.Add(c => c.WriteResult(f.Result));
                break;
            default:
                if (RefreshEventText.Warning(refreshEvent) is { } warning)
                {
                    _queue.Add(c => c.WriteWarning(warning));
                }
                else if (RefreshEventText.Verbose(refreshEvent) is { } verbose)
                {
                    _queue.Add(c => c.WriteEngineVerbose(verbose));
                }

                break;
        }
    }

    /// <summary>
    /// Run the engine work, writing its messages as they come, and return its value. When writing throws (Ctrl+C,
    /// or -ErrorAction Stop on a failed table), the engine is cancelled and drained until it has rolled back, so
    /// no transaction is left running behind a returned prompt; then the exception goes on.
    /// </summary>
    public T Pump<T>(DataRefreshCmdlet cmdlet, Func<Task<T>> work, Action cancel)
    {
        var task = Task.Run(work);
        task.ContinueWith(_ => _queue.CompleteAdding(), TaskScheduler.Default);
        Exception? stopped = null;
        foreach (var action in _queue.GetConsumingEnumerable())
        {
            if (stopped is not null)
            {
                continue;
            }

            try
            {
                action(cmdlet);
            }
            catch (Exception ex) when (ex is PipelineStoppedException or ActionPreferenceStopException or RuntimeException)
            {
                stopped = ex;
                cancel();
            }
        }

        if (stopped is not null)
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }

            if (stopped is PipelineStoppedException)
            {
                // Ctrl+C: the pipeline takes no more output, but the DBA at the prompt must know what was undone.
                cmdlet.WriteStopSummary([.. _completed]);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(stopped).Throw();
        }

        return task.GetAwaiter().GetResult();
    }
}
