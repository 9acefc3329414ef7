using System.Net;
using System.Text.Json;
using DataRefresh.Tests.Dashboard;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>
/// Every dashboard endpoint and page against a real PostgreSQL pair (the SQLite pair is in DashboardTests and
/// DashboardPagesTests): estimates, plan then confirm, the run, history, runs, rows on both sides, incremental MAX,
/// Compare now, events; and the password canary absent from everything read.
/// </summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlDashboardTests : PostgresTestBase
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_answers_on_a_postgresql_pair_and_a_confirmed_plan_refreshes_it()
    {
        await Both("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL); CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int REFERENCES customers, amount numeric(10,2))");
        await Pg.ExecAsync(Src, "INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 300) g; INSERT INTO orders (customer_id, amount) SELECT 1 + g % 300, g * 0.5 FROM generate_series(1, 2000) g; ANALYZE");
        var config = Pg.Config(Src, Tgt, [Full("customers"), Incremental("orders", "id")]);
        await using var site = await DashboardSite.StartAsync(config, showProductionRows: true);

        var overview = await site.JsonAsync("/api/tables", "bob");
        Assert.Empty(overview.GetProperty("errors").EnumerateArray());
        var orders = overview.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("table").GetString() == "orders");
        Assert.Equal(2000, orders.GetProperty("sourceRows").GetInt64());

        var plan = await site.JsonAsync("/api/plan?table=customers,orders");
        Assert.Equal(2, plan.GetProperty("plans").GetArrayLength());
        using (var started = await site.SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables = new[] { "customers", "orders" }, planId = plan.GetProperty("planId").GetString() }, await site.CsrfAsync()))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var runId = JsonDocument.Parse(await started.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("runId").GetString()!;
            var results = await site.Host.Recent.First(r => r.RunId == runId).Completion;
            Assert.All(results, r => Assert.Equal(DataRefresh.Execution.RefreshStatus.Succeeded, r.Status));
            var run = await site.JsonAsync("/api/runs/" + runId, "bob");
            Assert.True(run.GetProperty("finished").GetBoolean());
        }

        Assert.Equal(2000, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM orders"));
        var history = await site.JsonAsync("/api/history?table=orders&last=5", "bob");
        Assert.Equal("alice", history[0].GetProperty("actor").GetString());
        var detail = await site.JsonAsync("/api/tables/orders", "bob");
        Assert.Equal("Succeeded", detail.GetProperty("table").GetProperty("lastRefresh").GetProperty("status").GetString());

        var reading = await site.JsonAsync("/api/tables/orders/incremental", "bob");
        Assert.Equal("2000", reading.GetProperty("sourceMax").GetString());
        Assert.Equal("2000", reading.GetProperty("targetMax").GetString());
        Assert.True(reading.GetProperty("upToDate").GetBoolean());

        foreach (var side in new[] { "target", "source" })
        {
            var rows = await site.JsonAsync($"/api/tables/customers/rows?side={side}&limit=7");
            Assert.Equal(7, rows.GetProperty("rows").GetArrayLength());
            Assert.Equal("1", rows.GetProperty("rows")[0][0].GetString());
            var next = await site.JsonAsync($"/api/tables/customers/rows?side={side}&limit=7&after={Uri.EscapeDataString(rows.GetProperty("next").GetString()!)}");
            Assert.Equal("8", next.GetProperty("rows")[0][0].GetString());
        }

        using (var compare = await site.SendAsync(HttpMethod.Post, "/api/compare", "alice", new { tables = new[] { "customers", "orders" } }, await site.CsrfAsync()))
        {
            Assert.Equal(HttpStatusCode.Accepted, compare.StatusCode);
            var id = JsonDocument.Parse(await compare.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("compareId").GetString()!;
            await site.Host.Comparisons.WaitAsync(id);
            var job = await site.JsonAsync("/api/compare/" + id);
            Assert.All(job.GetProperty("results").EnumerateArray(), r => Assert.Equal("Equal", r.GetProperty("status").GetString()));
        }

        foreach (var page in new[] { "/", "/tables/orders", "/tables/customers?status=Succeeded", "/runs" })
        {
            using var response = await site.GetAsync(page, "bob");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Contains("2000", await (await site.GetAsync("/", "bob")).Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.DoesNotContain(site.Seen, s => s.Contains(DashboardSite.Canary, StringComparison.Ordinal));
        Assert.DoesNotContain(site.Seen, s => s.Contains("Password", StringComparison.OrdinalIgnoreCase) && s.Contains("Host=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_dashboard_mid_copy_rolls_its_refresh_back_and_history_says_why()
    {
        await Both("CREATE TABLE sales (id bigint PRIMARY KEY, amount numeric(12,2))");
        await Pg.ExecAsync(Src, "INSERT INTO sales SELECT g, g / 100.0 FROM generate_series(1, 100000) g; ANALYZE");
        await Pg.ExecAsync(Tgt, "INSERT INTO sales SELECT g, -1 FROM generate_series(1, 10) g");
        var before = await Pg.DumpAsync(Tgt, "sales", "id");
        var config = Pg.Config(Src, Tgt, [Full("sales") with { BatchSize = 1000 }]);
        await using var site = await DashboardSite.StartAsync(config);

        // The run's first rows hold it (on its own thread) until Stop-RefreshDashboard's stop has been asked for:
        // the stop lands mid-copy, whatever the machine's speed.
        using var moving = new SemaphoreSlim(0);
        using var stopAsked = new SemaphoreSlim(0);
        var once = 0;
        var observer = new RecordingObserver
        {
            OnAnyEvent = e =>
            {
                if (e is DataRefresh.Events.RowsProgress { Progress.RowsCopied: > 0 } && site.Host.Recent.Any(r => r.RunId == e.RunId) && Interlocked.Exchange(ref once, 1) == 0)
                {
                    moving.Release();
                    stopAsked.Wait(Token);
                }
            },
        };
        using var subscription = DataRefresh.Execution.RefreshRuns.Subscribe(observer);
        using var started = await site.SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables = new[] { "sales" } }, await site.CsrfAsync());
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = site.Host.Recent.Single();
        await moving.WaitAsync(Token);
        var stop = site.Host.StopAsync();
        stopAsked.Release();
        await stop;

        var result = Assert.Single(await run.Completion);
        Assert.Equal(DataRefresh.Execution.RefreshStatus.Failed, result.Status);
        Assert.StartsWith("cancelled (the dashboard stopped)", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Pg.DumpAsync(Tgt, "sales", "id"));
        var history = Assert.Single(await new DataRefresh.History.HistoryJournal(DataRefresh.Engines.EngineRegistry.For(DataRefresh.Configuration.EngineKind.PostgreSql), config.Target, config.Settings, "test").ReadAsync(new DataRefresh.History.HistoryQuery(), Token));
        Assert.Equal((DataRefresh.History.HistoryStatus.Failed, "alice"), (history.Status, history.OsUser));
        Assert.Contains("the dashboard stopped", history.Error, StringComparison.Ordinal);
        Assert.Equal(0, await Pg.ScalarAsync<long>(Tgt, "SELECT count(*) FROM pg_class WHERE relname LIKE '\\_dr\\_%'"));
    }
}
