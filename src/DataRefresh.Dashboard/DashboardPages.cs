using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using DataRefresh.Configuration;
using DataRefresh.History;
using Microsoft.AspNetCore.Http;

namespace DataRefresh.Dashboard;

/// <summary>
/// The server-rendered pages: overview, table, runs and run. Every text goes through the HTML encoder; the page's only
/// script is /static/dashboard.js, which finds its hooks by id and data- attributes (no inline script: the CSP forbids it).
/// </summary>
internal sealed class DashboardPages(DashboardData data, DashboardConfig dashboard, Func<DashboardHost> host)
{
    public const int HistoryPageSize = 20;
    private const int MaxHistoryPages = 50;
    private const int RecentHistoryRows = 500;
    private const int RecentRuns = 30;
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public async Task<IResult> OverviewAsync(HttpContext context, DashboardUser user)
    {
        var overview = await data.OverviewAsync(context.RequestAborted).ConfigureAwait(false);
        var b = Start("DataRefresh", user, overview.Source, overview.Target, "overview");
        Errors(b, overview.Errors);
        if (user.IsOperator)
        {
            b.Append("<div class=\"toolbar\"><button type=\"button\" id=\"refresh-selected\" disabled>Refresh selected</button> <button type=\"button\" id=\"compare-selected\" disabled>Compare selected</button></div>");
        }

        Panel(b);
        b.Append("<table id=\"tables\" class=\"overview\"><thead><tr>");
        if (user.IsOperator)
        {
            b.Append("<th><input type=\"checkbox\" id=\"pick-all\" aria-label=\"Select every table\"></th>");
        }

        b.Append("<th>Table</th><th class=\"num\">Production rows</th><th class=\"num\">UAT rows</th><th>Last refresh</th><th>Status</th><th>Incremental</th><th>Now</th>");
        if (user.IsOperator)
        {
            b.Append("<th></th>");
        }

        b.Append("</tr></thead><tbody>");
        foreach (var t in overview.Tables)
        {
            var stale = Stale(t.LastRefresh);
            b.Append("<tr data-table=\"").Append(E(t.Table)).Append("\" class=\"").Append(stale ? "stale" : "fresh").Append("\">");
            if (user.IsOperator)
            {
                b.Append("<td><input type=\"checkbox\" class=\"pick\" data-table=\"").Append(E(t.Table)).Append("\" aria-label=\"Select ").Append(E(t.Table)).Append("\"></td>");
            }

            b.Append("<th scope=\"row\"><a href=\"").Append(TableUrl(t.Table)).Append("\">").Append(E(t.Table)).Append("</a><small>").Append(E(t.SyncMode)).Append("</small></th>")
                .Append("<td class=\"num\" data-label=\"Production\">").Append(E(Rows(t.SourceRows))).Append("</td>")
                .Append("<td class=\"num\" data-label=\"UAT\">").Append(E(Rows(t.TargetRows))).Append("</td>");
            LastRefresh(b, t.LastRefresh);
            Status(b, t.LastRefresh, t.LastComparison);
            Incremental(b, t);
            b.Append("<td data-field=\"now\" data-label=\"Now\">").Append(E(t.Running is { } run ? $"{run.State} {run.Step} {Rows(run.Rows)} rows" : "")).Append("</td>");
            if (user.IsOperator)
            {
                b.Append("<td><button type=\"button\" class=\"refresh\" data-table=\"").Append(E(t.Table)).Append("\">Refresh now</button></td>");
            }

            b.Append("</tr>");
        }

        b.Append("</tbody></table>");
        b.Append("<p class=\"note\">Rows are the databases' catalog estimates; <em>Compare</em> with method Count gives exact counts. Stale: the last refresh did not succeed, or there was none.</p>");
        return End(b);
    }

