using System.Net;
using System.Text.Json;

namespace DataRefresh.Tests.Dashboard;

/// <summary>
/// The pages (table, runs, run) and Refresh now's two steps (GET /api/plan, then POST /api/refresh with its id)
/// against real Kestrel and a real SQLite pair.
/// </summary>
public sealed class DashboardPagesTests : IAsyncLifetime
{
    private const string Xss = "<img src=x onerror=alert(1)>";
    private DashboardSite _site = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _site = await DashboardSite.StartAsync(showProductionRows: true, "orders", "inc_events", Xss);

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    private async Task<string> PageAsync(string path, string user = "alice", HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await _site.GetAsync(path, user);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Token);
    }

    [Fact]
    public async Task The_overview_links_every_table_to_its_page_and_offers_selection_to_operators_only()
    {
        var alice = await PageAsync("/");
        Assert.Contains("href=\"/tables/orders\"", alice, StringComparison.Ordinal);
        Assert.Contains("id=\"refresh-selected\"", alice, StringComparison.Ordinal);
        Assert.Contains("class=\"pick\"", alice, StringComparison.Ordinal);
        Assert.Contains("Check MAX", alice, StringComparison.Ordinal);
        var bob = await PageAsync("/", "bob");
        Assert.DoesNotContain("refresh-selected", bob, StringComparison.Ordinal);
        Assert.DoesNotContain("Refresh now", bob, StringComparison.Ordinal);
        Assert.DoesNotContain(Xss, alice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_page_shows_the_plan_history_and_the_data_sections()
    {
        var page = await PageAsync("/tables/orders");
        Assert.Contains("id=\"plan-now\"", page, StringComparison.Ordinal);
        Assert.Contains("Estimated rows", page, StringComparison.Ordinal);
        Assert.Contains("id=\"history-empty\"", page, StringComparison.Ordinal);
        Assert.Contains("data-side=\"target\"", page, StringComparison.Ordinal);
        Assert.Contains("data-side=\"source\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-side=\"source\"", await PageAsync("/tables/orders", "bob"), StringComparison.Ordinal);

        await _site.RefreshAsync("orders");
        var after = await PageAsync("/tables/orders");
        Assert.Contains("id=\"history-rows\"", after, StringComparison.Ordinal);
        Assert.Contains("Succeeded", after, StringComparison.Ordinal);
        Assert.Contains("id=\"history-empty\"", await PageAsync("/tables/orders?status=Failed"), StringComparison.Ordinal);
        Assert.Contains("must be one of", await PageAsync("/tables/orders?status=bogus", status: HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_page_encodes_the_name_and_an_unknown_table_is_404()
    {
        var page = await PageAsync("/tables/" + Uri.EscapeDataString(DashboardSite.Configured(Xss)));
        Assert.DoesNotContain(Xss, page, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
        var missing = await PageAsync("/tables/" + Uri.EscapeDataString("<b>nope</b>"), status: HttpStatusCode.NotFound);
        Assert.DoesNotContain("<b>nope</b>", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_now_plans_first_and_the_confirmed_plan_is_what_runs_once()
    {
        var plan = await _site.JsonAsync("/api/plan?table=orders");
        var planId = plan.GetProperty("planId").GetString()!;
        var only = Assert.Single(plan.GetProperty("plans").EnumerateArray());
        Assert.Equal("orders", only.GetProperty("table").GetString());
        Assert.False(only.GetProperty("blocked").GetBoolean());
        Assert.Equal(1000, plan.GetProperty("estimatedRows").GetInt64());
        Assert.Equal(0, await CountAsync("uat.db"));

        var csrf = await _site.CsrfAsync();
        using (var other = await _site.SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables = new[] { "inc_events" }, planId }, csrf))
        {
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        }

        using var started = await _site.SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables = new[] { "orders" }, planId }, csrf);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = JsonDocument.Parse(await started.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("runId").GetString()!;
        var results = await _site.Host.Recent.First(r => r.RunId == runId).Completion;
        Assert.Equal("orders", Assert.Single(results).Table);
        Assert.Equal(1000, await CountAsync("uat.db"));

        using var again = await _site.SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables = new[] { "orders" }, planId }, csrf);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("plan again", await again.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        var run = await PageAsync("/runs/" + runId, "bob");
        Assert.Contains("Succeeded", run, StringComparison.Ordinal);
        var runs = await PageAsync("/runs", "bob");
        Assert.Contains("id=\"recent-runs\"", runs, StringComparison.Ordinal);
        Assert.Contains("id=\"history-runs\"", runs, StringComparison.Ordinal);
        Assert.Contains(runId, runs, StringComparison.Ordinal);
        await PageAsync("/runs/nope", status: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_run_of_another_process_shows_on_the_runs_pages_from_the_history()
    {
        // As Invoke-TableRefresh in a SQL Agent job would: the engine's session, not the dashboard.
        var session = new DataRefresh.Execution.RefreshSession(_site.Config);
        await session.PlanAsync(["orders"], Token);
        session.Approve(_ => true);
        var results = await session.RunAsync(new DataRefresh.Execution.RefreshRunOptions { StartedBy = "nightly job" }, Token);
        var runId = results[0].RunId;
        Assert.Contains(runId, await PageAsync("/runs", "bob"), StringComparison.Ordinal);
        var run = await PageAsync("/runs/" + runId, "bob");
        Assert.Contains("href=\"/tables/orders\"", run, StringComparison.Ordinal);
        Assert.Contains("Succeeded", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_in_this_process_that_writes_another_target_is_not_this_dashboards()
    {
        // Another config's refresh in the same pwsh (or a second dashboard): held at its first step while we look.
        await using var other = await DashboardSite.StartAsync("orders");
        var session = new DataRefresh.Execution.RefreshSession(other.Config);
        await session.PlanAsync(["orders"], Token);
        session.Approve(_ => true);
        using var started = new SemaphoreSlim(0);
        using var hold = new SemaphoreSlim(0);
        var once = 0;
        var observer = new Support.RecordingObserver
        {
            OnAnyEvent = e =>
            {
                if (e is DataRefresh.Events.StepStarted && Interlocked.Exchange(ref once, 1) == 0)
                {
                    started.Release();
                    hold.Wait(Token);
                }
            },
        };
        using var run = session.Start(new DataRefresh.Execution.RefreshRunOptions { Observers = [observer], StartedBy = "another config" }, Token);
        try
        {
            await started.WaitAsync(Token);
            Assert.Contains(run.RunId, (await other.JsonAsync("/api/runs")).GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(run.RunId, (await _site.JsonAsync("/api/runs")).GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(run.RunId, (await _site.JsonAsync("/api/tables")).GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(run.RunId, await PageAsync("/runs"), StringComparison.Ordinal);
            await PageAsync("/runs/" + run.RunId, status: HttpStatusCode.NotFound);
            using var response = await _site.SendAsync(HttpMethod.Get, "/api/runs/" + run.RunId, "alice");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        finally
        {
            hold.Release();
            await run.Completion;
        }
    }

    [Fact]
    public async Task A_plan_is_for_operators_and_for_the_user_who_asked()
    {
        using (var viewer = await _site.GetAsync("/api/plan?table=orders", "bob"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        }

        using (var unknown = await _site.GetAsync("/api/plan?table=nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var planId = (await _site.JsonAsync("/api/plan?table=orders")).GetProperty("planId").GetString()!;
        using var stolen = await _site.SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables = new[] { "orders" }, planId = planId + "0" }, await _site.CsrfAsync());
        Assert.Equal(HttpStatusCode.Conflict, stolen.StatusCode);
        Assert.Equal(0, await CountAsync("uat.db"));
    }

    [Fact]
    public async Task Incremental_max_and_lag_are_read_on_request_and_then_shown_on_the_overview()
    {
        Assert.DoesNotContain("behind", await PageAsync("/"), StringComparison.Ordinal);
        var reading = await _site.JsonAsync("/api/tables/inc_events/incremental", "bob");
        Assert.Equal("id", reading.GetProperty("column").GetString());
        Assert.Equal("1000", reading.GetProperty("sourceMax").GetString());
        Assert.Equal(JsonValueKind.Null, reading.GetProperty("targetMax").ValueKind);
        Assert.False(reading.GetProperty("upToDate").GetBoolean());
        Assert.Contains("production 1000, UAT empty", await PageAsync("/"), StringComparison.Ordinal);

        await _site.RefreshAsync("inc_events");
        var overview = await _site.JsonAsync("/api/tables");
        var row = overview.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("table").GetString() == "inc_events");
        Assert.Equal("1000", row.GetProperty("incremental").GetProperty("sourceMax").GetString());

        using var notIncremental = await _site.GetAsync("/api/tables/orders/incremental");
        Assert.Equal(HttpStatusCode.BadRequest, notIncremental.StatusCode);
    }

    [Fact]
    public async Task Compare_now_takes_a_method_and_count_gives_exact_counts()
    {
        var csrf = await _site.CsrfAsync();
        using (var bad = await _site.SendAsync(HttpMethod.Post, "/api/compare", "alice", new { tables = new[] { "orders" }, method = "guess" }, csrf))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using var started = await _site.SendAsync(HttpMethod.Post, "/api/compare", "alice", new { tables = new[] { "orders" }, method = "count" }, csrf);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("compareId").GetString()!;
        await _site.Host.Comparisons.WaitAsync(id);
        var job = await _site.JsonAsync("/api/compare/" + id);
        Assert.Equal("Count", job.GetProperty("method").GetString());
        var result = Assert.Single(job.GetProperty("results").EnumerateArray());
        Assert.Equal(1000, result.GetProperty("sourceRows").GetInt64());
        Assert.Equal(0, result.GetProperty("targetRows").GetInt64());
        Assert.Contains("Different", await PageAsync("/tables/orders"), StringComparison.Ordinal);
    }

    private async Task<long> CountAsync(string file)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_site.Folder, file)};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM orders";
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
