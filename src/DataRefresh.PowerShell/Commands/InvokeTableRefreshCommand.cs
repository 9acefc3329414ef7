using System.Management.Automation;
using System.Management.Automation.Host;
using System.Runtime.InteropServices;
using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;

namespace DataRefresh.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Refreshes UAT tables from production: one transaction per table (or per group of tables tied by foreign keys).</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "TableRefresh", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ConfigSet)]
[OutputType(typeof(RefreshResult))]
public sealed class InvokeTableRefreshCommand : DataRefreshCmdlet
{
    private const string ConfigSet = "Config";
    private const string PlanSet = "Plan";
    private readonly List<RefreshPlan> _piped = [];

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ConfigSet)]
    [ValidateNotNullOrEmpty]
    public string[] Config { get; set; } = [];

    [Parameter(Position = 1, ParameterSetName = ConfigSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TableNameCompleter))]
    public string[]? Table { get; set; }

    /// <summary>
    /// Plans from Get-RefreshPlan: they run as planned (production's catalogs are not read again); at run time the
    /// engine re-checks each table's columns, and under the table lock its watermark and emptiness, and the result
    /// says where it decided differently (Deviation).
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
    public RefreshPlan[] Plan { get; set; } = [];

    /// <summary>Refresh without asking for confirmation (for SQL Agent jobs and scripts).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How many independent tables refresh at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>
    /// For jobs: after every table has been tried, a table that was not refreshed fails the command (a terminating
    /// error naming the tables); in a non-interactive pwsh every failure also sets pwsh's exit code
    /// (<see cref="JobExitCode"/>), writes one line to stderr and ends the script.
    /// </summary>
    [Parameter]
    public SwitchParameter FailOnError { get; set; }

    private volatile bool _terminated;

    /// <summary>-FailOnError in a job's pwsh: failures end the script with an exit code.</summary>
    private bool _job;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PlanSet)
        {
            _piped.AddRange(Plan);
        }
    }

    protected override void EndProcessing()
    {
        if (!FailOnError)
        {
            _ = Refresh();
            return;
        }

        _job = JobExitCode.IsJobProcess(Host);
        using var sigterm = _job ? HandleSigterm() : null;
        IReadOnlyList<RefreshResult> results;
        try
        {
            results = Refresh();
        }
        catch (PipelineStoppedException) when (_job && StopToken.IsCancellationRequested)
        {
            ExitStopped();
            throw;
        }
        catch (ActionPreferenceStopException ex) when (_job)
        {
            // -ErrorAction Stop ends the run at the first failed table: still a table failure, not a configuration one.
            Exit(JobExitCode.TablesFailed, JobExitCode.OneLine(ex.ErrorRecord?.Exception?.Message ?? ex.Message) + " (-ErrorAction Stop: the tables after it were not tried)");
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (_job && ex is not PipelineStoppedException)
        {
            Exit(JobExitCode.CannotRun, JobExitCode.OneLine((ex as RuntimeException)?.ErrorRecord?.Exception?.Message ?? ex.Message));
            throw new PipelineStoppedException();
        }

        if (_job && StopToken.IsCancellationRequested)
        {
            // SIGTERM cancels the engine, not the pipeline: the run returns with the table at work rolled back.
            ExitStopped();
            throw new PipelineStoppedException();
        }

        var failed = results.Where(r => r.Status == RefreshStatus.Failed || (r.Status == RefreshStatus.Skipped && r.Error is not null)).ToList();
        if (failed.Count == 0)
        {
            return;
        }

        var message = $"{failed.Count} of {results.Count} table{(results.Count == 1 ? " was" : "s were")} not refreshed: "
            + string.Join("; ", failed.Select(r => $"{r.Table} ({(r.Status == RefreshStatus.Failed ? "failed" : "skipped")}: {JobExitCode.OneLine(r.Error ?? "")})"));
        if (_job)
        {
            Exit(JobExitCode.TablesFailed, message);
            throw new PipelineStoppedException();
        }

        ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "TablesFailed", ErrorCategory.InvalidResult, failed.Select(r => r.Table).ToArray()));
    }

    /// <summary>
    /// In a job, a terminating error (configuration, connection, refusal) becomes the one line and exit code 2,
    /// instead of PowerShell's error view of the job script's line.
    /// </summary>
    protected override void ThrowRefreshError(ErrorRecord errorRecord)
    {
        ArgumentNullException.ThrowIfNull(errorRecord);
        if (_job)
        {
            Exit(JobExitCode.CannotRun, JobExitCode.OneLine(errorRecord.Exception.Message));
            throw new PipelineStoppedException();
        }

        base.ThrowRefreshError(errorRecord);
    }

    private void ExitStopped() =>
        Exit(JobExitCode.Cancelled, $"stopped by {(_terminated ? "SIGTERM" : "Ctrl+C")}: a table at work was rolled back and keeps its previous rows, tables already committed stay refreshed, the rest were not started; see Get-RefreshHistory");

    /// <summary>Null where the platform has no SIGTERM to handle (there, schedulers end a job by ending the process).</summary>
    private PosixSignalRegistration? HandleSigterm()
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM (systemd stop, docker stop, kill): cancel the run as Ctrl+C does, so the table in progress rolls back and history says so.</summary>
    private void OnTerminate(PosixSignalContext context)
    {
        context.Cancel = true;
        _terminated = true;
        CancelRun();
    }

    /// <summary>The one line on stderr and the exit code pwsh ends with once the script stops.</summary>
    private void Exit(int code, string message)
    {
        try
        {
            Host.UI.WriteErrorLine($"Invoke-TableRefresh: {message} (exit code {code})");
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or NotImplementedException or IOException)
        {
            // No console to write to: the exit code and the history table still say it.
        }

        Host.SetShouldExit(code);
    }

    private IReadOnlyList<RefreshResult> Refresh()
    {
        RefreshSession session;
        if (ParameterSetName == PlanSet)
        {
            if (_piped.Count == 0)
            {
                return [];
            }

            try
            {
                // Piped plans run as planned: production's catalogs are not read again; the run re-checks what can have moved.
                session = RefreshSession.FromPlans(_piped);
            }
            catch (ArgumentException ex)
            {
                ThrowRefreshError(new ErrorRecord(ex, "MixedPlans", ErrorCategory.InvalidArgument, null));
                throw;
            }

            UseConfig(session.Config);
        }
        else
        {
            session = new RefreshSession(LoadConfig(Config));
            RunEngine((_, token) => session.PlanAsync(Table, token), session.Config.Files);
        }

        var config = session.Config;
        if (WhatIfRequested())
        {
            // -WhatIf says what each table would do and writes nothing at all, not even a history row.
            foreach (var plan in session.Plans)
            {
                ShouldProcess($"{plan.Table} ({plan.Reason})", plan.IsBlocked ? "Skip" : Describe(plan, config));
            }

            return [];
        }

        // Asked table by table, in run order; after a No the session arranges the rest again without that table.
        var approved = session.Approve(plan => Approve(plan, config));
        if (approved.Count == 0)
        {
            return [];
        }

        return RunEngine(
            (observer, token) => session.RunAsync(new RefreshRunOptions { ThrottleLimit = ThrottleLimit, Observers = [observer], StartedBy = $"Invoke-TableRefresh ({Environment.UserName})", CancelReason = () => _terminated ? "SIGTERM" : "Ctrl+C" }, token),
            config.Files);
    }

    /// <summary>-WhatIf always wins; -Force skips only the confirmation prompt.</summary>
    private bool Approve(RefreshPlan plan, RefreshConfig config)
    {
        if (Force)
        {
            return true;
        }

        try
        {
            return ShouldProcess($"{plan.Table} ({plan.Reason})", Describe(plan, config));
        }
        catch (Exception ex) when (ex is NullReferenceException or PSInvalidOperationException or HostException)
        {
            // The console host cannot prompt: -NonInteractive refuses, and a closed standard input (cron, a CmdExec step
            // without -NonInteractive) makes pwsh's own prompt fail with a NullReferenceException. Nothing has run yet.
            ThrowRefreshError(new ErrorRecord(
                new InvalidOperationException($"Invoke-TableRefresh asks before it writes to {config.Target.Display}, and nobody can answer here (no terminal, or -NonInteractive): nothing was changed. In a job, pass -Confirm:$false or -Force (see docs/unattended.md)."),
                "ConfirmationImpossible",
                ErrorCategory.InvalidOperation,
                plan.Table));
            return false;
        }
    }

    private static string Describe(RefreshPlan plan, RefreshConfig config) =>
        $"{plan.Action} refresh of {plan.TargetTable} in {config.Target.Display} from {config.Source.Display}";

    private bool WhatIfRequested()
    {
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound))
        {
            return bound is SwitchParameter { IsPresent: true } or true;
        }

        return GetVariableValue("WhatIfPreference") is SwitchParameter { IsPresent: true } or true;
    }

    internal override void WriteResult(RefreshResult result)
    {
        CompleteProgress(result.Table);
        if (result.Status == RefreshStatus.Failed)
        {
            WriteError(new ErrorRecord(new InvalidOperationException($"Refresh of {result.Table} failed: {result.Error}"), "TableRefreshFailed", ErrorCategory.WriteError, result.Table));
        }
        else if (result.Status == RefreshStatus.Skipped && result.Error is { } reason)
        {
            WriteWarning($"{result.Table} skipped: {reason}");
        }

        WriteObject(result);
    }
}