    public async Task<IResult> TableAsync(HttpContext context, DashboardUser user, string name, string? status, int? page)
    {
        HistoryStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<HistoryStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
            {
                return Message(user, "Unknown status", $"status must be one of: {string.Join(", ", Enum.GetNames<HistoryStatus>())}", StatusCodes.Status400BadRequest);
            }

            filter = s;
        }

        var pageNumber = Math.Clamp(page ?? 1, 1, MaxHistoryPages);
        if (await data.TableAsync(name, context.RequestAborted).ConfigureAwait(false) is not { } view)
        {
            return Message(user, "No such table", $"no configured table is named '{name}'", StatusCodes.Status404NotFound);
        }

        var t = view.Table;
        var configured = data.Find(t.Table)!;
        var b = Start(t.Table + " - DataRefresh", user, data.Config.Source.Display, data.Config.Target.Display, "table");
        b.Append("<h2 id=\"table-name\" data-table=\"").Append(E(t.Table)).Append("\">").Append(E(t.Table)).Append("</h2>");
        b.Append("<dl class=\"facts\"><dt>Sync mode</dt><dd>").Append(E(t.SyncMode)).Append("</dd><dt>Strategy</dt><dd>").Append(E(configured.Strategy.ToString())).Append("</dd>")
            .Append("<dt>Production rows</dt><dd>").Append(E(Rows(t.SourceRows))).Append("</dd><dt>UAT rows</dt><dd>").Append(E(Rows(t.TargetRows))).Append("</dd>");
        if (configured.Masking.Count > 0)
        {
            b.Append("<dt>Masked columns</dt><dd>").Append(E(string.Join(", ", configured.Masking.Select(m => m.ToString())))).Append("</dd>");
        }

        b.Append("</dl>");
        if (user.IsOperator)
        {
            b.Append("<div class=\"toolbar\"><button type=\"button\" class=\"refresh\" data-table=\"").Append(E(t.Table)).Append("\">Refresh now</button> <button type=\"button\" class=\"compare\" data-table=\"")
                .Append(E(t.Table)).Append("\">Compare now</button></div>");
        }

        Panel(b);
        b.Append("<table id=\"tables\" class=\"overview single\"><thead><tr><th>Table</th><th>Last refresh</th><th>Status</th><th>Incremental</th><th>Now</th></tr></thead><tbody><tr data-table=\"")
            .Append(E(t.Table)).Append("\" class=\"").Append(Stale(t.LastRefresh) ? "stale" : "fresh").Append("\"><th scope=\"row\">").Append(E(t.Table)).Append("</th>");
        LastRefresh(b, t.LastRefresh);
        Status(b, t.LastRefresh, t.LastComparison);
        Incremental(b, t);
        b.Append("<td data-field=\"now\" data-label=\"Now\">").Append(E(t.Running is { } run ? $"{run.State} {run.Step}" : "")).Append("</td></tr></tbody></table>");

        PlanSection(b, view);
        ComparisonSection(b, view.LastComparison ?? t.LastComparison);
        await HistorySectionAsync(b, t.Table, filter, pageNumber, context.RequestAborted).ConfigureAwait(false);

        b.Append("<section id=\"data\"><h3>Data</h3><p class=\"note\">A page of rows in key order, read through the read-only sessions; masked columns show their masked form.</p><div class=\"sides\">");
        Side(b, t.Table, "target", "UAT");
        if (dashboard.ShowProductionRows && user.IsOperator)
        {
            Side(b, t.Table, "source", "Production");
        }

