using System.Net;
using System.Text.Json;

namespace DataRefresh.Tests.Dashboard;

/// <summary>POST /api/compare: Compare-TableState's engine through the session, for operators with the CSRF token; the verdict on the table's API.</summary>
public sealed class DashboardCompareTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_compares_a_table_and_the_verdict_shows_on_the_table()
    {
        await using var site = await DashboardSite.StartAsync("orders", "customers");
        var before = await StartAsync(site, "orders");
        await site.Host.Comparisons.WaitAsync(before);
        var different = await site.JsonAsync($"/api/compare/{before}", "bob");
        Assert.True(different.GetProperty("finished").GetBoolean());
        var verdict = Assert.Single(different.GetProperty("results").EnumerateArray().ToList());
        Assert.Equal(("orders", "Different", 1000L, 0L), (verdict.GetProperty("table").GetString(), verdict.GetProperty("status").GetString(), verdict.GetProperty("sourceRows").GetInt64(), verdict.GetProperty("targetRows").GetInt64()));
        Assert.Equal("alice", verdict.GetProperty("startedBy").GetString());

        await site.RefreshAsync("orders");
        var after = await StartAsync(site, "orders");
        await site.Host.Comparisons.WaitAsync(after);
        var table = await site.JsonAsync("/api/tables/orders", "bob");
        Assert.Equal("Equal", table.GetProperty("lastComparison").GetProperty("status").GetString());
        var overview = await site.JsonAsync("/api/tables", "bob");
        var orders = overview.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "orders");
        Assert.Equal("Equal", orders.GetProperty("lastComparison").GetProperty("status").GetString());
        var customers = overview.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "customers");
        Assert.Equal(JsonValueKind.Null, customers.GetProperty("lastComparison").ValueKind);
        Assert.Contains("compare-triggered", site.AuditLog, StringComparison.Ordinal);
        var recent = await site.JsonAsync("/api/compare", "bob");
        Assert.Equal([after, before], recent.EnumerateArray().Select(j => j.GetProperty("compareId").GetString()));
    }

    [Fact]
    public async Task A_viewer_a_post_without_the_token_and_an_unknown_table_are_refused()
    {
        await using var site = await DashboardSite.StartAsync("orders");
        using (var viewer = await site.SendAsync(HttpMethod.Post, "/api/compare", "bob", new { tables = new[] { "orders" } }, await site.CsrfAsync("bob")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        }

        using (var noToken = await site.SendAsync(HttpMethod.Post, "/api/compare", "alice", new { tables = new[] { "orders" } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        }

        using (var unknown = await site.SendAsync(HttpMethod.Post, "/api/compare", "alice", new { tables = new[] { "nope" } }, await site.CsrfAsync()))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        Assert.Empty((await site.JsonAsync("/api/compare")).EnumerateArray());
        using var missing = await site.GetAsync("/api/compare/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static async Task<string> StartAsync(DashboardSite site, string table)
    {
        using var response = await site.SendAsync(HttpMethod.Post, "/api/compare", "alice", new { tables = new[] { table } }, await site.CsrfAsync());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("compareId").GetString()!;
    }
}
