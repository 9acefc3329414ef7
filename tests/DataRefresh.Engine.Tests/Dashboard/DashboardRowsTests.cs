using System.Net;
using System.Text.Json;

namespace DataRefresh.Tests.Dashboard;

/// <summary>GET /api/tables/{table}/rows: keyset pages in key order, bounded, production rows only where configured and only for operators.</summary>
public sealed class DashboardRowsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Target_rows_page_in_key_order_until_the_last_page()
    {
        await using var site = await DashboardSite.StartAsync("orders");
        await site.RefreshAsync("orders");
        var seen = new List<long>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await site.JsonAsync($"/api/tables/orders/rows?side=target&limit=300{(next is null ? "" : "&after=" + Uri.EscapeDataString(next))}", "bob");
            Assert.Equal("target", page.GetProperty("side").GetString());
            Assert.Equal(["id", "amount"], page.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
            Assert.Equal(["id"], page.GetProperty("key").EnumerateArray().Select(c => c.GetString()));
            seen.AddRange(page.GetProperty("rows").EnumerateArray().Select(r => long.Parse(r[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
            next = page.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null);

        Assert.Equal(4, pages);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task The_page_size_is_bounded_and_a_forged_cursor_is_refused()
    {
        await using var site = await DashboardSite.StartAsync("orders", "customers");
        foreach (var bad in new[] { "limit=0", "limit=501", "side=both", "after=AAAA", "after=bm90LWEtY3Vyc29y" })
        {
            using var response = await site.GetAsync($"/api/tables/orders/rows?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using var unknown = await site.GetAsync("/api/tables/nope/rows");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var anonymous = await site.GetAsync("/api/tables/orders/rows", user: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // A cursor of one table does not page another.
        await site.RefreshAsync("orders", "customers");
        var first = await site.JsonAsync("/api/tables/orders/rows?limit=10");
        var cursor = first.GetProperty("next").GetString()!;
        using var moved = await site.GetAsync($"/api/tables/customers/rows?limit=10&after={Uri.EscapeDataString(cursor)}");
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        var second = await site.JsonAsync($"/api/tables/orders/rows?limit=10&after={Uri.EscapeDataString(cursor)}");
        Assert.Equal("11", second.GetProperty("rows")[0][0].GetString());
        Assert.DoesNotContain("10", cursor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_rows_are_refused_unless_the_configuration_shows_them()
    {
        await using var site = await DashboardSite.StartAsync("orders");
        using var response = await site.GetAsync("/api/tables/orders/rows?side=source", "alice");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("show_production_rows", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_rows_are_shown_to_operators_only_where_configured()
    {
        await using var site = await DashboardSite.StartAsync(showProductionRows: true, "orders");
        using var viewer = await site.GetAsync("/api/tables/orders/rows?side=source", "bob");
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        var page = await site.JsonAsync("/api/tables/orders/rows?side=source&limit=5", "alice");
        Assert.Equal("source", page.GetProperty("side").GetString());
        Assert.Equal(["1", "1.5"], page.GetProperty("rows")[0].EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(5, page.GetProperty("rows").GetArrayLength());
        Assert.Equal(JsonValueKind.String, page.GetProperty("next").ValueKind);
        Assert.Contains("refused-production-rows", site.AuditLog, StringComparison.Ordinal);
    }
}
