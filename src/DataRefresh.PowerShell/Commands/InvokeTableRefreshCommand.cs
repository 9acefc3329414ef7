using System.Management.Automation;
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

    /// <summary>Plans from Get-RefreshPlan; their tables are planned again at run time, under the table lock.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
    public RefreshPlan[] Plan { get; set; } = [];

    /// <summary>Refresh without asking for confirmation (for SQL Agent jobs and scripts).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How many independent tables refresh at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PlanSet)
        {
            _piped.AddRange(Plan);
        }
    }

    protected override void EndProcessing()
    {
        RefreshConfig config;
        IReadOnlyList<string>? tables;
        if (ParameterSetName == PlanSet)
        {
            if (_piped.Count == 0)
            {
                return;
            }

            config = _piped[0].Config;
            if (_piped.Any(p => !ReferenceEquals(p.Config, config) && p.Config.Files.SequenceEqual(config.Files) is false))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("the piped plans come from different configurations; refresh them in separate commands"), "MixedPlans", ErrorCategory.InvalidArgument, null));
            }

            tables = _piped.Select(p => p.Table).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            UseConfig(config);
        }
        else
        {
            config = LoadConfig(Config);
            tables = Table;
        }

        var plans = RunEngine((_, token) => Planner.PlanAsync(config, tables, token), config.Files);
        if (WhatIfRequested())
        {
            // -WhatIf says what each table would do and writes nothing at all, not even a history row.
            foreach (var plan in plans)
            {
                ShouldProcess($"{plan.Table} ({plan.Reason})", plan.IsBlocked ? "Skip" : Describe(plan, config));
            }

            return;
        }

        var approved = Confirm(plans, config);
        if (approved.Count == 0)
        {
            return;
        }

        RunEngine((observer, token) => new RefreshRunner(config, observer).RunAsync(approved, ThrottleLimit, token), config.Files);
    }

    /// <summary>
    /// Asks table by table, in run order. After a No the engine plans the rest again without that table, so a unit
    /// partner that needed it is blocked (and not asked about) instead of failing on a foreign key mid-run.
    /// </summary>
    private List<RefreshPlan> Confirm(IReadOnlyList<RefreshPlan> plans, RefreshConfig config)
    {
        var current = plans;
        var approved = new HashSet<string>(StringComparer.Ordinal);
        var declined = new List<string>();
        foreach (var table in plans.Select(p => p.Table))
        {
            if (current.FirstOrDefault(p => p.Table == table) is not { IsBlocked: false } plan)
            {
                continue;
            }

            if (Approve(plan, config))
            {
                approved.Add(table);
            }
            else
            {
                declined.Add(table);
                current = Planner.Decline(plans, declined);
            }
        }

        return current.Where(p => p.IsBlocked || approved.Contains(p.Table)).ToList();
    }

    /// <summary>-WhatIf always wins; -Force skips only the confirmation prompt.</summary>
    private bool Approve(RefreshPlan plan, RefreshConfig config) => Force || ShouldProcess($"{plan.Table} ({plan.Reason})", Describe(plan, config));

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
