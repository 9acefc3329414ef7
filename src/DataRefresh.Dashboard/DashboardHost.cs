using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataRefresh.Dashboard;

/// <summary>Options a host (the cmdlet, a test) may set; the configuration's dashboard section decides the rest.</summary>
public sealed record DashboardHostOptions
{
    /// <summary>The audit trail (JSON lines); default dashboard-audit.log beside the users file.</summary>
    public string? AuditLogPath { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reads the certificate password variable (tests give their own).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}

/// <summary>
/// A running dashboard: Kestrel in this process, serving the status page and the HTTP API over the engine's
/// <see cref="RefreshSession"/> and <see cref="RefreshRuns"/>. <see cref="StopAsync"/> cancels the refreshes it
/// started (the table at work rolls back, as Ctrl+C in Invoke-TableRefresh) and waits for them.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RefreshRun> _started = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RefreshRun> _recent = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly DashboardData _data;
    private readonly TaskCompletionSource _stoppedSource = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopped;

    private DashboardHost(WebApplication app, string url, string auditLog, DashboardData data)
    {
        _app = app;
        _data = data;
        Url = url;
        AuditLogPath = auditLog;
    }

    /// <summary>The address it listens on (the real port when the configuration asked for port 0).</summary>
    public string Url { get; }

    public string AuditLogPath { get; }

    /// <summary>Completes once <see cref="StopAsync"/> has finished.</summary>
    public Task Stopped => _stoppedSource.Task;

    public static async Task<DashboardHost> StartAsync(RefreshConfig config, DashboardHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new DashboardHostOptions();
        var dashboard = config.Dashboard ?? throw new InvalidOperationException($"the configuration ({string.Join(", ", config.Files)}) has no dashboard: section; add one with users_file and roles (see docs/dashboard.md)");
        var auditPath = options.AuditLogPath ?? Path.Combine(Path.GetDirectoryName(dashboard.UsersFile ?? config.Files[0]) ?? ".", "dashboard-audit.log");
        var audit = new AuditLog(auditPath, options.Clock);
        var auth = new DashboardAuth(dashboard, options.Clock, audit);
        var data = new DashboardData(config);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "DataRefresh.Dashboard", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var certificate = dashboard.IsHttps ? LoadCertificate(dashboard, options.Environment) : null;
        var negotiate = dashboard.Authentication.Contains(DashboardAuthentication.Negotiate);
        if (negotiate)
        {
            KerberosEnvironment.Prepare(dashboard);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var address = dashboard.Listen.Host.Trim('[', ']') switch
            {
                "localhost" => System.Net.IPAddress.Loopback,
                var host => System.Net.IPAddress.Parse(host),
            };
            kestrel.Listen(address, dashboard.Listen.Port, listen =>
            {
                // Negotiate authenticates a connection, leg by leg: HTTP/2 multiplexes requests and cannot carry it.
                if (negotiate)
                {
                    listen.Protocols = HttpProtocols.Http1;
                }

                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        var app = builder.Build();
        DashboardHost? host = null;
        var endpoints = new DashboardEndpoints(data, auth, audit, dashboard, () => host!);
        endpoints.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? dashboard.Listen.ToString();
        var url = new UriBuilder(bound) { Host = dashboard.Listen.Host }.Uri.ToString().TrimEnd('/');
        host = new DashboardHost(app, url, auditPath, data);
        return host;
    }

    /// <summary>Runs the dashboard starts through the engine's session: planned, approved, started as <paramref name="user"/>.</summary>
    /// <remarks>With <paramref name="plans"/> (the plans the user confirmed), the run runs exactly them, as piped plans do.</remarks>
    internal async Task<RefreshRun> StartRefreshAsync(RefreshConfig config, IReadOnlyList<string> tables, string user, CancellationToken cancellationToken, IReadOnlyList<RefreshPlan>? plans = null)
    {
        RefreshSession session;
        if (plans is null)
        {
            session = new RefreshSession(config);
            await session.PlanAsync(tables, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            session = RefreshSession.FromPlans(plans);
        }

        session.Approve(_ => true);
        // Not the request's token: the run outlives the request; StopAsync cancels it.
        var run = session.Start(new RefreshRunOptions { StartedBy = $"dashboard ({user})", Actor = user, CancelReason = () => "the dashboard stopped" }, CancellationToken.None);
        _started[run.RunId] = run;
        _recent.Enqueue(run);
        while (_recent.Count > 50 && _recent.TryDequeue(out var _))
        {
        }

        _ = run.Completion.ContinueWith(done => _started.TryRemove(run.RunId, out var _), TaskScheduler.Default);
        return run;
    }

    /// <summary>Compare now, through the engine's session (reads only); cancelled when the host stops.</summary>
    internal CompareJobView StartCompare(RefreshConfig config, IReadOnlyList<string> tables, string user, DataRefresh.Comparison.CompareMethod method = DataRefresh.Comparison.CompareMethod.Checksum) =>
        _data.Comparisons.Start(config, tables, user, _stopping.Token, method);

    internal DashboardCompare Comparisons => _data.Comparisons;

    /// <summary>Runs this host started, newest first (finished ones too, the last 50).</summary>
    internal IReadOnlyList<RefreshRun> Recent => [.. _recent.Reverse()];

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        foreach (var run in _started.Values)
        {
            run.Cancel();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _data.Comparisons.DrainAsync().ConfigureAwait(false);

        foreach (var run in _started.Values)
        {
            try
            {
                await run.Completion.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _stoppedSource.TrySetResult();
    }

    /// <summary>For scripts: <c>$dashboard.Stop()</c>.</summary>
    public void Stop() => StopAsync().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => new(StopAsync());

    public override string ToString() => Url;

    private static X509Certificate2 LoadCertificate(DashboardConfig dashboard, Func<string, string?> environment)
    {
        var password = environment(DashboardConfig.CertificatePasswordVariable);
        try
        {
            // Windows' TLS (SChannel) cannot use an ephemeral key; elsewhere the key never touches the disk.
            return new X509Certificate2(dashboard.CertificatePath!, password, OperatingSystem.IsWindows() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new InvalidOperationException($"cannot open the certificate {dashboard.CertificatePath}: {ex.Message} (is {DashboardConfig.CertificatePasswordVariable} set to its password?)", ex);
        }
    }
}
