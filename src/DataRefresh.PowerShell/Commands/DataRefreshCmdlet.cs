using System.Management.Automation;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Events;
using DataRefresh.Execution;

namespace DataRefresh.PowerShell.Commands;

/// <summary>What every DataRefresh cmdlet shares: config loading, cancellation, the engine pump, error records.</summary>
public abstract class DataRefreshCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private bool _verboseLogging;

    protected CancellationToken StopToken => _stop.Token;

    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>The command's terminating errors (configuration, connection, refusal) go through here, so a command can end a job its own way.</summary>
    protected virtual void ThrowRefreshError(ErrorRecord errorRecord) => ThrowTerminatingError(errorRecord);

    /// <summary>Cancel the engine work as Ctrl+C does (from a signal handler, say), without stopping the pipeline.</summary>
    protected void CancelRun() => _stop.Cancel();

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Paths resolve against the PowerShell location, not the process directory.</summary>
    protected RefreshConfig LoadConfig(string[] paths)
    {
        var resolved = paths.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)).ToList();
        try
        {
            var config = ConfigLoader.Load(resolved);
            UseConfig(config);
            return config;
        }
        catch (ConfigValidationException ex)
        {
            ThrowRefreshError(new ErrorRecord(ex, "InvalidRefreshConfig", ErrorCategory.InvalidData, string.Join(", ", paths)));
            throw;
        }
    }

    /// <summary>Run engine work off the pipeline thread and write what it reports; failures become terminating errors.</summary>
    internal T RunEngine<T>(Func<IRefreshObserver, CancellationToken, Task<T>> work, object? target = null)
    {
        var observer = new PipelineObserver();
        try
        {
            return observer.Pump(this, () => work(observer, StopToken), _stop.Cancel);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (Classify(ex) is { } category)
        {
            ThrowRefreshError(new ErrorRecord(ex, category.Id, category.Category, target));
            throw;
        }
    }

    private static (string Id, ErrorCategory Category)? Classify(Exception ex) => ex switch
    {
        DatabaseConnectionException => ("DatabaseConnectionFailed", ErrorCategory.ConnectionError),
        NotSupportedException => ("EngineNotSupported", ErrorCategory.NotImplemented),
        ArgumentException => ("InvalidArgument", ErrorCategory.InvalidArgument),
        InvalidOperationException => ("RefusedToRun", ErrorCategory.InvalidOperation),
        System.Data.Common.DbException => ("DatabaseError", ErrorCategory.InvalidResult),
        TimeoutException => ("Timeout", ErrorCategory.OperationTimeout),
        _ => null,
    };

    /// <summary>settings.verbose_logging shows the engine's step-by-step messages without -Verbose.</summary>
    protected void UseConfig(RefreshConfig config) => _verboseLogging = config.Settings.VerboseLogging;

    internal void WriteEngineVerbose(string message)
    {
        if (_verboseLogging && !MyInvocation.BoundParameters.ContainsKey("Verbose"))
        {
            Host.UI.WriteVerboseLine(message);
        }
        else
        {
            WriteVerbose(message);
        }
    }

    internal void WriteTableProgress(TableProgress progress)
    {
        var record = new ProgressRecord(ActivityId(progress.Table), $"Refreshing {progress.Table}", $"{progress.RowsCopied:N0} rows copied, {progress.RowsPerSecond:N0} rows/s")
        {
            PercentComplete = progress.PercentComplete,
        };
        WriteProgress(record);
    }

    internal void CompleteProgress(string table) =>
        WriteProgress(new ProgressRecord(ActivityId(table), $"Refreshing {table}", "done") { RecordType = ProgressRecordType.Completed });

    internal virtual void WriteResult(RefreshResult result) => WriteObject(result);

    /// <summary>
    /// One line after Ctrl+C, straight to the host (the stopped pipeline refuses Write*): which tables were rolled
    /// back, which never started, which had already committed.
    /// </summary>
    internal void WriteStopSummary(IReadOnlyList<RefreshResult> results)
    {
        var rolledBack = results.Where(r => r.Status == RefreshStatus.Failed && r.Error?.StartsWith("cancelled", StringComparison.Ordinal) == true).Select(r => r.Table).ToList();
        var notStarted = results.Where(r => r.Status == RefreshStatus.Skipped && r.Note?.StartsWith("not started", StringComparison.Ordinal) == true).Select(r => r.Table).ToList();
        var committed = results.Where(r => r.Status == RefreshStatus.Succeeded).Select(r => r.Table).ToList();
        if (rolledBack.Count + notStarted.Count == 0)
        {
            return;
        }

        var parts = new List<string>();
        if (rolledBack.Count > 0)
        {
            parts.Add($"rolled back {string.Join(", ", rolledBack)} (the target keeps {(rolledBack.Count == 1 ? "its" : "their")} previous rows)");
        }

        if (notStarted.Count > 0)
        {
            parts.Add($"not started: {string.Join(", ", notStarted)}");
        }

        if (committed.Count > 0)
        {
            parts.Add($"already committed: {string.Join(", ", committed)}");
        }

        try
        {
            Host?.UI?.WriteWarningLine($"Ctrl+C: {string.Join("; ", parts)}");
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or NotImplementedException or IOException)
        {
            // A host without a console (a hosted runspace) has nowhere to print it; the history table has it all.
        }
    }

    private static int ActivityId(string table) => 1 + (int)((uint)StringComparer.OrdinalIgnoreCase.GetHashCode(table) % 100000);
}
