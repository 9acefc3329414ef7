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

    public void Progress(TableProgress progress) => _queue.Add(c => c.WriteTableProgress(progress));

    public void Verbose(string message) => _queue.Add(c => c.WriteVerbose(message));

    public void Warning(string message) => _queue.Add(c => c.WriteWarning(message));

    public void Completed(RefreshResult result) => _queue.Add(c => c.WriteResult(result));

    public void Post(Action<DataRefreshCmdlet> action) => _queue.Add(action);

    /// <summary>Run the engine work, writing its messages as they come, and return its value.</summary>
    public T Pump<T>(DataRefreshCmdlet cmdlet, Func<Task<T>> work)
    {
        var task = Task.Run(work);
        task.ContinueWith(_ => _queue.CompleteAdding(), TaskScheduler.Default);
        PipelineStoppedException? stopped = null;
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
            catch (PipelineStoppedException ex)
            {
                // Ctrl+C: keep draining until the engine has rolled back, then stop.
                stopped = ex;
            }
        }

        if (stopped is not null)
        {
            throw stopped;
        }

        return task.GetAwaiter().GetResult();
    }
}
