using System.Management.Automation;
using DataRefresh.Engines;
using DataRefresh.History;

namespace DataRefresh.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reads the refresh history table in the target database, newest first.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "RefreshHistory")]
[OutputType(typeof(HistoryEntry))]
public sealed class GetRefreshHistoryCommand : DataRefreshCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Config { get; set; } = [];

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TableNameCompleter))]
    public string[]? Table { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    [Parameter]
    public DateTime Since { get; set; }

    [Parameter]
    public HistoryStatus Status { get; set; }

    protected override void EndProcessing()
    {
        var config = LoadConfig(Config);
        var query = new HistoryQuery
        {
            Tables = Table ?? [],
            Last = MyInvocation.BoundParameters.ContainsKey(nameof(Last)) ? Last : null,
            Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since : null,
            Status = MyInvocation.BoundParameters.ContainsKey(nameof(Status)) ? Status : null,
        };
        var entries = RunEngine(
            async (_, token) =>
            {
                await using var journal = new HistoryJournal(EngineRegistry.For(config.Target.Engine), config.Target, config.Settings, "DataRefresh history");
                return await journal.ReadAsync(query, token);
            },
            Config);
        foreach (var entry in entries)
        {
            WriteObject(entry);
        }
    }
}
