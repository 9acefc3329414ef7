using System.Management.Automation;
using System.Runtime.CompilerServices;
using DataRefresh.Configuration;
using DataRefresh.Dashboard;

namespace DataRefresh.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Starts the status page (Kestrel, in this process): sign-in, tables of both environments, refresh triggers, live progress.</para>
/// </summary>
/// <remarks>
/// No member of this class names a dashboard type: Import-Module reflects over the class, and the dashboard (with
/// ASP.NET Core) must load only when the command runs. <see cref="Dashboards"/> holds what does.
/// </remarks>
[Cmdlet(VerbsLifecycle.Start, "RefreshDashboard")]
[OutputType("DataRefresh.Dashboard.DashboardHost")]
public sealed class StartRefreshDashboardCommand : DataRefreshCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Config { get; set; } = [];

    /// <summary>Return the running dashboard at once (Url, Stop()) instead of serving until Ctrl+C.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var config = LoadConfig(Config);
        if (config.Dashboard is null)
        {
            ThrowRefreshError(new ErrorRecord(
                new InvalidOperationException($"{string.Join(", ", Config)} has no dashboard: section; add one with users_file and roles (see about_DataRefresh and docs/dashboard.md)"),
                "NoDashboardSection", ErrorCategory.InvalidData, Config));
            return;
        }

        Dashboards.Run(this, config);
    }

    internal bool ShouldPassThru => PassThru;

    internal CancellationToken StopRequested => StopToken;

    internal void Fail(Exception ex, string id) => ThrowRefreshError(new ErrorRecord(ex, id, ErrorCategory.OpenError, Config));
}

/// <summary>The dashboards this process runs; the only code that names dashboard types (loaded on first use).</summary>
internal static class Dashboards
{
    private static readonly List<DashboardHost> Running = [];

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Run(StartRefreshDashboardCommand command, RefreshConfig config)
    {
        DashboardHost host;
        try
        {
            host = DashboardHost.StartAsync(config, null, command.StopRequested).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            command.Fail(ex, "DashboardStartFailed");
            return;
        }

        lock (Running)
        {
            Running.Add(host);
        }

        if (command.ShouldPassThru)
        {
            command.Host.UI.WriteLine($"DataRefresh dashboard: {host.Url} (Stop-RefreshDashboard stops it)");
            command.WriteObject(host);
            return;
        }

        command.Host.UI.WriteLine($"DataRefresh dashboard: {host.Url} (Ctrl+C stops it)");
        try
        {
            WaitHandle.WaitAny([command.StopRequested.WaitHandle, ((IAsyncResult)host.Stopped).AsyncWaitHandle]);
        }
        finally
        {
            // A clean stop: refreshes it started roll back the table at work, as Invoke-TableRefresh does on Ctrl+C.
            host.Stop();
            Forget(host);
        }
    }

    /// <summary>Stop the given dashboards (every one this process runs when none is given). Returns how many stopped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Stop(IReadOnlyList<object> handles)
    {
        List<DashboardHost> hosts;
        lock (Running)
        {
            hosts = handles.Count == 0 ? [.. Running] : [.. handles.Select(h => h is PSObject p ? p.BaseObject : h).OfType<DashboardHost>()];
        }

        foreach (var host in hosts)
        {
            host.Stop();
            Forget(host);
        }

        return hosts.Count;
    }

    private static void Forget(DashboardHost host)
    {
        lock (Running)
        {
            Running.Remove(host);
        }
    }
}
