using System.Collections.Concurrent;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Execution;
using DataRefresh.History;
using DataRefresh.Planning;
using DataRefresh.Preview;

namespace DataRefresh.Dashboard;

/// <summary>One configured table, both environments side by side (catalog estimates, never count(*)).</summary>
public sealed record TableView(
    string Table,
    string SyncMode,
    long? SourceRows,
    long? TargetRows,
    HistoryView? LastRefresh,
    RunningView? Running,
    ComparisonView? LastComparison = null,
    IncrementalReading? Incremental = null);

/// <summary>One history row, as the dashboard shows it (no host or login detail).</summary>
public sealed record HistoryView(
    string RunId,
    string Table,
    int Attempt,
    string Action,
    string Status,
    DateTime StartedAt,
    DateTime? EndedAt,
    double? DurationSeconds,
    long RowsCopied,
    long RowsDeleted,
    double? RowsPerSecond,
    string Actor,
    string? Error,
    string? VerifyStatus = null,
    string? VerifyDetail = null)
{
    public static HistoryView From(HistoryEntry e) => new(
        e.RunId, e.Table, e.Attempt, e.Action, e.Status.ToString(), e.StartedAt, e.EndedAt, e.Duration?.TotalSeconds, e.RowsCopied, e.RowsDeleted,
        e.Duration is { TotalSeconds: > 0 } d ? Math.Round(e.RowsCopied / d.TotalSeconds, 1) : null, e.OsUser, e.Error, e.VerifyStatus, e.VerifyDetail);
}

/// <summary>A table at work in a run right now.</summary>
public sealed record RunningView(string RunId, string State, string? Step, long Rows, long EstimatedRows);

/// <summary>The overview: both databases (as the configuration names them) and every configured table.</summary>
public sealed record OverviewView(string Source, string Target, IReadOnlyList<TableView> Tables, IReadOnlyList<string> Errors);

/// <summary>A table's plan: what a refresh would do now.</summary>
public sealed record PlanView(string Action, string Reason, long EstimatedRows, IReadOnlyList<string> Warnings, bool Blocked, string? Table = null, string? Strategy = null, string? LoadMethod = null, IReadOnlyList<string>? Steps = null)
{
    public static PlanView From(RefreshPlan p) => new(p.Action.ToString(), p.Reason, p.EstimatedRows, p.Warnings, p.IsBlocked, p.Table, p.Strategy.ToString(), p.LoadMethod.ToString(), p.Steps);
}

/// <summary>Refresh now, step one: the plans shown before the confirmation; POST /api/refresh with this id runs exactly them.</summary>
public sealed record PlanSetView(string PlanId, IReadOnlyList<PlanView> Plans, bool Blocked, long EstimatedRows, DateTimeOffset ExpiresAt);

public sealed record TableDetailView(TableView Table, PlanView? Plan, IReadOnlyList<HistoryView> History, string? PlanError, ComparisonView? LastComparison = null);

/// <summary>A run's status: from the engine's <see cref="RunStatus"/>.</summary>
public sealed record RunView(string RunId, string StartedBy, DateTimeOffset StartedAt, string Target, bool Finished, IReadOnlyList<RunTableView> Tables)
{
    public static RunView From(RunStatus s) => new(s.RunId, s.StartedBy, s.StartedAt, s.Target, s.Finished, [.. s.Tables.Select(RunTableView.From)]);
}

public sealed record RunTableView(string Table, string State, string? Step, long Rows, long EstimatedRows, int Attempt, string? Status, string? Error, double? DurationSeconds)
{
    public static RunTableView From(TableRunStatus t) => new(
        t.Table, t.State.ToString(), t.Step?.ToString(), t.Rows, t.EstimatedRows, t.Attempt, t.Result?.Status.ToString(), t.Result?.Error, t.Result?.Duration.TotalSeconds);
}

