using System.Net;
using System.Text.Json;
using DataRefresh.Dashboard;
using DataRefresh.Execution;

namespace DataRefresh.Tests.Dashboard;

/// <summary>
/// The dashboard's HTTP contract (docs/dashboard.md) against real Kestrel and a real SQLite pair: every endpoint,
/// and one test per security rule.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private const string Xss = "<img src=x onerror=alert(1)>";
    private DashboardSite _site = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _site = await DashboardSite.StartAsync("orders", "customers", Xss);

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Healthz_answers_without_sign_in_and_shows_no_data()
    {
        using var response = await _site.GetAsync("/healthz", user: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData("/api/session")]
    [InlineData("/api/tables")]
    [InlineData("/api/tables/orders")]
    [InlineData("/api/history")]
    [InlineData("/api/runs")]
    [InlineData("/api/runs/nope")]
    [InlineData("/api/events")]
    public async Task Every_api_endpoint_answers_401_without_sign_in(string path)
    {
        using var response = await _site.GetAsync(path, user: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task The_page_sends_a_browser_without_a_session_to_the_sign_in_form()
    {
        using var response = await _site.GetAsync("/", user: null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location?.OriginalString);
        using var wrong = await _site.SendAsync(HttpMethod.Get, "/api/tables", "nobody");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Session_returns_the_user_their_roles_and_a_csrf_token()
    {
        var alice = await _site.JsonAsync("/api/session", "alice");
        Assert.Equal("alice", alice.GetProperty("user").GetString());
        Assert.Equal(["operator", "viewer"], alice.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(alice.GetProperty("csrfToken").GetString()));
        var bob = await _site.JsonAsync("/api/session", "bob");
        Assert.Equal(["viewer"], bob.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEqual(alice.GetProperty("csrfToken").GetString(), bob.GetProperty("csrfToken").GetString());
    }

    [Fact]
    public async Task A_user_in_no_role_is_refused_everywhere()
    {
        foreach (var path in new[] { "/", "/api/session", "/api/tables" })
        {
            using var response = await _site.GetAsync(path, "carol");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Tables_show_both_environments_and_the_last_refresh()
    {
        var before = await _site.JsonAsync("/api/tables");
        var orders = Table(before, "orders");
        Assert.Equal(1000, orders.GetProperty("sourceRows").GetInt64());
        Assert.Equal(0, orders.GetProperty("targetRows").GetInt64());
        Assert.Equal(JsonValueKind.Null, orders.GetProperty("lastRefresh").ValueKind);
        Assert.Equal(3, before.GetProperty("tables").GetArrayLength());
        Assert.Empty(before.GetProperty("errors").EnumerateArray());

        var (runId, results) = await _site.RefreshAsync("orders");
        Assert.Equal(RefreshStatus.Succeeded, Assert.Single(results).Status);

        orders = Table(await _site.JsonAsync("/api/tables"), "orders");
        Assert.Equal(1000, orders.GetProperty("targetRows").GetInt64());
        var last = orders.GetProperty("lastRefresh");
        Assert.Equal((runId, "Succeeded", 1000, "alice"), (last.GetProperty("runId").GetString(), last.GetProperty("status").GetString(), last.GetProperty("rowsCopied").GetInt64(), last.GetProperty("actor").GetString()));
        Assert.Equal(JsonValueKind.Null, orders.GetProperty("running").ValueKind);
    }

    [Fact]
    public async Task A_table_shows_its_plan_and_history_and_an_unknown_one_is_404()
    {
        var detail = await _site.JsonAsync("/api/tables/orders");
        Assert.Equal("orders", detail.GetProperty("table").GetProperty("table").GetString());
        Assert.Equal("Full", detail.GetProperty("plan").GetProperty("action").GetString());
        Assert.Equal(1000, detail.GetProperty("plan").GetProperty("estimatedRows").GetInt64());
        Assert.Empty(detail.GetProperty("history").EnumerateArray());
        using var missing = await _site.GetAsync("/api/tables/nothere");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_refresh_runs_through_the_session_as_the_signed_in_user_and_shows_in_runs_and_history()
    {
        var (runId, _) = await _site.RefreshAsync("orders", "customers");

        var run = await _site.JsonAsync($"/api/runs/{runId}");
        Assert.True(run.GetProperty("finished").GetBoolean());
        Assert.Equal("dashboard (alice)", run.GetProperty("startedBy").GetString());
        Assert.All(run.GetProperty("tables").EnumerateArray(), t => Assert.Equal("Succeeded", t.GetProperty("state").GetString()));
        var runs = await _site.JsonAsync("/api/runs");
        Assert.Contains(runs.GetProperty("recent").EnumerateArray(), r => r.GetProperty("runId").GetString() == runId);
        Assert.Empty(runs.GetProperty("active").EnumerateArray());

        var history = await _site.JsonAsync("/api/history?table=orders&status=Succeeded&last=5");
        var row = Assert.Single(history.EnumerateArray());
        Assert.Equal((runId, "alice", 1000L), (row.GetProperty("runId").GetString(), row.GetProperty("actor").GetString(), row.GetProperty("rowsCopied").GetInt64()));
        Assert.Equal(2, (await _site.JsonAsync("/api/history")).GetArrayLength());
        Assert.Empty((await _site.JsonAsync("/api/history?status=Failed")).EnumerateArray());
        using var bad = await _site.GetAsync("/api/history?status=Sideways");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"refresh-triggered\"", _site.AuditLog, StringComparison.Ordinal);
        Assert.Contains(runId, _site.AuditLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_of_an_unconfigured_table_or_of_nothing_is_refused()
    {
        var csrf = await _site.CsrfAsync();
        using var unknown = await _site.SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables = new[] { "secret_table" } }, csrf);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var none = await _site.SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables = Array.Empty<string>() }, csrf);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Empty(_site.Host.Recent);
    }

    [Fact]
    public async Task Events_stream_a_runs_progress_as_server_sent_events()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Authorization = DashboardSite.Basic("bob");
        using var response = await _site.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal(": connected", await reader.ReadLineAsync(Token));

        var (runId, _) = await _site.RefreshAsync("orders");
        var names = new List<string>();
        while (await reader.ReadLineAsync(Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                names.Add(line["event: ".Length..]);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = JsonDocument.Parse(line["data: ".Length..]).RootElement;
                if (data.GetProperty("runId").GetString() != runId)
                {
                    // The stream carries every run in the process (other tests' hosts run refreshes meanwhile).
                    names.RemoveAt(names.Count - 1);
                    continue;
                }

                if (names[^1] == "table-finished")
                {
                    Assert.Equal(("orders", "Succeeded", 1000L), (data.GetProperty("table").GetString(), data.GetProperty("status").GetString(), data.GetProperty("rows").GetInt64()));
                }

                if (names[^1] == "run-finished")
                {
                    break;
                }
            }
        }

        Assert.Equal("run-started", names[0]);
        Assert.Contains("step-started", names);
        Assert.Contains("table-finished", names);
        Assert.Equal("run-finished", names[^1]);
    }

    [Fact]
    public async Task A_viewer_cannot_trigger_a_refresh()
    {
        using var response = await _site.SendAsync(HttpMethod.Post, "/api/refresh", "bob", new { tables = new[] { "orders" } }, await _site.CsrfAsync("bob"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_site.Host.Recent);
        Assert.Empty((await _site.JsonAsync("/api/history")).EnumerateArray());
        Assert.Contains("\"refused-trigger\"", _site.AuditLog, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    [InlineData("bob")]
    public async Task A_post_without_the_users_csrf_token_is_refused_and_changes_nothing(string? token)
    {
        var csrf = token == "bob" ? await _site.CsrfAsync("bob") : token;
        using var response = await _site.SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables = new[] { "orders" } }, csrf);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_site.Host.Recent);
        Assert.Empty((await _site.JsonAsync("/api/history")).EnumerateArray());
    }

    [Fact]
    public async Task The_sign_in_form_sets_a_strict_http_only_cookie_that_signs_in_the_page_and_the_api()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "alice", ["password"] = DashboardSite.Canary });
        using var signIn = await _site.Client.PostAsync("/signin", form, Token);
        await _site.KeepAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardAuth.CookieName + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie.Split(';')[0];

        using var page = await _site.SendAsync(HttpMethod.Get, "/", cookie: cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.Contains("data-table=\"orders\"", html, StringComparison.Ordinal);
        Assert.Contains("Refresh now", html, StringComparison.Ordinal);

        using var session = await _site.SendAsync(HttpMethod.Get, "/api/session", cookie: cookie);
        var csrf = JsonDocument.Parse(await session.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("csrfToken").GetString();
        using var trigger = await _site.SendAsync(HttpMethod.Post, "/api/refresh", json: new { tables = new[] { "orders" } }, csrf: csrf, cookie: cookie);
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        await Assert.Single(_site.Host.Recent).Completion;

        using var signOut = await _site.SendAsync(HttpMethod.Post, "/signout", csrf: csrf, cookie: cookie);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        using var after = await _site.SendAsync(HttpMethod.Get, "/api/session", cookie: cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_viewer_sees_the_page_without_refresh_buttons()
    {
        using var page = await _site.GetAsync("/", "bob");
        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.Contains("data-table=\"customers\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Refresh now", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_named_like_markup_shows_as_text()
    {
        using var page = await _site.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain(Xss, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);

        // The API gives it as JSON text (the page's script puts text in with textContent only).
        using var api = await _site.GetAsync("/api/tables");
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        var body = await api.Content.ReadAsStringAsync(Token);
        Assert.Equal(DashboardSite.Configured(Xss), Table(JsonDocument.Parse(body).RootElement, DashboardSite.Configured(Xss)).GetProperty("table").GetString());
        Assert.DoesNotContain("<img", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "alice")]
    [InlineData("/api/tables", "alice")]
    [InlineData("/api/session", null)]
    [InlineData("/signin", null)]
    [InlineData("/static/dashboard.js", null)]
    [InlineData("/healthz", null)]
    [InlineData("/nothing-here", "alice")]
    public async Task Every_response_carries_the_security_headers(string path, string? user)
    {
        using var response = await _site.GetAsync(path, user);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task The_page_has_no_inline_script_and_its_own_script_is_served()
    {
        using var page = await _site.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.Equal(1, html.Split("<script", StringSplitOptions.None).Length - 1);
        Assert.Contains("<script src=\"/static/dashboard.js\" defer></script>", html, StringComparison.Ordinal);
        using var script = await _site.GetAsync("/static/dashboard.js", null);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-CSRF-Token", await script.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_sign_ins_are_throttled_per_user_and_per_client_address()
    {
        for (var i = 0; i < SignInThrottle.Limit; i++)
        {
            using var wrong = await _site.SendAsync(HttpMethod.Get, "/api/session", "nobody-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // The address is now refused, even with alice's right password.
        using var throttled = await _site.GetAsync("/api/session", "alice");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "alice", ["password"] = DashboardSite.Canary });
        using var signIn = await _site.Client.PostAsync("/signin", form, Token);
        await _site.KeepAsync(signIn);
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
        Assert.Contains("\"sign-in-failed\"", _site.AuditLog, StringComparison.Ordinal);
        Assert.Contains("\"sign-in-throttled\"", _site.AuditLog, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_sign_ins_are_throttled_per_user_from_any_address()
    {
        var throttle = new SignInThrottle(TimeProvider.System);
        for (var i = 0; i < SignInThrottle.Limit; i++)
        {
            throttle.Failed("alice", $"10.0.0.{i}");
        }

        Assert.NotNull(throttle.RetryAfter("alice", "10.9.9.9"));
        Assert.Null(throttle.RetryAfter("bob", "10.9.9.9"));
    }

    [Fact]
    public async Task The_password_never_appears_in_any_response_log_or_file_but_its_hash()
    {
        // Wrong passwords that contain the canary too, through Basic and the form.
        using (await _site.SendAsync(HttpMethod.Get, "/api/tables", "alice:" + DashboardSite.Canary))
        {
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = DashboardSite.Canary, ["password"] = DashboardSite.Canary + "x" });
        using (var signIn = await _site.Client.PostAsync("/signin", form, Token))
        {
            await _site.KeepAsync(signIn);
        }

        await _site.RefreshAsync("orders");
        foreach (var path in new[] { "/", "/signin", "/healthz", "/api/session", "/api/tables", "/api/tables/orders", "/api/history", "/api/runs", "/static/dashboard.js" })
        {
            using (await _site.GetAsync(path))
            {
            }
        }

        Assert.True(_site.Seen.Count >= 11);
        Assert.All(_site.Seen, text => Assert.DoesNotContain(DashboardSite.Canary + "x", text, StringComparison.Ordinal));
        Assert.All(_site.Seen, text => Assert.DoesNotContain("Pa55", text, StringComparison.Ordinal));
        Assert.DoesNotContain("Pa55", _site.AuditLog, StringComparison.Ordinal);
        var users = File.ReadAllText(_site.Config.Dashboard!.UsersFile!);
        Assert.DoesNotContain("Pa55", users, StringComparison.Ordinal);
        Assert.Contains($"pbkdf2-sha256${UsersFile.Iterations}$", users, StringComparison.Ordinal);
    }

    private static JsonElement Table(JsonElement overview, string name) =>
        overview.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == name);
}
