using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRefresh.Tests.Dashboard;

/// <summary>
/// The dashboard as a person sees it: a real Kestrel (<see cref="DashboardSite"/>) and headless Chromium
/// (<see cref="BrowserFixture"/>), signing in through the form. Screenshots land in out/test-results/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserDefinition.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    private const string Xss = "<img src=x onerror=alert(1)>";

    /// <summary>Names as long as real ones get, so the layout tests measure something.</summary>
    private static readonly string[] Tables = ["orders", "customers", "daily_reports", "product_catalog", "customer_address_history_archive"];

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task An_operator_signs_in_through_the_form_and_sees_every_table_in_both_environments(int width, int height)
    {
        await using var site = await DashboardSite.StartAsync(Tables);
        await site.RefreshAsync("orders");
        await browser.RunAsync(site.Host.Url, async tab =>
        {
            var page = tab.Page;
            await BrowserFixture.SignInAsync(page, "alice");
            Assert.Equal("/", new Uri(page.Url).AbsolutePath);
            await Expect(page.Locator("#user")).ToHaveTextAsync("alice");

            var headers = await page.Locator("#tables thead th").AllTextContentsAsync();
            var production = headers.ToList().IndexOf("Production rows");
            var uat = headers.ToList().IndexOf("UAT rows");
            Assert.True(production > 0 && uat > 0, "headers: " + string.Join(" | ", headers));
            foreach (var table in Tables)
            {
                var cells = Row(page, table).Locator(":scope > th, :scope > td");
                await Expect(cells.Nth(0)).ToBeVisibleAsync();
                await Expect(cells.Nth(production)).ToBeVisibleAsync();
                await Expect(cells.Nth(production)).ToHaveTextAsync("1,000");
                await Expect(cells.Nth(uat)).ToBeVisibleAsync();
                await Expect(cells.Nth(uat)).ToHaveTextAsync(table == "orders" ? "1,000" : "0");
                await Expect(Row(page, table).GetByRole(AriaRole.Button, new() { Name = "Refresh now" })).ToBeVisibleAsync();
            }

            await Expect(Row(page, "orders").Locator("td[data-field='status']")).ToContainTextAsync("Succeeded");
            await BrowserFixture.ScreenshotAsync(page, $"overview-operator-{width}x{height}");
        }, width, height);
    }

    [Fact]
    public async Task Signed_out_the_overview_sends_the_browser_to_the_form_and_a_wrong_password_says_so()
    {
        await using var site = await DashboardSite.StartAsync("orders");
        await browser.RunAsync(site.Host.Url, async tab =>
        {
            var page = tab.Page;
            var response = await page.GotoAsync("/");
            Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
            Assert.Equal(200, response!.Status);
            await Expect(page.GetByLabel("Name")).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "signin-form");

            // The form answers 401 with the form again; Chromium logs that status as a console error.
            tab.AllowConsoleError("status of 401");
            await page.GetByLabel("Name").FillAsync("alice");
            await page.GetByLabel("Password").FillAsync("not-" + DashboardSite.Canary);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByText("Wrong name or password.")).ToBeVisibleAsync();
            Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
            Assert.Empty(await page.Context.CookiesAsync());
            await Expect(page.Locator("#tables")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, "signin-wrong-password");
        });
    }

    [Fact]
    public async Task A_table_named_like_markup_shows_as_text_and_runs_nothing()
    {
        await using var site = await DashboardSite.StartAsync("orders", Xss);
        await browser.RunAsync(site.Host.Url, async tab =>
        {
            var page = tab.Page;
            await BrowserFixture.SignInAsync(page, "alice");
            var shown = DashboardSite.Configured(Xss);
            await Expect(TableLink(page, shown)).ToBeVisibleAsync();
            await Expect(TableLink(page, shown)).ToHaveTextAsync(shown);
            await Expect(page.Locator("img")).ToHaveCountAsync(0);

            // The page's script sees the name too (data-table, the refresh button); give an injected handler its chance.
            await Expect(Row(page, shown).GetByRole(AriaRole.Button, new() { Name = "Refresh now" })).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            await page.WaitForTimeoutAsync(250);
            await BrowserFixture.ScreenshotAsync(page, "overview-markup-table-name");
        });
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1200, 800)]
    [InlineData(1024, 768)]
    [InlineData(768, 1024)]
    [InlineData(390, 844)]
    public async Task The_overview_fits_the_window_without_sideways_scrolling(int width, int height)
    {
        await using var site = await DashboardSite.StartAsync(Tables);
        await site.RefreshAsync("orders");
        await browser.RunAsync(site.Host.Url, async tab =>
        {
            var page = tab.Page;
            await BrowserFixture.SignInAsync(page, "alice");
            await Expect(page.Locator("button.refresh")).ToHaveCountAsync(Tables.Length);
            var fit = await page.EvaluateAsync<string[]>("""
                () => {
                  const problems = [];
                  const doc = document.documentElement;
                  if (doc.scrollWidth > doc.clientWidth) { problems.push(`document scrollWidth ${doc.scrollWidth} > clientWidth ${doc.clientWidth}`); }
                  for (const el of document.body.querySelectorAll('*')) {
                    const x = getComputedStyle(el).overflowX;
                    if ((x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
                      problems.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} scrolls sideways: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
                    }
                  }
                  for (const b of document.querySelectorAll('button')) {
                    const r = b.getBoundingClientRect();
                    if (r.left < 0 || r.right > doc.clientWidth) { problems.push(`button "${b.textContent}" of ${b.dataset.table || ''} spans ${r.left}..${r.right}, the window ${doc.clientWidth}`); }
                  }
                  return problems;
                }
                """);
            await BrowserFixture.ScreenshotAsync(page, $"overview-layout-{width}x{height}");
            Assert.True(fit.Length == 0, $"at {width}x{height}:{Environment.NewLine}{string.Join(Environment.NewLine, fit)}");
        }, width, height);
    }

    [Fact]
    public async Task A_viewer_sees_the_tables_but_no_refresh_buttons()
    {
        await using var site = await DashboardSite.StartAsync(Tables);
        await browser.RunAsync(site.Host.Url, async tab =>
        {
            var page = tab.Page;
            await BrowserFixture.SignInAsync(page, "bob");
            await Expect(page.Locator("#user")).ToHaveTextAsync("bob");
            foreach (var table in Tables)
            {
                await Expect(TableLink(page, table)).ToBeVisibleAsync();
            }

            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refresh now" })).ToHaveCountAsync(0);
            await Expect(page.Locator("button.refresh")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, "overview-viewer");
        });
    }

    /// <summary>The overview's row of <paramref name="table"/>: the row whose header links to the table's page.</summary>
    private static ILocator Row(IPage page, string table) =>
        page.Locator("#tables tbody tr").Filter(new() { Has = page.Locator("th[scope=row]").GetByRole(AriaRole.Link, new() { Name = table, Exact = true }) });

    private static ILocator TableLink(IPage page, string table) =>
        page.Locator("#tables tbody th[scope=row]").GetByRole(AriaRole.Link, new() { Name = table, Exact = true });
}