/// <summary>What the pages and the API read: catalogs, history and the run registry, through the engine's API.</summary>
internal sealed class DashboardData(RefreshConfig config)
{
    private readonly IDatabaseEngine _engine = EngineRegistry.For(config.Target.Engine);

    public RefreshConfig Config { get; } = config;

    /// <summary>Compare now: the comparisons this dashboard ran, and each table's last verdict.</summary>
    public DashboardCompare Comparisons { get; } = new(TimeProvider.System);

    /// <summary>Refresh now: the plans shown to a user, until they confirm (or the plan expires).</summary>
    public DashboardPlans Plans { get; } = new(TimeProvider.System);

    /// <summary>Each incremental table's last MAX reading (on request only: never on an overview load).</summary>
    private readonly ConcurrentDictionary<string, IncrementalReading> _incremental = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads production's and UAT's MAX of the table's incremental column now, and keeps it for the overview.</summary>
    public async Task<IncrementalReading> ReadIncrementalAsync(string table, CancellationToken cancellationToken)
    {
        if (_incremental.TryGetValue(table, out var recent) && recent.ReadAt > TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(1))
        {
            return recent;
        }

        var reading = await IncrementalState.ReadAsync(Config, table, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        _incremental[reading.Table] = reading;
        return reading;
    }

    public TableConfig? Find(string table) => Config.Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase));

    public async Task<OverviewView> OverviewAsync(CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var source = await EstimatesAsync(Config.Source, ConnectionPurpose.Source, errors, cancellationToken).ConfigureAwait(false);
        var target = await EstimatesAsync(Config.Target, ConnectionPurpose.Inspect, errors, cancellationToken).ConfigureAwait(false);
        var last = await LastRefreshesAsync(errors, cancellationToken).ConfigureAwait(false);
        var running = Running();
        var tables = Config.Tables.Select(t => new TableView(
            t.Name,
            t.SyncMode.ToString(),
            source.GetValueOrDefault(t.Name),
            target.GetValueOrDefault(t.Name),
            last.GetValueOrDefault(t.Name),
            running.GetValueOrDefault(t.Name),
            Comparisons.Last(t.Name),
            _incremental.GetValueOrDefault(t.Name))).ToList();
        return new OverviewView(Config.Source.Display, Config.Target.Display, tables, errors);
    }

    public async Task<TableDetailView?> TableAsync(string name, CancellationToken cancellationToken)
    {
        if (Find(name) is not { } table)
        {
            return null;
        }

        var overview = await OverviewAsync(cancellationToken).ConfigureAwait(false);
        var view = overview.Tables.First(t => t.Table == table.Name);
        PlanView? plan = null;
        string? planError = null;
        try
        {
            var plans = await new RefreshSession(Config).PlanAsync([table.Name], cancellationToken).ConfigureAwait(false);
            if (plans.FirstOrDefault(p => string.Equals(p.Table, table.Name, StringComparison.OrdinalIgnoreCase)) is { } p)
            {
                plan = PlanView.From(p);
            }
        }
        catch (Exception ex) when (Safe(ex) is { } message)
        {
            planError = message;
        }

        var history = await HistoryAsync(new HistoryQuery { Tables = [table.Name], Last = 20 }, cancellationToken).ConfigureAwait(false);
        return new TableDetailView(view, plan, history, planError, Comparisons.Last(table.Name));
    }

    public async Task<IReadOnlyList<HistoryView>> HistoryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        await using var journal = new HistoryJournal(_engine, Config.Target, Config.Settings, "DataRefresh dashboard");
        var entries = await journal.ReadAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(HistoryView.From)];
    }

    /// <summary>A page of the table's rows from one side, through the engine's read-only preview (<see cref="TablePreview"/>; masking applies there).</summary>
    public async Task<RowsView> RowsAsync(string table, DatabaseSide side, IReadOnlyList<object?>? after, int limit, CancellationToken cancellationToken)
    {
        var page = await TablePreview.ReadAsync(Config, table, side, after, limit, cancellationToken).ConfigureAwait(false);
        return DashboardPreview.View(page, limit);
    }

    /// <summary>
    /// The runs at work in this process that write this dashboard's target, oldest first. The registry is
    /// process-wide: an Invoke-TableRefresh of another config in the same pwsh is not this page's to show or block on.
    /// </summary>
    public IReadOnlyList<RefreshRun> ActiveRuns => [.. RefreshRuns.Active.Where(IsOurs)];

    /// <summary>An active run of this dashboard's target by id, or null.</summary>
    public RefreshRun? FindRun(string runId) => RefreshRuns.Find(runId) is { } run && IsOurs(run) ? run : null;

    private bool IsOurs(RefreshRun run) => SameDatabase.Equals(run.TargetDatabase, Config.Target);

    private Dictionary<string, RunningView> Running()
    {
        var running = new Dictionary<string, RunningView>(StringComparer.OrdinalIgnoreCase);
        foreach (var status in ActiveRuns.Select(r => r.Status))
        {
            foreach (var t in status.Tables.Where(t => t.State is TableRunState.Running or TableRunState.Waiting))
            {
                running[t.Table] = new RunningView(status.RunId, t.State.ToString(), t.Step?.ToString(), t.Rows, t.EstimatedRows);
            }
        }

        return running;
    }

    /// <summary>The newest history row of each configured table, from one indexed query (a seek per table on the history table's table index).</summary>
    private async Task<Dictionary<string, HistoryView>> LastRefreshesAsync(List<string> errors, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, HistoryView>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await using var journal = new HistoryJournal(_engine, Config.Target, Config.Settings, "DataRefresh dashboard");
            var rows = await journal.LastPerTableAsync([.. Config.Tables.Select(t => t.Name)], cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.OrderByDescending(r => r.StartedAt))
            {
                last.TryAdd(row.Table, HistoryView.From(row));
            }
        }
        catch (Exception ex) when (Safe(ex) is { } message)
        {
            errors.Add($"history: {message}");
        }

        return last;
    }

    private async Task<Dictionary<string, long?>> EstimatesAsync(DatabaseConfig database, ConnectionPurpose purpose, List<string> errors, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, long?>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await using var connection = await _engine.OpenAsync(database, purpose, Config.Settings, "DataRefresh dashboard", cancellationToken).ConfigureAwait(false);
            var catalog = await _engine.ReadCatalogAsync(connection, cancellationToken).ConfigureAwait(false);
            var resolved = new List<(string Table, QualifiedName Name)>();
            foreach (var table in Config.Tables)
            {
                if (TableName.TryParse(table.Name, out var parsed, out _) && parsed is not null && catalog.Resolve(parsed) is QualifiedName name)
                {
                    resolved.Add((table.Name, name));
                }
            }

            // One statement for every configured table (catalog statistics), not a round trip per table.
            var estimates = await _engine.EstimateRowsAsync(connection, [.. resolved.Select(r => r.Name).Distinct()], cancellationToken).ConfigureAwait(false);
            foreach (var (table, name) in resolved)
            {
                if (estimates.TryGetValue(name, out var estimate))
                {
                    rows[table] = estimate;
                }
            }
        }
        catch (Exception ex) when (Safe(ex) is { } message)
        {
            errors.Add($"{database.Side.ToString().ToLowerInvariant()}: {message}");
        }

        return rows;
    }

    /// <summary>The engine's own messages name servers and tables, never credentials; anything else is named by its type only.</summary>
    internal static string? Safe(Exception ex) => ex switch
    {
        OperationCanceledException => null,
        DatabaseConnectionException or InvalidOperationException or ArgumentException or NotSupportedException => ex.Message,
        System.Data.Common.DbException => $"the database refused the query ({ex.GetType().Name})",
        TimeoutException or IOException => $"{ex.GetType().Name}",
        _ => null,
    };
}
