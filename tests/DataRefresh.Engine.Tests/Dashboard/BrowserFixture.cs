using Microsoft.Playwright;

namespace DataRefresh.Tests.Dashboard;

/// <summary>
/// The Browser tier's fixture: one headless Chromium for the whole <see cref="BrowserDefinition"/> (launched once, by
/// Playwright's node driver, which the Microsoft.Playwright package copies to the test output as .playwright/), and a
/// fresh browser context (no cookies, no storage) per test. The browser is Debian's, <c>/usr/bin/chromium</c>, or the
/// one <c>DATAREFRESH_CHROMIUM</c> names; Playwright's own browser downloads (<c>playwright install</c>) are never used.
/// Without that file every test using the fixture skips, saying so.
/// <para>
/// A test runs its page through <see cref="RunAsync"/>, which fails it when the page logs a console error (a CSP
/// violation is one: Chromium reports "Refused to ..." on the console), throws an uncaught error, or opens a dialog
/// (alert, confirm, prompt: the dialog is dismissed and the test fails). A test that expects a console error (the
/// browser logs "Failed to load resource" for a 401 page, for example) says so with
/// <see cref="BrowserTab.AllowConsoleError"/>. For example:
/// </para>
/// <code>
/// [Trait("Category", "Browser")]
/// [Collection(BrowserDefinition.Name)]
/// public sealed class RefreshFromThePageTests(BrowserFixture browser)
/// {
///     [Fact]
///     public async Task An_operator_refreshes_a_table_from_the_page()
///     {
///         await using var site = await DashboardSite.StartAsync("orders");
///         await browser.RunAsync(site.Host.Url, async tab =>
///         {
///             await BrowserFixture.SignInAsync(tab.Page, "alice");
///             await tab.Page.Locator("button.refresh[data-table='orders']").ClickAsync();
///             await Assertions.Expect(tab.Page.Locator("tr[data-table='orders'] td[data-field='now']")).ToContainTextAsync("done");
///             await BrowserFixture.ScreenshotAsync(tab.Page, "refresh-orders-done");
///         });
///     }
/// }
/// </code>
/// Screenshots go to <see cref="ScreenshotDirectory"/>: out/test-results/screenshots/ in the repository (the folder
/// build.ps1 test collects its results in), or <c>DATAREFRESH_SCREENSHOTS</c>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Environment variable naming the Chromium executable (default /usr/bin/chromium).</summary>
    public const string ChromiumVariable = "DATAREFRESH_CHROMIUM";

    /// <summary>Environment variable naming the screenshot folder (default out/test-results/screenshots/).</summary>
    public const string ScreenshotsVariable = "DATAREFRESH_SCREENSHOTS";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the tier cannot run here (no Chromium), or null.</summary>
    public string? SkipReason { get; private set; }

    public static string ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(SkipReason ?? "the browser has not started");

    public async ValueTask InitializeAsync()
    {
        var chromium = ChromiumPath;
        if (!File.Exists(chromium))
        {
            SkipReason = $"no Chromium at {chromium} (set {ChromiumVariable}, or on Debian: apt-get install chromium)";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            Timeout = 60_000,
        });
    }

    /// <summary>
    /// Opens a new context and page on <paramref name="baseUrl"/> (relative URLs resolve against it) with a
    /// <paramref name="width"/> x <paramref name="height"/> viewport, runs <paramref name="test"/>, and fails the test
    /// on any console error, uncaught page error or dialog it did not allow; the context is closed either way.
    /// Skips the test when there is no Chromium.
    /// </summary>
    public async Task RunAsync(string baseUrl, Func<BrowserTab, Task> test, int width = 1280, int height = 800)
    {
        Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        try
        {
            context.SetDefaultTimeout(15_000);
            var tab = new BrowserTab(await context.NewPageAsync(), baseUrl);
            try
            {
                await test(tab);
            }
            catch (Exception ex) when (tab.Problems.Count > 0)
            {
                throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}The page also reported:{Environment.NewLine}{string.Join(Environment.NewLine, tab.Problems)}", ex);
            }

            tab.AssertClean();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Signs in through the form at /signin (every DashboardSite account has the password <see cref="DashboardSite.Canary"/>) and waits for the overview.</summary>
    public static async Task SignInAsync(IPage page, string user, string? password = null)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password ?? DashboardSite.Canary);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/signin");
        if (response.Status != 302)
        {
            Assert.Fail($"signing in as {user} through the form answered {response.Status}: {await response.TextAsync()}");
        }

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png in <see cref="ScreenshotDirectory"/>; returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    private static string FindScreenshotDirectory()
    {
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } configured)
        {
            return Directory.CreateDirectory(configured).FullName;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DataRefresh.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "out", "test-results", "screenshots")).FullName;
            }
        }

        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    }
}

/// <summary>One test's page, and what the page reported that a test should not ignore.</summary>
public sealed class BrowserTab
{
    private readonly List<string> _problems = [];
    private readonly List<string> _allowed = [];

    internal BrowserTab(IPage page, string baseUrl)
    {
        Page = page;
        BaseUrl = baseUrl;
        page.Console += (_, message) =>
        {
            // Chromium asks every site for /favicon.ico by itself; the dashboard has none, and that 404 is not the page's doing.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                Add($"console error: {message.Text} ({message.Location})", allowable: true);
            }
        };
        page.PageError += (_, error) => Add($"uncaught page error: {error}", allowable: false);
        page.Dialog += (_, dialog) =>
        {
            Add($"a {dialog.Type} dialog opened: {dialog.Message}", allowable: false);
            _ = dialog.DismissAsync();
        };
    }

    public IPage Page { get; }

    public string BaseUrl { get; }

    /// <summary>Console errors, page errors and dialogs so far, but the allowed console errors.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>A console error containing <paramref name="fragment"/> is expected (page errors and dialogs never are).</summary>
    public void AllowConsoleError(string fragment)
    {
        lock (_problems)
        {
            _allowed.Add(fragment);
            _problems.RemoveAll(p => p.StartsWith("console error: ", StringComparison.Ordinal) && p.Contains(fragment, StringComparison.Ordinal));
        }
    }

    /// <summary>Fails the test if the page reported anything (<see cref="BrowserFixture.RunAsync"/> does this at the end).</summary>
    public void AssertClean()
    {
        var problems = Problems;
        Assert.True(problems.Count == 0, "The page reported:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    private void Add(string problem, bool allowable)
    {
        lock (_problems)
        {
            if (!allowable || !_allowed.Any(a => problem.Contains(a, StringComparison.Ordinal)))
            {
                _problems.Add(problem);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserDefinition : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
