using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using DataRefresh.Comparison;
using DataRefresh.Configuration;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.History;
using DataRefresh.Planning;
using DataRefresh.Preview;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataRefresh.Dashboard;

/// <summary>The HTTP contract (docs/dashboard.md): security headers, sign-in, roles, CSRF, the API and the pages.</summary>
internal sealed class DashboardEndpoints(DashboardData data, DashboardAuth auth, AuditLog audit, DashboardConfig dashboard, Func<DashboardHost> host)
{
    public const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private const string UserKey = "DataRefresh.User";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public void Map(WebApplication app)
    {
        app.Use(ServerTiming.Measure);
        app.Use(Headers);
        app.Use(Errors);
        app.Use(Gate);
        app.MapGet("/healthz", () => Results.Text("ok", "text/plain"));
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapGet("/static/{file}", Static);
        app.MapGet("/signin", (HttpContext c) => SignInPage(c, null, StatusCodes.Status200OK));
        app.MapPost("/signin", (Delegate)SignInAsync);
        app.MapPost("/signout", SignOut);
        var pages = new DashboardPages(data, dashboard, host);
        app.MapGet("/", (Delegate)((HttpContext c) => pages.OverviewAsync(c, User(c))));
        app.MapGet("/tables/{table}", (string table, string? status, int? page, HttpContext c) => pages.TableAsync(c, User(c), table, status, page));
        app.MapGet("/runs", (Delegate)((HttpContext c) => pages.RunsAsync(User(c), c.RequestAborted)));
        app.MapGet("/runs/{id}", (string id, HttpContext c) => pages.RunAsync(User(c), id, c.RequestAborted));
        app.MapGet("/api/session", (HttpContext c) => Results.Json(new { user = User(c).Name, roles = User(c).Roles, csrfToken = User(c).CsrfToken }, Json));
        app.MapGet("/api/tables", (Delegate)(async (HttpContext c) => Results.Json(await data.OverviewAsync(c.RequestAborted), Json)));
        app.MapGet("/api/tables/{table}", async (string table, HttpContext c) =>
            await data.TableAsync(table, c.RequestAborted) is { } view ? Results.Json(view, Json) : NotFound($"no configured table is named '{table}'"));
        app.MapGet("/api/tables/{table}/rows", RowsAsync);
        app.MapGet("/api/tables/{table}/incremental", IncrementalAsync);
        app.MapGet("/api/plan", (Delegate)PlanAsync);
        app.MapGet("/api/history", HistoryAsync);
        app.MapGet("/api/runs", () => Results.Json(new { active = data.ActiveRuns.Select(r => RunView.From(r.Status)), recent = host().Recent.Select(r => RunView.From(r.Status)) }, Json));
        app.MapGet("/api/runs/{id}", (string id) =>
            (data.FindRun(id) ?? host().Recent.FirstOrDefault(r => r.RunId == id)) is { } run ? Results.Json(RunView.From(run.Status), Json) : NotFound($"no run {id} is active or recent"));
        app.MapPost("/api/refresh", (Delegate)RefreshAsync);
        app.MapPost("/api/compare", (Delegate)CompareAsync);
        app.MapGet("/api/compare", () => Results.Json(data.Comparisons.Recent, Json));
        app.MapGet("/api/compare/{id}", (string id) => data.Comparisons.Find(id) is { } job ? Results.Json(job, Json) : NotFound($"no comparison {id} is known"));
        app.MapGet("/api/events", EventsAsync);
    }

    private static DashboardUser User(HttpContext context) => (DashboardUser)context.Items[UserKey]!;

