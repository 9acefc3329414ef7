using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRefresh.Tests.Dashboard;

/// <summary>
/// Refresh now and Compare now as a person does them, in headless Chromium against a real Kestrel and a real SQLite
/// pair: the plan first, then the confirmation, then live progress (Server-Sent Events) until done, then the new
/// history row on the table's page; and Cancel, which starts nothing.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserDefinition.Name)]
public sealed class DashboardRefreshBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ILocator Row(IPage page, string table) => page.Locator("#tables tbody tr").Filter(new() { Has = page.Locator("th[scope=row] a", new() { HasTextString = table }) });

    [Fact]
    public async Task An_operator_refreshes_a_table_from_the_page_sees_the_plan_watches_it_finish_and_finds_the_history_row()
    {
        await using var site = await DashboardSite.StartAsync(showProductionRows: true, "orders", "customers");
        await browser.RunAsync(site.Host.Url, async tab =>
        {
            var page = tab.Page;
            await BrowserFixture.SignInAsync(page, "alice");
            await Expect(Row(page, "orders").Locator("td[data-field='last']")).ToContainTextAsync("never");

            await Row(page, "orders").GetByRole(AriaRole.Button, new() { Name = "Refresh now" }).ClickAsync();
            var plan = page.Locator("#plan-rows tbody tr[data-table='orders']");
            await Expect(plan).ToContainTextAsync("Full");
            await Expect(plan).ToContainTextAsync("1,000");
            await Expect(page.Locator("#panel")).ToContainTextAsync("This will change UAT: 1 table(s), about 1,000 rows");
            await BrowserFixture.ScreenshotAsync(page, "refresh-plan");
            Assert.Equal(0, await CountAsync(site, "orders"));

            await page.Locator("#confirm").ClickAsync();
            await Expect(page.Locator("#progress li[data-table='orders']")).ToContainTextAsync("done: Succeeded (1,000 rows)");
            await Expect(page.Locator("#panel")).ToContainTextAsync("Run finished.");
            await Expect(Row(page, "orders").Locator("td[data-field='status']")).ToContainTextAsync("Succeeded");
            await Expect(Row(page, "orders").Locator("td[data-field='last']")).ToContainTextAsync("1,000 rows");
            await BrowserFixture.ScreenshotAsync(page, "refresh-done");
            Assert.Equal(1000, await CountAsync(site, "orders"));
            Assert.Equal(0, await CountAsync(site, "customers"));

            await Row(page, "orders").Locator("th[scope=row] a").ClickAsync();
            await Expect(page.Locator("#table-name")).ToHaveTextAsync("orders");
            var history = page.Locator("#history-rows tbody tr").First;
            await Expect(history).ToContainTextAsync("Succeeded");
            await Expect(history).ToContainTextAsync("alice");
            await Expect(page.Locator(".side[data-side='target'] tbody tr")).ToHaveCountAsync(20);
            await Expect(page.Locator(".side[data-side='source'] tbody tr")).ToHaveCountAsync(20);
            await page.Locator(".side[data-side='target'] button.more").ClickAsync();
            await Expect(page.Locator(".side[data-side='target'] tbody tr").First.Locator("td").First).ToHaveTextAsync("21");
            await BrowserFixture.ScreenshotAsync(page, "table-page-after-refresh");

            await page.GotoAsync("/runs");
            await Expect(page.Locator("#recent-runs")).ToContainTextAsync("dashboard (alice)");
            await Expect(page.Locator("#history-runs")).ToContainTextAsync("orders");
            await BrowserFixture.ScreenshotAsync(page, "runs");
        });
    }

    [Fact]
    public async Task Cancel_on_the_plan_starts_nothing_and_a_selection_is_planned_together()
    {
        await using var site = await DashboardSite.StartAsync("orders", "customers", "items");
        await browser.RunAsync(site.Host.Url, async tab =>
        {
            var page = tab.Page;
            await BrowserFixture.SignInAsync(page, "alice");
            await Expect(page.Locator("#refresh-selected")).ToBeDisabledAsync();
            await Row(page, "orders").Locator("input.pick").CheckAsync();
            await Row(page, "items").Locator("input.pick").CheckAsync();
            await page.Locator("#refresh-selected").ClickAsync();
            await Expect(page.Locator("#plan-rows tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Locator("#panel")).ToContainTextAsync("2 table(s), about 2,000 rows");
            await page.Locator("#cancel").ClickAsync();
            await Expect(page.Locator("#message")).ToHaveTextAsync("Nothing was started.");
            await Expect(page.Locator("#panel")).ToBeHiddenAsync();
        });

        Assert.Empty(site.Host.Recent);
        Assert.Equal(0, await CountAsync(site, "orders"));
        Assert.Equal(0, await CountAsync(site, "items"));
    }

    [Fact]
    public async Task Compare_now_on_the_table_page_counts_both_sides_and_shows_the_verdict()
    {
        await using var site = await DashboardSite.StartAsync("orders");
        await browser.RunAsync(site.Host.Url, async tab =>
        {
            var page = tab.Page;
            await BrowserFixture.SignInAsync(page, "alice");
            await page.GotoAsync("/tables/orders");
            await page.Locator("button.compare").ClickAsync();
            await page.Locator("#method").SelectOptionAsync("Count");
            await page.Locator("#confirm").ClickAsync();
            await Expect(page.Locator("#progress li[data-table='orders']")).ToContainTextAsync("Different (production 1,000, UAT 0 rows");
            await Expect(page.Locator("#comparison")).ToContainTextAsync("Different");
            await BrowserFixture.ScreenshotAsync(page, "compare-done");
        });
    }

    private static async Task<long> CountAsync(DashboardSite site, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(site.Folder, "uat.db")};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
