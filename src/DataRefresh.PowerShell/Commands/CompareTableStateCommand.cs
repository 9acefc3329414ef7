using System.Management.Automation;
using DataRefresh.Comparison;
using DataRefresh.Execution;
using DataRefresh.Planning;

namespace DataRefresh.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Proves each UAT table equals production, or names the key ranges and rows that differ, without copying the tables.</para>
/// </summary>
[Cmdlet(VerbsData.Compare, "TableState", DefaultParameterSetName = ConfigSet)]
[OutputType(typeof(TableComparison))]
public sealed class CompareTableStateCommand : DataRefreshCmdlet
{
    private const string ConfigSet = "Config";
    private const string PipeSet = "Pipe";
    private readonly List<object> _piped = [];

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ConfigSet)]
    [ValidateNotNullOrEmpty]
    public string[] Config { get; set; } = [];

    [Parameter(Position = 1, ParameterSetName = ConfigSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TableNameCompleter))]
    public string[]? Table { get; set; }

    /// <summary>Plans from Get-RefreshPlan, or results from Invoke-TableRefresh: their tables are compared.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipeSet)]
    public PSObject[] InputObject { get; set; } = [];

    /// <summary>Count (row counts), Checksum (proves equality or locates differing key ranges; the default), Rows (also lists the differing rows).</summary>
    [Parameter]
    public CompareMethod Method { get; set; } = CompareMethod.Checksum;

    /// <summary>With -Method Rows: stop listing after this many rows per table.</summary>
    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int MaxDifferences { get; set; } = 100;

    /// <summary>Stop a table's comparison after this long and say how far it got (default: no limit).</summary>
    [Parameter]
    public TimeSpan TimeLimit { get; set; }

    /// <summary>Show the differing columns' values (they may be personal data; off by default).</summary>
    [Parameter]
    public SwitchParameter IncludeValues { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PipeSet)
        {
            _piped.AddRange(InputObject.Select(o => o.BaseObject));
        }
    }

    protected override void EndProcessing()
    {
        var options = new CompareOptions { Method = Method, MaxDifferences = MaxDifferences, TimeLimit = TimeLimit > TimeSpan.Zero ? TimeLimit : null, IncludeValues = IncludeValues };
        foreach (var plan in Plans())
        {
            WriteObject(RunEngine((_, token) => TableComparer.CompareAsync(plan, options, token), plan.Table));
        }
    }

    private IReadOnlyList<RefreshPlan> Plans()
    {
        if (ParameterSetName == ConfigSet)
        {
            var session = new RefreshSession(LoadConfig(Config));
            return RunEngine((_, token) => session.PlanAsync(Table, token), Config);
        }

        var plans = _piped.OfType<RefreshPlan>().ToList();
        var results = _piped.OfType<RefreshResult>().Where(r => r.Config is not null).ToList();
        if (_piped.Count > plans.Count + results.Count)
        {
            ThrowRefreshError(new ErrorRecord(new ArgumentException("Compare-TableState takes plans from Get-RefreshPlan or results from Invoke-TableRefresh on the pipeline"), "UnexpectedInput", ErrorCategory.InvalidArgument, null));
        }

        // Results name their tables: those are planned again (catalogs only, nothing is written), per configuration.
        foreach (var group in results.GroupBy(r => r.Config!))
        {
            var session = new RefreshSession(group.Key);
            UseConfig(group.Key);
            var tables = group.Select(r => r.Table).Distinct(StringComparer.Ordinal).ToList();
            plans.AddRange(RunEngine((_, token) => session.PlanAsync(tables, token), group.Key.Files));
        }

        if (plans.Count > 0)
        {
            UseConfig(plans[0].Config);
        }

        return plans;
    }
}