        b.Append("</div></section>");
        return End(b);
    }

    public async Task<IResult> RunsAsync(DashboardUser user, CancellationToken cancellationToken)
    {
        var b = Start("Runs - DataRefresh", user, data.Config.Source.Display, data.Config.Target.Display, "runs");
        var active = data.ActiveRuns.Select(r => RunView.From(r.Status)).ToList();
        b.Append("<h2>Running now</h2>");
        if (active.Count == 0)
        {
            b.Append("<p id=\"no-active\">No refresh is running in this process.</p>");
        }
        else
        {
            RunTable(b, active, "active-runs");
        }

        b.Append("<h2>Started from this dashboard</h2>");
        var recent = host().Recent.Select(r => RunView.From(r.Status)).Where(r => r.Finished).ToList();
        if (recent.Count == 0)
        {
            b.Append("<p>None yet.</p>");
        }
        else
        {
            RunTable(b, recent, "recent-runs");
        }

        b.Append("<h2>Recent runs in the history</h2><p class=\"note\">Every run against UAT: Invoke-TableRefresh at a prompt or in a SQL Agent job, and this dashboard's.</p>");
        try
        {
            var runs = (await data.HistoryAsync(new HistoryQuery { Last = RecentHistoryRows }, cancellationToken).ConfigureAwait(false))
                .GroupBy(h => h.RunId, StringComparer.Ordinal).Take(RecentRuns).ToList();
            if (runs.Count == 0)
            {
                b.Append("<p>No history yet.</p>");
            }
            else
            {
                b.Append("<table id=\"history-runs\"><thead><tr><th>Run</th><th>Started</th><th>By</th><th>Tables</th><th>Result</th></tr></thead><tbody>");
                foreach (var run in runs)
                {
                    var rows = run.ToList();
                    var failed = rows.Count(h => h.Status is "Failed" or "Abandoned");
                    b.Append("<tr class=\"").Append(failed > 0 ? "stale" : "").Append("\"><th scope=\"row\"><a href=\"/runs/").Append(Uri.EscapeDataString(run.Key)).Append("\">").Append(E(run.Key)).Append("</a></th><td>")
                        .Append(E(When(rows.Min(h => h.StartedAt)))).Append("</td><td>").Append(E(rows[0].Actor)).Append("</td><td>").Append(E(string.Join(", ", rows.Select(h => h.Table).Distinct(StringComparer.Ordinal))))
                        .Append("</td><td>").Append(E(failed > 0 ? $"{failed} of {rows.Count} failed" : string.Join(", ", rows.GroupBy(h => h.Status).Select(g => $"{g.Count()} {g.Key}")))).Append("</td></tr>");
                }

                b.Append("</tbody></table>");
            }
        }
        catch (Exception ex) when (DashboardData.Safe(ex) is { } message)
        {
            b.Append("<p class=\"error\">history: ").Append(E(message)).Append("</p>");
        }

        return End(b);
    }

    public async Task<IResult> RunAsync(DashboardUser user, string id, CancellationToken cancellationToken)
    {
        var run = data.FindRun(id) ?? host().Recent.FirstOrDefault(r => r.RunId == id);
        RunView view;
        if (run is not null)
        {
            view = RunView.From(run.Status);
        }
        else
        {
            // A run of another process (a SQL Agent job, a prompt): its history rows, among the recent ones.
            var rows = (await data.HistoryAsync(new HistoryQuery { Last = RecentHistoryRows }, cancellationToken).ConfigureAwait(false)).Where(h => h.RunId == id).Reverse().ToList();
            if (rows.Count == 0)
            {
                return Message(user, "No such run", $"no run {id} is active, recent in this dashboard, or among the last {RecentHistoryRows} history rows", StatusCodes.Status404NotFound);
            }

            view = new RunView(id, rows[0].Actor, new DateTimeOffset(DateTime.SpecifyKind(rows[0].StartedAt, DateTimeKind.Utc)), data.Config.Target.Display, rows.All(h => h.Status != "Running"),
                [.. rows.Select(h => new RunTableView(h.Table, h.Status, null, h.RowsCopied, h.RowsCopied, h.Attempt, h.Status, h.Error, h.DurationSeconds))]);
        }

        var b = Start("Run " + view.RunId + " - DataRefresh", user, data.Config.Source.Display, data.Config.Target.Display, "runs");
        b.Append("<h2 id=\"run\" data-run=\"").Append(E(view.RunId)).Append("\">Run ").Append(E(view.RunId)).Append("</h2><dl class=\"facts\"><dt>Started by</dt><dd>").Append(E(view.StartedBy))
            .Append("</dd><dt>Started</dt><dd>").Append(E(When(view.StartedAt.UtcDateTime))).Append("</dd><dt>Target</dt><dd>").Append(E(view.Target))
            .Append("</dd><dt>State</dt><dd id=\"run-state\">").Append(view.Finished ? "finished" : "running").Append("</dd></dl>");
        b.Append("<table id=\"run-tables\"><thead><tr><th>Table</th><th>State</th><th>Step</th><th class=\"num\">Rows</th><th class=\"num\">Estimated</th><th>Attempt</th><th>Duration</th><th>Error</th></tr></thead><tbody>");
        foreach (var t in view.Tables)
        {
            b.Append("<tr data-table=\"").Append(E(t.Table)).Append("\" class=\"").Append(t.Status is "Failed" ? "stale" : "").Append("\"><th scope=\"row\"><a href=\"").Append(TableUrl(t.Table)).Append("\">").Append(E(t.Table)).Append("</a></th><td data-field=\"state\">")
                .Append(E(t.Status ?? t.State)).Append("</td><td data-field=\"step\">").Append(E(t.Step ?? "")).Append("</td><td class=\"num\" data-field=\"rows\">").Append(E(Rows(t.Rows))).Append("</td><td class=\"num\">")
                .Append(E(Rows(t.EstimatedRows))).Append("</td><td class=\"num\">").Append(t.Attempt.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"num\">")
                .Append(E(t.DurationSeconds is { } d ? Seconds(d) : "")).Append("</td><td class=\"error\" data-field=\"error\">").Append(E(t.Error ?? "")).Append("</td></tr>");
        }

        b.Append("</tbody></table>");
        return End(b);
    }

    private static void RunTable(StringBuilder b, IReadOnlyList<RunView> runs, string id)
    {
        b.Append("<table id=\"").Append(id).Append("\"><thead><tr><th>Run</th><th>Started</th><th>By</th><th>Tables</th><th>Result</th></tr></thead><tbody>");
        foreach (var run in runs)
        {
            var failed = run.Tables.Count(t => t.Status == "Failed");
            var done = run.Tables.Count(t => t.Status is not null);
            b.Append("<tr class=\"").Append(failed > 0 ? "stale" : "").Append("\"><th scope=\"row\"><a href=\"/runs/").Append(Uri.EscapeDataString(run.RunId)).Append("\">").Append(E(run.RunId)).Append("</a></th><td>")
                .Append(E(When(run.StartedAt.UtcDateTime))).Append("</td><td>").Append(E(run.StartedBy)).Append("</td><td>").Append(E(string.Join(", ", run.Tables.Select(t => t.Table)))).Append("</td><td>")
                .Append(E(run.Finished ? (failed > 0 ? $"{failed} of {run.Tables.Count} failed" : $"{done} done") : $"{done} of {run.Tables.Count} done")).Append("</td></tr>");
            foreach (var t in run.Tables.Where(t => t.Error is not null))
            {
                b.Append("<tr class=\"detail\"><td></td><td colspan=\"4\" class=\"error\">").Append(E(t.Table)).Append(": ").Append(E(t.Error!)).Append("</td></tr>");
            }
        }

        b.Append("</tbody></table>");
    }

    private static void PlanSection(StringBuilder b, TableDetailView view)
    {
        b.Append("<section id=\"plan-now\"><h3>Plan</h3>");
        if (view.PlanError is { } error)
        {
            b.Append("<p class=\"error\">").Append(E(error)).Append("</p></section>");
            return;
        }

        if (view.Plan is not { } plan)
        {
            b.Append("<p>No plan.</p></section>");
            return;
        }

        b.Append("<dl class=\"facts\"><dt>Action</dt><dd data-field=\"action\"").Append(plan.Blocked ? " class=\"error\"" : "").Append('>').Append(E(plan.Blocked ? "blocked" : plan.Action)).Append("</dd><dt>Reason</dt><dd>")
            .Append(E(plan.Reason)).Append("</dd><dt>Estimated rows</dt><dd>").Append(E(Rows(plan.EstimatedRows))).Append("</dd>");
        if (plan.LoadMethod is { } load)
        {
            b.Append("<dt>Load</dt><dd>").Append(E(load)).Append("</dd>");
        }

        b.Append("</dl>");
        if (plan.Warnings.Count > 0)
        {
            b.Append("<ul class=\"warnings\">");
            foreach (var w in plan.Warnings)
            {
                b.Append("<li>").Append(E(w)).Append("</li>");
            }

            b.Append("</ul>");
        }

        if (plan.Steps is { Count: > 0 } steps)
        {
            b.Append("<details><summary>Steps</summary><ol>");
            foreach (var s in steps)
            {
                b.Append("<li>").Append(E(s)).Append("</li>");
            }

            b.Append("</ol></details>");
        }

        b.Append("</section>");
    }

    private static void ComparisonSection(StringBuilder b, ComparisonView? c)
    {
        b.Append("<section id=\"comparison\"><h3>Last comparison</h3>");
        if (c is null)
        {
            b.Append("<p>None since the dashboard started. After each refresh, its verification verdict is in the history below.</p></section>");
            return;
        }

        b.Append("<dl class=\"facts\"><dt>Verdict</dt><dd").Append(c.Status == "Equal" ? "" : " class=\"error\"").Append('>').Append(E(c.Status)).Append("</dd><dt>Method</dt><dd>").Append(E(c.Method))
            .Append("</dd><dt>Production rows</dt><dd>").Append(E(Rows(c.SourceRows))).Append("</dd><dt>UAT rows</dt><dd>").Append(E(Rows(c.TargetRows)))
            .Append("</dd><dt>Different rows</dt><dd>").Append(E(Rows(c.DifferentRows) + (c.MoreDifferences ? "+" : ""))).Append("</dd><dt>When</dt><dd>").Append(E(When(c.FinishedAt.UtcDateTime)))
            .Append(" by ").Append(E(c.StartedBy)).Append("</dd>");
        if (c.Reason is { } reason)
        {
            b.Append("<dt>Detail</dt><dd>").Append(E(reason)).Append("</dd>");
        }

        b.Append("</dl></section>");
    }

    private async Task HistorySectionAsync(StringBuilder b, string table, HistoryStatus? status, int page, CancellationToken cancellationToken)
    {
        b.Append("<section id=\"history\"><h3>History</h3><form method=\"get\" class=\"filter\"><label>Status <select name=\"status\"><option value=\"\">any</option>");
        foreach (var s in Enum.GetValues<HistoryStatus>())
        {
            b.Append("<option").Append(s == status ? " selected" : "").Append('>').Append(s).Append("</option>");
        }

        b.Append("</select></label> <button type=\"submit\">Filter</button></form>");
        IReadOnlyList<HistoryView> rows;
        try
        {
            // Keyset paging would need a history cursor; pages are bounded instead (at most MaxHistoryPages of HistoryPageSize).
            var all = await data.HistoryAsync(new HistoryQuery { Tables = [table], Status = status, Last = (page * HistoryPageSize) + 1 }, cancellationToken).ConfigureAwait(false);
            rows = all;
        }
        catch (Exception ex) when (DashboardData.Safe(ex) is { } message)
        {
            b.Append("<p class=\"error\">history: ").Append(E(message)).Append("</p></section>");
            return;
        }

        var shown = rows.Skip((page - 1) * HistoryPageSize).Take(HistoryPageSize).ToList();
        if (shown.Count == 0)
        {
            b.Append("<p id=\"history-empty\">No history").Append(status is null ? "" : " with status " + status).Append(".</p>");
        }
        else
        {
            b.Append("<table id=\"history-rows\"><thead><tr><th>Started</th><th>Action</th><th>Status</th><th>Verified</th><th class=\"num\">Duration</th><th class=\"num\">Rows</th><th class=\"num\">Rows/s</th><th>By</th><th>Run</th><th>Error</th></tr></thead><tbody>");
            foreach (var h in shown)
            {
                b.Append("<tr class=\"").Append(h.Status is "Failed" or "Abandoned" ? "stale" : "").Append("\"><td>").Append(E(When(h.StartedAt))).Append("</td><td>").Append(E(h.Action)).Append("</td><td class=\"status\">")
                    .Append(E(h.Status)).Append("</td><td title=\"").Append(E(h.VerifyDetail ?? "")).Append("\">").Append(E(h.VerifyStatus ?? "")).Append("</td><td class=\"num\">").Append(E(h.DurationSeconds is { } d ? Seconds(d) : ""))
                    .Append("</td><td class=\"num\">").Append(E(Rows(h.RowsCopied))).Append("</td><td class=\"num\">").Append(E(h.RowsPerSecond is { } r ? Rows((long)r) : "")).Append("</td><td>").Append(E(h.Actor))
                    .Append("</td><td>").Append(E(h.RunId)).Append("</td><td class=\"error\">").Append(E(h.Error ?? "")).Append("</td></tr>");
            }

            b.Append("</tbody></table>");
        }

        var query = status is null ? "" : "status=" + Uri.EscapeDataString(status.Value.ToString()) + "&amp;";
        b.Append("<nav class=\"pages\">");
        if (page > 1)
        {
            b.Append("<a rel=\"prev\" href=\"?").Append(query).Append("page=").Append(page - 1).Append("\">Newer</a> ");
        }

        b.Append("<span>page ").Append(page).Append("</span>");
        if (rows.Count > page * HistoryPageSize && page < MaxHistoryPages)
        {
            b.Append(" <a rel=\"next\" href=\"?").Append(query).Append("page=").Append(page + 1).Append("\">Older</a>");
        }

        b.Append("</nav></section>");
    }

    private static void Side(StringBuilder b, string table, string side, string label) =>
        b.Append("<div class=\"side\" data-side=\"").Append(side).Append("\" data-table=\"").Append(E(table)).Append("\"><h4>").Append(label)
            .Append("</h4><p class=\"note\" data-field=\"note\"></p><div class=\"scroll\"><table class=\"rows\"><thead></thead><tbody></tbody></table></div><button type=\"button\" class=\"more\" hidden>Next page</button></div>");

    /// <summary>The plan/confirm/progress panel the script fills (Refresh now and Compare now).</summary>
    private static void Panel(StringBuilder b) =>
        b.Append("<p id=\"message\" role=\"status\"></p><section id=\"panel\" hidden aria-live=\"polite\"><h3 id=\"panel-title\"></h3><div id=\"panel-body\"></div>")
            .Append("<div class=\"toolbar\"><label id=\"method-label\" hidden>Method <select id=\"method\"><option>Count</option><option selected>Checksum</option><option>Rows</option></select></label> ")
            .Append("<button type=\"button\" id=\"confirm\">Confirm</button> <button type=\"button\" id=\"cancel\">Cancel</button> <button type=\"button\" id=\"close\" hidden>Close</button></div></section>");

    private static void LastRefresh(StringBuilder b, HistoryView? last)
    {
        b.Append("<td data-field=\"last\" data-label=\"Last refresh\"><span data-field=\"when\">").Append(E(last is null ? "never" : When(last.StartedAt))).Append("</span><small data-field=\"summary\">")
            .Append(E(last is null ? "" : Summary(last))).Append("</small></td>");
    }

    internal static string Summary(HistoryView last) =>
        string.Join(" · ", new[] { last.DurationSeconds is { } d ? Seconds(d) : null, Rows(last.RowsCopied) + " rows", last.RowsPerSecond is { } r ? Rows((long)r) + " rows/s" : null }.OfType<string>());

    private static void Status(StringBuilder b, HistoryView? last, ComparisonView? comparison)
    {
        var verified = comparison is { } c && (last is null || c.FinishedAt.UtcDateTime >= last.StartedAt) ? $"compared: {c.Status}" : last?.VerifyStatus is { } v ? $"verified: {v}" : "";
        b.Append("<td data-field=\"status\" class=\"status\" data-label=\"Status\"><span data-field=\"state\">").Append(E(last?.Status ?? "")).Append("</span><small data-field=\"verify\">").Append(E(verified)).Append("</small></td>");
    }

    private static void Incremental(StringBuilder b, TableView t)
    {
        b.Append("<td data-field=\"incremental\" data-label=\"Incremental\">");
        if (t.SyncMode != nameof(SyncMode.Incremental))
        {
            b.Append("</td>");
            return;
        }

        if (t.Incremental is { } i)
        {
            b.Append("<span data-field=\"lag\">").Append(E(i.UpToDate == true ? "up to date" : i.Lag is { } lag ? "behind " + lag : "behind")).Append("</span><small>").Append(E($"{i.Column}: production {i.SourceMax ?? "empty"}, UAT {i.TargetMax ?? "empty"}"))
                .Append(" (").Append(E(When(i.ReadAt.UtcDateTime))).Append(")</small>");
        }

        b.Append("<button type=\"button\" class=\"max\" data-table=\"").Append(E(t.Table)).Append("\" title=\"Reads MAX on both sides now\">Check MAX</button></td>");
    }

    private static bool Stale(HistoryView? last) => last is null || last.Status is not ("Succeeded" or "Running") || last.VerifyStatus is "Different";

    private static void Errors(StringBuilder b, IReadOnlyList<string> errors)
    {
        foreach (var error in errors)
        {
            b.Append("<p class=\"error\">").Append(E(error)).Append("</p>");
        }
    }

    private static StringBuilder Start(string title, DashboardUser user, string source, string target, string page)
    {
        var b = new StringBuilder();
        DashboardEndpoints.Head(b, title);
        b.Append("<header><h1><a href=\"/\">DataRefresh</a></h1><nav><a href=\"/\"").Append(page == "overview" ? " aria-current=\"page\"" : "").Append(">Tables</a> <a href=\"/runs\"")
            .Append(page == "runs" ? " aria-current=\"page\"" : "").Append(">Runs</a></nav><p>").Append(E(source)).Append(" &rarr; ").Append(E(target))
            .Append("</p><p class=\"who\">Signed in as <span id=\"user\">").Append(E(user.Name)).Append("</span> (").Append(E(string.Join(", ", user.Roles)))
            .Append(") <button type=\"button\" id=\"signout\">Sign out</button></p></header><main data-page=\"").Append(page).Append("\" data-operator=\"").Append(user.IsOperator ? "true" : "false").Append("\">");
        return b;
    }

    private static IResult End(StringBuilder b)
    {
        b.Append("</main></body></html>");
        return Results.Content(b.ToString(), "text/html; charset=utf-8");
    }

    private IResult Message(DashboardUser user, string title, string message, int status)
    {
        var b = Start(title + " - DataRefresh", user, data.Config.Source.Display, data.Config.Target.Display, "message");
        b.Append("<h2>").Append(E(title)).Append("</h2><p class=\"error\">").Append(E(message)).Append("</p><p><a href=\"/\">All tables</a></p></main></body></html>");
        return Results.Content(b.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    internal static string TableUrl(string table) => "/tables/" + Uri.EscapeDataString(table);

    private static string When(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string E(string text) => Html.Encode(text);

    internal static string Rows(long? rows) => rows is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "?";
}