    private static IResult NotFound(string message) => Results.Json(new { error = message }, Json, statusCode: StatusCodes.Status404NotFound);

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, Json, statusCode: status);

    /// <summary>Every response, whatever answers it: no inline script, no framing, no sniffing, no caching.</summary>
    private static Task Headers(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        return next(context);
    }

    /// <summary>No stack trace, connection string or exception text leaves the process: a request that fails says so and no more.</summary>
    private Task Errors(HttpContext context, RequestDelegate next) => ErrorsAsync(context, next);

    private async Task ErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            audit.Write("error", (context.Items[UserKey] as DashboardUser)?.Name, DashboardAuth.Client(context), new { path = context.Request.Path.Value, type = ex.GetType().Name });
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new { error = DashboardData.Safe(ex) ?? "the request failed; see the dashboard's audit log" }, Json).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sign-in for everything but /healthz, the sign-in form and the static files; roles; CSRF on every POST.</summary>
    private Task Gate(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path == "/healthz" || path.StartsWithSegments("/static") || path == "/signin" || path == "/favicon.ico")
        {
            return next(context);
        }

        var (user, outcome, wait) = auth.Identify(context);
        if (user is null)
        {
            if (outcome == SignInOutcome.Throttled)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Write(context, StatusCodes.Status429TooManyRequests, "too many failed sign-ins; try again later");
            }

            if (outcome == SignInOutcome.Continue)
            {
                // The next leg of a Negotiate exchange: the server's token is in WWW-Authenticate already.
                return Write(context, StatusCodes.Status401Unauthorized, "sign-in continues: send the next Negotiate token");
            }

            var page = context.Request.Method == HttpMethods.Get && !path.StartsWithSegments("/api");
            if (page && outcome == SignInOutcome.None && !auth.Negotiates)
            {
                context.Response.Redirect("/signin");
                return Task.CompletedTask;
            }

            // With Negotiate on, a browser is challenged instead (it signs in with the user's Windows/Kerberos ticket);
            // one that cannot shows this page, which links to the form.
            auth.Challenge(context);
            if (page && auth.Negotiates)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/html; charset=utf-8";
                return context.Response.WriteAsync(dashboard.Authentication.Contains(DashboardAuthentication.Local)
                    ? "<!DOCTYPE html><title>Sign in</title><p>Windows sign-in did not succeed. <a href=\"/signin\">Sign in with a dashboard account</a>.</p>"
                    : "<!DOCTYPE html><title>Sign in</title><p>Windows sign-in did not succeed: this dashboard accepts Windows/Kerberos sign-in only.</p>");
            }

            return Write(context, StatusCodes.Status401Unauthorized, !auth.Negotiates ? "sign in: HTTP Basic or the form at /signin"
                : dashboard.Authentication.Contains(DashboardAuthentication.Local) ? "sign in: Negotiate (Windows/Kerberos), HTTP Basic or the form at /signin" : "sign in: Negotiate (Windows/Kerberos)");
        }

        if (user.Roles.Count == 0)
        {
            audit.Write("refused-no-role", user.Name, DashboardAuth.Client(context), new { path = path.Value });
            return Write(context, StatusCodes.Status403Forbidden, "signed in, but the configuration gives you no dashboard role (operators or viewers)");
        }

        if (HttpMethods.IsPost(context.Request.Method) && !DashboardAuth.CsrfValid(context, user))
        {
            audit.Write("refused-csrf", user.Name, DashboardAuth.Client(context), new { path = path.Value });
            return Write(context, StatusCodes.Status403Forbidden, $"this request needs the {DashboardAuth.CsrfHeader} header from GET /api/session");
        }

        context.Items[UserKey] = user;
        return next(context);
    }

    private static Task Write(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = message }, Json);
    }

    private static IResult Static(string file)
    {
        var type = Path.GetExtension(file) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("wwwroot/" + file);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }

    private async Task<IResult> SignInAsync(HttpContext context)
    {
        // The form posts before there is a session (so no CSRF token yet); a cross-site form is refused by its Origin.
        if (context.Request.Headers.Origin is { Count: > 0 } origin && !string.Equals(origin.ToString(), $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status403Forbidden, "sign-in from another site refused");
        }

        if (!context.Request.HasFormContentType)
        {
            return Problem(StatusCodes.Status400BadRequest, "post the sign-in form (user, password)");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var name = form["user"].ToString().Trim();
        var (outcome, user, wait) = auth.SignIn(name, form["password"].ToString(), context);
        switch (outcome)
        {
            case SignInOutcome.Throttled:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return SignInPage(context, "Too many failed sign-ins. Try again later.", StatusCodes.Status429TooManyRequests);
            case SignInOutcome.SignedIn when user is not null:
                if (auth.RolesOf(user).Count == 0)
                {
                    audit.Write("refused-no-role", user, DashboardAuth.Client(context));
                    return SignInPage(context, "You have no dashboard role; ask a DBA.", StatusCodes.Status403Forbidden);
                }

                context.Response.Cookies.Append(DashboardAuth.CookieName, auth.NewSession(user), DashboardAuth.CookieOptions(dashboard.IsHttps));
                return Results.Redirect("/", permanent: false, preserveMethod: false);
            default:
                return SignInPage(context, "Wrong name or password.", StatusCodes.Status401Unauthorized);
        }
    }

    private IResult SignOut(HttpContext context)
    {
        auth.EndSession(context);
        context.Response.Cookies.Delete(DashboardAuth.CookieName, DashboardAuth.CookieOptions(dashboard.IsHttps));
        return Results.NoContent();
    }

    private async Task<IResult> HistoryAsync(HttpContext context, string? table, string? status, int? last)
    {
        HistoryStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<HistoryStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
            {
                return Problem(StatusCodes.Status400BadRequest, $"status must be one of: {string.Join(", ", Enum.GetNames<HistoryStatus>())}");
            }

            parsed = s;
        }

        if (last is < 1 or > 1000)
        {
            return Problem(StatusCodes.Status400BadRequest, "last must be between 1 and 1000");
        }

        if (table is not null && data.Find(table) is null)
        {
            return NotFound($"no configured table is named '{table}'");
        }

        var rows = await data.HistoryAsync(new HistoryQuery { Tables = table is null ? [] : [table], Status = parsed, Last = last ?? 50 }, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(rows, Json);
    }

    /// <summary>A page of a table's rows in key order: UAT's for everyone; production's only where show_production_rows and only for operators.</summary>
    private async Task<IResult> RowsAsync(HttpContext context, string table, string? side, string? after, int? limit)
    {
        var user = User(context);
        if (data.Find(table) is not { } configured)
        {
            return NotFound($"no configured table is named '{table}'");
        }

        var which = (side ?? "target").ToLowerInvariant() switch
        {
            "target" => DatabaseSide.Target,
            "source" => DatabaseSide.Source,
            _ => (DatabaseSide?)null,
        };
        if (which is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "side must be target (UAT) or source (production)");
        }

        if (which == DatabaseSide.Source)
        {
            if (!dashboard.ShowProductionRows)
            {
                return Problem(StatusCodes.Status403Forbidden, "production rows are not shown: the configuration does not set dashboard.show_production_rows: true");
            }

            if (!user.IsOperator)
            {
                audit.Write("refused-production-rows", user.Name, DashboardAuth.Client(context), new { table = configured.Name });
                return Problem(StatusCodes.Status403Forbidden, "only operators may see production rows");
            }
        }

        if (limit is < 1 or > TablePreview.MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, $"limit must be between 1 and {TablePreview.MaxLimit}");
        }

        IReadOnlyList<object?>? key = null;
        if (!string.IsNullOrEmpty(after) && (key = DashboardPreview.Open(after, configured.Name, which.Value)) is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "after: not a cursor this dashboard gave for this table and side (pass the previous page's next)");
        }

        var page = await data.RowsAsync(configured.Name, which.Value, key, limit ?? TablePreview.DefaultLimit, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(page, Json);
    }

    private sealed record RefreshRequest(IReadOnlyList<string>? Tables, string? PlanId = null, string? Method = null);

    /// <summary>Compare now: operators, CSRF (the gate); 202 and the comparison's id; GET /api/compare/{id} for the verdicts.</summary>
    private async Task<IResult> CompareAsync(HttpContext context)
    {
        var user = User(context);
        if (!user.IsOperator)
        {
            audit.Write("refused-compare", user.Name, DashboardAuth.Client(context));
            return Problem(StatusCodes.Status403Forbidden, "only operators may start comparisons");
        }

        var (tables, refused, request) = await TablesAsync(context).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var method = CompareMethod.Checksum;
        if (request?.Method is { } m && (!Enum.TryParse(m, ignoreCase: true, out method) || !Enum.IsDefined(method)))
        {
            return Problem(StatusCodes.Status400BadRequest, $"method must be one of: {string.Join(", ", Enum.GetNames<CompareMethod>())}");
        }

        var busy = data.Comparisons.Busy.Intersect(tables, StringComparer.OrdinalIgnoreCase).ToList();
        if (busy.Count > 0)
        {
            return Problem(StatusCodes.Status409Conflict, $"already comparing: {string.Join(", ", busy)}");
        }

        var job = host().StartCompare(data.Config, tables, user.Name, method);
        audit.Write("compare-triggered", user.Name, DashboardAuth.Client(context), new { compareId = job.CompareId, tables, method = method.ToString() });
        return Results.Json(new { compareId = job.CompareId, tables, method = method.ToString() }, Json, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The body's configured tables, <c>{ "tables": [...] }</c>, as configured; or why not.</summary>
    private async Task<(List<string> Tables, IResult? Refused, RefreshRequest? Request)> TablesAsync(HttpContext context)
    {
        RefreshRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<RefreshRequest>(Json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return ([], Problem(StatusCodes.Status400BadRequest, "send JSON: { \"tables\": [\"schema.table\", …] }"), null);
        }

        var names = request?.Tables ?? [];
        if (names.Count == 0)
        {
            return ([], Problem(StatusCodes.Status400BadRequest, "name at least one table: { \"tables\": [\"schema.table\"] }"), null);
        }

        var tables = new List<string>();
        foreach (var name in names)
        {
            if (data.Find(name ?? "") is not { } table)
            {
                return ([], NotFound($"no configured table is named '{name}'"), null);
            }

            tables.Add(table.Name);
        }

        return (tables, null, request);
    }

    private async Task<IResult> RefreshAsync(HttpContext context)
    {
        var user = User(context);
        if (!user.IsOperator)
        {
            audit.Write("refused-trigger", user.Name, DashboardAuth.Client(context));
            return Problem(StatusCodes.Status403Forbidden, "only operators may trigger refreshes");
        }

        var (tables, refused, request) = await TablesAsync(context).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        IReadOnlyList<RefreshPlan>? plans = null;
        if (request?.PlanId is { Length: > 0 } planId)
        {
            (plans, var why, var otherTables) = data.Plans.Take(planId, user.Name, tables);
            if (plans is null)
            {
                return Problem(otherTables ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict, why!);
            }
        }

        var busy = data.ActiveRuns.SelectMany(r => r.Status.Tables.Where(t => !t.State.IsDone()).Select(t => t.Table)).Intersect(tables, StringComparer.OrdinalIgnoreCase).ToList();
        if (busy.Count > 0)
        {
            return Problem(StatusCodes.Status409Conflict, $"already refreshing: {string.Join(", ", busy)}");
        }

        var run = await host().StartRefreshAsync(data.Config, tables, user.Name, context.RequestAborted, plans).ConfigureAwait(false);
        audit.Write("refresh-triggered", user.Name, DashboardAuth.Client(context), new { runId = run.RunId, tables, planId = request?.PlanId });
        return Results.Json(new { runId = run.RunId, tables }, Json, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Refresh now, step one (operators): the plans of the named tables (<c>?table=a&amp;table=b</c>), kept under an id the confirmation sends back.</summary>
    private async Task<IResult> PlanAsync(HttpContext context)
    {
        var user = User(context);
        if (!user.IsOperator)
        {
            return Problem(StatusCodes.Status403Forbidden, "only operators may plan refreshes");
        }

        var names = context.Request.Query["table"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "name at least one table: /api/plan?table=schema.table");
        }

        var tables = new List<string>();
        foreach (var name in names)
        {
            if (data.Find(name) is not { } table)
            {
                return NotFound($"no configured table is named '{name}'");
            }

            tables.Add(table.Name);
        }

        var plans = await new RefreshSession(data.Config).PlanAsync(tables, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(data.Plans.Keep(plans, user.Name), Json);
    }

    /// <summary>Production's and UAT's MAX of an incremental table's column, read now (a reading less than a minute old is reused).</summary>
    private async Task<IResult> IncrementalAsync(HttpContext context, string table)
    {
        if (data.Find(table) is not { } configured)
        {
            return NotFound($"no configured table is named '{table}'");
        }

        if (configured.SyncMode != SyncMode.Incremental)
        {
            return Problem(StatusCodes.Status400BadRequest, $"{configured.Name} is not an incremental table");
        }

        return Results.Json(await data.ReadIncrementalAsync(configured.Name, context.RequestAborted).ConfigureAwait(false), Json);
    }

    /// <summary>Server-Sent Events: every event of every run in this process that writes this dashboard's target, as JSON (docs/dashboard.md).</summary>
    private async Task EventsAsync(HttpContext context)
    {
        var channel = Channel.CreateUnbounded<RefreshEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = RefreshRuns.Subscribe(new ChannelObserver(channel.Writer, runId => data.FindRun(runId) is not null));
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        var token = context.RequestAborted;
        await context.Response.WriteAsync(": connected\n\n", token).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                var json = JsonSerializer.Serialize(EventJson(e), Json);
                await context.Response.WriteAsync($"event: {Name(e)}\ndata: {json}\n\n", token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    internal static string Name(RefreshEvent e) => e switch
    {
        RunStarted => "run-started",
        RunFinished => "run-finished",
        StepStarted => "step-started",
        StepFinished => "step-finished",
        RowsProgress => "rows",
        TableFinished => "table-finished",
        _ => "notice",
    };

    private static Dictionary<string, object?> EventJson(RefreshEvent e)
    {
        var json = new Dictionary<string, object?> { ["runId"] = e.RunId, ["table"] = e.Table, ["attempt"] = e.Attempt, ["at"] = e.At };
        switch (e)
        {
            case RunStarted s:
                json["tables"] = s.Tables;
                break;
            case RunFinished f:
                json["cancelled"] = f.Cancelled;
                break;
            case StepStarted s:
                json["step"] = s.Step.ToString();
                break;
            case StepFinished s:
                (json["step"], json["rows"], json["succeeded"], json["durationSeconds"]) = (s.Step.ToString(), s.Rows, s.Succeeded, s.Duration.TotalSeconds);
                break;
            case RowsProgress p:
                (json["rows"], json["estimatedRows"], json["rowsPerSecond"]) = (p.Progress.RowsCopied, p.Progress.EstimatedRows, Math.Round(p.Progress.RowsPerSecond, 1));
                break;
            case TableFinished t:
                (json["status"], json["rows"], json["error"], json["durationSeconds"]) = (t.Result.Status.ToString(), t.Result.RowsCopied, t.Result.Error, t.Result.Duration.TotalSeconds);
                break;
            default:
                json["text"] = RefreshEventText.Verbose(e);
                break;
        }

        return json;
    }

    /// <summary>Forwards the events of the runs <paramref name="ours"/> accepts, decided once per run at its first event (the run is registered before it raises any).</summary>
    private sealed class ChannelObserver(ChannelWriter<RefreshEvent> writer, Func<string, bool> ours) : IRefreshObserver
    {
        private readonly ConcurrentDictionary<string, bool> _runs = new(StringComparer.Ordinal);

        public void OnEvent(RefreshEvent refreshEvent)
        {
            if (_runs.GetOrAdd(refreshEvent.RunId, ours))
            {
                writer.TryWrite(refreshEvent);
            }

            if (refreshEvent is RunFinished)
            {
                _runs.TryRemove(refreshEvent.RunId, out _);
            }
        }
    }

    private static IResult SignInPage(HttpContext context, string? message, int status)
    {
        var b = new StringBuilder();
        Head(b, "Sign in - DataRefresh");
        b.Append("<main class=\"signin\"><h1>DataRefresh</h1>");
        if (message is not null)
        {
            b.Append("<p class=\"error\">").Append(E(message)).Append("</p>");
        }

        b.Append("<form method=\"post\" action=\"/signin\"><label>Name <input name=\"user\" autocomplete=\"username\" required></label>")
            .Append("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>")
            .Append("<button type=\"submit\">Sign in</button></form></main></body></html>");
        return Results.Content(b.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    internal static void Head(StringBuilder b, string title) =>
        b.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(E(title)).Append("</title><link rel=\"stylesheet\" href=\"/static/dashboard.css\"><script src=\"/static/dashboard.js\" defer></script></head><body>");

    private static string E(string text) => Html.Encode(text);
}

internal static class TableRunStateExtensions
{
    public static bool IsDone(this TableRunState state) => state is TableRunState.Succeeded or TableRunState.Failed or TableRunState.Skipped;
}
