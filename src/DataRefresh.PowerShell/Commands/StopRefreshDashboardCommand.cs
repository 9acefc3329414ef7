using System.Management.Automation;

namespace DataRefresh.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Stops dashboards started with Start-RefreshDashboard -PassThru (all of this session's, or those piped in).</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "RefreshDashboard")]
public sealed class StopRefreshDashboardCommand : PSCmdlet
{
    private readonly List<object> _handles = [];

    /// <summary>The handle Start-RefreshDashboard -PassThru returned.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    public object[]? InputObject { get; set; }

    protected override void ProcessRecord() => _handles.AddRange(InputObject ?? []);

    protected override void EndProcessing() => WriteVerbose($"stopped {Dashboards.Stop(_handles)} dashboard(s)");
}
