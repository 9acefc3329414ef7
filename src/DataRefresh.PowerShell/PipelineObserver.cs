using System.Collections.Concurrent;
using System.Management.Automation;
using DataRefresh.Execution;
using DataRefresh.PowerShell.Commands;

namespace DataRefresh.PowerShell;

/// <summary>
/// Carries engine callbacks (from worker threads) to the pipeline thread, the only thread allowed to call
/// Write*. The cmdlet drains it while the engine works.
/// </summary>
internal sealed class PipelineObserver : IRefreshObserver
{
    private readonly BlockingCollection<Action<DataRefreshCmdlet>> _queue = [];
    private readonly ConcurrentQueue<RefreshResult> _completed = new();

    public void Progress(TableProgress progress) => _queue.Add(c => c.WriteTableProgress(progress));

    public void Verbose(string message) => _queue.Add(c => c.WriteEngineVerbose(message));

    public void Warning(string message) => _queue.Add(c => c.WriteWarning(message));

    public void Completed(RefreshResult result)
    {
        _completed.Enqueue(result);
        _queue.Add(c => c.WriteResult(result));
    }

    public void Post(Action<DataRefreshCmdlet> action) => _queue.Add(action);

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
