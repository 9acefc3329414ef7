using System.Globalization;

namespace DataRefresh.Events;

/// <summary>The one rendering of events as text: PowerShell's verbose and warning lines, logs.</summary>
public static class RefreshEventText
{
    /// <summary>The line for a verbose stream, or null for events that are not shown there (progress, results, warnings).</summary>
    public static string? Verbose(RefreshEvent refreshEvent) => refreshEvent switch
    {
        RefreshNotice { Level: NoticeLevel.Detail } n => Prefix(n) + n.Message,
        TableDecided d => Prefix(d) + d.Reason + (d.Deviation is { } dev ? $" (differs from the plan: {dev})" : ""),
        StepFinished { Succeeded: true } s => Prefix(s) + Describe(s),
        FallbackStarted f => Prefix(f) + f.Reason,
        AttemptStarted { Why: { } why } a => Prefix(a) + $"attempt {a.Attempt}: {why}",
        _ => null,
    };

    /// <summary>The line for a warning stream, or null.</summary>
    public static string? Warning(RefreshEvent refreshEvent) => refreshEvent switch
    {
        RefreshNotice { Level: NoticeLevel.Warning } n => Prefix(n) + n.Message,
        RetryScheduled r => Prefix(r) + $"transient failure on attempt {r.Attempt} ({r.Reason}); retrying the whole table in {r.Delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s",
        _ => null,
    };

    private static string Prefix(RefreshEvent e) => e.Table is { } table ? table + ": " : "";

    private static string Describe(StepFinished s)
    {
        var rows = s.Rows is { } n ? n.ToString(CultureInfo.InvariantCulture) : null;
        var what = s.Step switch
        {
            RefreshStep.Lock => "refresh lock taken",
            RefreshStep.DeferConstraints => $"{rows} reference(s) deferred until the recheck",
            RefreshStep.SuspendTriggers => $"{rows} user trigger(s) suspended for the load (fire_triggers: false)",
            RefreshStep.Stage => $"{rows} source row(s) staged for the merge",
            RefreshStep.Compare => $"{rows} row(s) differ from the source",
            RefreshStep.Empty => $"{rows} target row(s) removed",
            RefreshStep.DeleteWindow => $"{rows} target row(s) removed from the window",
            RefreshStep.DeleteMissing => $"{rows} row(s) production no longer has deleted",
            RefreshStep.Update => $"{rows} changed row(s) updated",
            RefreshStep.Insert => $"{rows} new row(s) inserted",
            RefreshStep.Copy => $"{rows} row(s) copied",
            RefreshStep.IndexBuild => "indexes built",
            RefreshStep.Swap => "swapped in",
            RefreshStep.AdvanceIdentity => $"{rows} sequence(s) or identity counter(s) moved past the loaded values",
            RefreshStep.Recheck => "deferred references checked",
            RefreshStep.ResumeTriggers => "user triggers restored",
            RefreshStep.Commit => "committed",
            RefreshStep.Verify => "verified",
            _ => s.Step.ToString(),
        };
        var ms = s.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        return s.Detail is { } detail ? $"{detail} [{s.Step}, {ms} ms]" : $"{what} [{ms} ms]";
    }
}
