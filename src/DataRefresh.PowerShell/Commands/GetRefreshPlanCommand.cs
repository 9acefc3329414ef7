using System.Management.Automation;
using DataRefresh.Execution;
using DataRefresh.Planning;

namespace DataRefresh.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows what a refresh would do to each configured table, in run order, writing nothing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "RefreshPlan")]
[OutputType(typeof(RefreshPlan))]
public sealed class GetRefreshPlanCommand : DataRefreshCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Config { get; set; } = [];

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TableNameCompleter))]
    public string[]? Table { get; set; }

    protected override void EndProcessing()
    {
        var session = new RefreshSession(LoadConfig(Config));
        var plans = RunEngine((_, token) => session.PlanAsync(Table, token), Config);
        foreach (var plan in plans)
        {
            WriteObject(plan);
        }
    }
}
