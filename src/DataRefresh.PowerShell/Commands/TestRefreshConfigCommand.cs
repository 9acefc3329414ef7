using System.Management.Automation;
using DataRefresh.Checks;

namespace DataRefresh.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Validates configuration files and, unless -Offline, checks both databases read-only.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "RefreshConfig")]
[OutputType(typeof(ConfigCheck))]
public sealed class TestRefreshConfigCommand : DataRefreshCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Config { get; set; } = [];

    /// <summary>Validate the files only; connect nowhere.</summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    protected override void EndProcessing()
    {
        var paths = Config.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)).ToList();
        var checks = ConfigChecks.Validate(paths, out var config).ToList();
        if (config is not null && !Offline)
        {
            checks.AddRange(RunEngine((_, token) => ConfigChecks.ConnectAsync(config, token), Config));
        }

        foreach (var check in checks)
        {
            WriteObject(check);
        }
    }
}
