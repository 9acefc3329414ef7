using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace DataRefresh.Dashboard;

/// <summary>
/// <c>Server-Timing: app;dur=12.3</c> on every response: the milliseconds from the request reaching the dashboard
/// (before sign-in) to its response starting (the handler has read what it shows). The bench and monitoring read it
/// to tell the server's time from the network's and the client's.
/// </summary>
internal static class ServerTiming
{
    public const string Header = "Server-Timing";

    public static Task Measure(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers[Header] = "app;dur=" + ms.ToString("0.0", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
