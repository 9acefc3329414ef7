using System.Data.Common;
using System.Diagnostics;
using System.Reflection;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Events;
using DataRefresh.History;
using DataRefresh.Planning;

namespace DataRefresh.Execution;

/// <summary>
/// Runs plans: one target transaction per unit (tables that foreign keys tie together), the table lock inside
/// it, children emptied before parents, parents loaded before children, one commit. A failure or Ctrl+C rolls
/// the unit back, so the target keeps its old rows. Transient failures retry the whole unit; every attempt is
/// written to the history table in a transaction of its own.
/// </summary>
public sealed partial class RefreshRunner
{
    private static readonly string ModuleVersion =
        typeof(RefreshRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly RefreshConfig _config;
    private readonly IRefreshObserver _observer;
    private readonly IDatabaseEngine _engine;
    private HistoryJournal _journal = null!;
    private string _login = "";

    public RefreshRunner(RefreshConfig config, IRefreshObserver observer)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _observer = observer;
        _engine = EngineRegistry.For(config.Target.Engine);
        RunId = Guid.NewGuid().ToString("N");
    }

    public string RunId { get; }

    /// <summary>
    /// The plans were made by another command (piped): before the first unit, the run checks again that source and
    /// target are different databases and that every table's columns are as planned.
    /// </summary>
    internal bool RecheckSchemas { get; init; }

    /// <summary>The history rows' os_user: the user a host acts for (<see cref="RefreshRunOptions.Actor"/>), else the OS user.</summary>
    internal string? Actor { get; init; }

    /// <summary>Why a cancelled run stopped (<see cref="RefreshRunOptions.CancelReason"/>).</summary>
    internal Func<string>? CancelReason { get; init; }

    private string Label => new RunTag(RunId).Label;

    private RefreshSettings Settings => _config.Settings;

    public async Task<IReadOnlyList<RefreshResult>> RunAsync(IReadOnlyList<RefreshPlan> plans, int throttleLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var journal = new HistoryJournal(_engine, _config.Target, _config.Settings, Label);
        await using (journal.ConfigureAwait(false))
        {
            _journal = journal;
            Publish(new RunStarted([.. plans.OrderBy(p => p.Order).Select(p => p.Table)], throttleLimit) { RunId = RunId });
            var results = await RunPlansAsync(plans, throttleLimit, cancellationToken).ConfigureAwait(false);
            Publish(new RunFinished(results, cancellationToken.IsCancellationRequested) { RunId = RunId });
            return results;
        }
    }

    private async Task<IReadOnlyList<RefreshResult>> RunPlansAsync(IReadOnlyList<RefreshPlan> plans, int throttleLimit, CancellationToken cancellationToken)
    {
        var results = new List<RefreshResult>();
        void Emit(RefreshResult r)
        {
            r = r with { Config = _config };
            lock (results)
            {
                results.Add(r);
            }

            Publish(new TableFinished(r) { RunId = RunId, Table = r.Table, Attempt = r.Attempts });
        }

        if (Settings.DryRun)
        {
            foreach (var plan in plans)
            {
                Emit(new RefreshResult { RunId = RunId, Table = plan.Table, Action = plan.Action, Status = RefreshStatus.Skipped, WatermarkBefore = plan.Watermark, Note = $"dry run (settings.dry_run): nothing written; would {plan.Action}: {plan.Reason}" });
            }

            return results;
        }

        var abandoned = await _journal.MarkAbandonedAsync(cancellationToken).ConfigureAwait(false);
        if (abandoned > 0)
        {
            Notice(null, NoticeLevel.Warning, $"{abandoned} history row(s) left Running by an earlier, killed run were marked Abandoned");
        }

        _login = await _journal.LoginAsync(cancellationToken).ConfigureAwait(false);
        if (RecheckSchemas)
        {
            plans = await RecheckPlansAsync(plans, cancellationToken).ConfigureAwait(false);
        }

        foreach (var plan in plans.Where(p => p.IsBlocked))
        {
            // A table another run is refreshing is a failure of this run (it asked for it); a blocker is a skip.
            var status = plan.LockedBy is null && !_refused.Contains(plan.Table) ? RefreshStatus.Skipped : RefreshStatus.Failed;
            await RecordSkipAsync(plan, status == RefreshStatus.Failed ? HistoryStatus.Failed : HistoryStatus.Skipped, cancellationToken).ConfigureAwait(false);
            Emit(new RefreshResult { RunId = RunId, Table = plan.Table, Action = RefreshAction.Skip, Status = status, Error = plan.Reason });
        }

        await using var snapshot = await ShareSourceSnapshotAsync(plans, !_engine.SupportsParallelUnits || throttleLimit <= 1, cancellationToken).ConfigureAwait(false);
        var units = plans.Where(p => !p.IsBlocked).GroupBy(p => p.Unit).Select(g => g.OrderBy(p => p.Order).ToList()).OrderBy(u => u[0].Order).ToList();
        using var throttle = new SemaphoreSlim(_engine.SupportsParallelUnits ? Math.Max(1, throttleLimit) : 1);
        // A unit waits for every unit it depends on, wherever the plans list it (the planner lists them first).
        var running = new Dictionary<List<RefreshPlan>, Task>();
        var starting = new HashSet<List<RefreshPlan>>();
        Task Start(List<RefreshPlan> unit)
        {
            if (running.TryGetValue(unit, out var task))
            {
                return task;
            }

            // A unit still being started is a cycle (the planner merges those): it is not waited for.
            starting.Add(unit);
            // Units sharing a sequence also run one after the other (in list order): each reads the other's tables
            // to advance it, which would deadlock two parallel transactions.
            var index = units.IndexOf(unit);
            var before = units.Where((u, i) => u != unit && !starting.Contains(u) && (RunOrder.DependsOn(unit, u) || (i < index && SharesSequence(unit, u)))).Select(Start).ToArray();
            starting.Remove(unit);
            return running[unit] = RunUnitWhenReadyAsync(unit, before, throttle, Emit, cancellationToken);
        }

        units.ForEach(u => Start(u));
        await Task.WhenAll(running.Values).ConfigureAwait(false);
        return results;
    }

    private async Task RunUnitWhenReadyAsync(List<RefreshPlan> unit, Task[] before, SemaphoreSlim throttle, Action<RefreshResult> emit, CancellationToken cancellationToken)
    {
        await Task.WhenAll(before).ConfigureAwait(false);
        await throttle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                unit.ForEach(p => emit(new RefreshResult { RunId = RunId, Table = p.Table, Action = p.Action, Status = RefreshStatus.Skipped, Note = "not started: the run was cancelled" }));
                return;
            }

            foreach (var result in await RunUnitAsync(unit, cancellationToken).ConfigureAwait(false))
            {
                emit(result);
            }
        }
        finally
        {
            throttle.Release();
        }
    }

    private async Task<IReadOnlyList<RefreshResult>> RunUnitAsync(List<RefreshPlan> unit, CancellationToken cancellationToken)
    {
        var forceFull = false;
        string? note = null;
        for (var attempt = 1; ; attempt++)
        {
            var tables = unit.Select(p => new TableRun(p, attempt)).ToList();
            foreach (var t in tables)
            {
                Publish(new AttemptStarted(forceFull ? RefreshAction.Full : t.Plan.Action, attempt == 1 ? null : note ?? "after a transient failure") { RunId = RunId, Table = t.Plan.Table, Attempt = attempt });
            }

            try
            {
                await StartHistoryAsync(tables, attempt, forceFull, cancellationToken).ConfigureAwait(false);
                if (tables is [{ Plan.TableConfig.Strategy: RefreshStrategy.StagingPartitionSwitch } staged])
                {
                    await RunStagedOnceAsync(staged, forceFull, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await RunOnceAsync(tables, forceFull, cancellationToken).ConfigureAwait(false);
                }
                await FinishHistoryAsync(tables, HistoryStatus.Succeeded, null).ConfigureAwait(false);
                return tables.Select(t => t.VerifyFailure is { } failure
                    ? Result(t, RefreshStatus.Succeeded, null, attempt, note) with { Status = RefreshStatus.Failed, Error = failure }
                    : Result(t, RefreshStatus.Succeeded, null, attempt, note)).ToList();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var cancelled = cancellationToken.IsCancellationRequested;
                var error = cancelled ? $"cancelled ({CancelReason?.Invoke() ?? "stopped by the host"}): the transaction was rolled back; the target keeps its previous rows" : WithMaskingHint(Describe(ex, ShowsServerDetail(unit)), tables);
                var table = tables[0];
                var retry = !cancelled && _engine.IsTransient(ex) && attempt <= Settings.MaxRetries;
                var wantsFallback = !cancelled && !retry && !forceFull && tables.Count == 1 && table.Action == RefreshAction.Incremental && table.Plan.TableConfig.FallbackToFull;
                var fallBack = wantsFallback && table.Plan.FallbackBlockedBy is null;

                // The failed attempt's row says what came of it, so history reads as the planned fallback it is.
                await FinishHistoryAsync(tables, HistoryStatus.Failed, fallBack ? $"{error} (fallback_to_full: attempt {attempt + 1} refreshes the whole table in full)" : error).ConfigureAwait(false);
                if (cancelled)
                {
                    return tables.Select(t => Result(t, RefreshStatus.Failed, error, attempt, note)).ToList();
                }

                if (retry)
                {
                    var delay = TimeSpan.FromSeconds(Settings.RetryDelaySeconds * Math.Pow(2, attempt - 1));
                    foreach (var t in tables)
                    {
                        Publish(new RetryScheduled(error, delay) { RunId = RunId, Table = t.Plan.Table, Attempt = attempt });
                    }

                    try
                    {
                        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return tables.Select(t => Result(t, RefreshStatus.Failed, $"{error}; cancelled before the retry", attempt, note)).ToList();
                    }

                    continue;
                }

                if (fallBack)
                {
                    // Configured, and announced by the plan: a step of the run, not a warning.
                    note = $"incremental attempt failed ({error}); fell back to a full refresh (fallback_to_full: true)";
                    Publish(new FallbackStarted(note) { RunId = RunId, Table = table.Plan.Table, Attempt = attempt });
                    forceFull = true;
                    continue;
                }

                if (wantsFallback && table.Plan.FallbackBlockedBy is { } blocked)
                {
                    error += $" (fallback_to_full not attempted: {blocked})";
                }

                return tables.Select(t => Result(t, RefreshStatus.Failed, error, attempt, note)).ToList();
            }
        }
    }

    private async Task RunOnceAsync(List<TableRun> tables, bool forceFull, CancellationToken cancellationToken)
    {
        var settings = Settings;
        await using var lease = await OpenSourceAsync(settings, cancellationToken).ConfigureAwait(false);
        var (source, sourceTx) = (lease.Connection, lease.Transaction);
        await using var target = await _engine.OpenAsync(_config.Target, ConnectionPurpose.Target, settings, Label, cancellationToken).ConfigureAwait(false);
        await using var tx = await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var t in tables)
        {
            await LockAsync(t, target, tx, cancellationToken).ConfigureAwait(false);
        }

        var deferred = await DeferExternalReferencesAsync(tables, target, tx, cancellationToken).ConfigureAwait(false);
        var triggers = await SuspendTriggersAsync(tables, target, tx, cancellationToken).ConfigureAwait(false);

        // Decide again under the lock: the target may have changed since the plan was made.
        foreach (var t in tables)
        {
            await DecideAsync(t, target, tx, forceFull, cancellationToken).ConfigureAwait(false);
        }

        await StageMergesAsync(tables, source, sourceTx, target, tx, cancellationToken).ConfigureAwait(false);
        for (var i = tables.Count - 1; i >= 0; i--)
        {
            var t = tables[i];
            t.Clock.Start();
            if (Merges(t))
            {
                await DeleteMissingAsync(t, tables, target, tx, cancellationToken).ConfigureAwait(false);
            }
            else if (t.Action == RefreshAction.Full)
            {
                t.RowsDeleted = await StepAsync(t, RefreshStep.Empty, () => _engine.EmptyAsync(target, tx, t.TargetName, CanTruncate(t.Plan), settings.CommandTimeout, cancellationToken)).ConfigureAwait(false);
                t.Truncated = CanTruncate(t.Plan);
                if (TruncateRules.SetsIndexesAside(t.Plan, t.Action, _engine))
                {
                    t.IndexRestore = await _engine.SetIndexesAsideAsync(target, tx, t.TargetName, settings.CommandTimeout, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (t.DeleteFilter is { } window)
            {
                t.RowsDeleted = await StepAsync(t, RefreshStep.DeleteWindow, () => _engine.DeleteAsync(target, tx, t.TargetName, window, settings.CommandTimeout, cancellationToken)).ConfigureAwait(false);
            }

            t.Clock.Stop();
        }

        foreach (var t in tables)
        {
            t.Clock.Start();
            if (Merges(t))
            {
                await UpsertAsync(t, target, tx, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                t.RowsCopied = t.RowsInserted = await StepAsync(t, RefreshStep.Copy, () => CopyAsync(t, CopyFor(t, source, sourceTx, target, tx) with { TargetTruncated = t.Truncated }, cancellationToken)).ConfigureAwait(false);
                if (t.IndexRestore.Count > 0)
                {
                    var restore = t.IndexRestore;
                    await StepAsync(t, RefreshStep.IndexBuild, () => _engine.RebuildIndexesAsync(target, tx, restore, settings.IndexBuildMemoryMegabytes, settings.CommandTimeout, cancellationToken), n => n, n => $"{n} index(es) set aside for the load rebuilt (maintenance_work_mem {settings.IndexBuildMemoryMegabytes} MB)").ConfigureAwait(false);
                }

                if (t.OverlapFilter is { } window)
                {
                    await InsertLateRowsAsync(t, window, source, sourceTx, target, tx, cancellationToken).ConfigureAwait(false);
                }
            }

            t.Clock.Stop();
        }

        await AdvanceSequencesAsync(tables, target, tx, cancellationToken).ConfigureAwait(false);

        if (deferred.Count > 0)
        {
            await UnitStepAsync(tables, RefreshStep.Recheck, () => _engine.RecheckConstraintsAsync(target, tx, deferred, cancellationToken), deferred.Count).ConfigureAwait(false);
        }

        if (triggers.Count > 0)
        {
            await UnitStepAsync(tables, RefreshStep.ResumeTriggers, () => _engine.ResumeTriggersAsync(target, tx, triggers, cancellationToken), triggers.Count).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await UnitStepAsync(tables, RefreshStep.Commit, () => tx.CommitAsync(cancellationToken)).ConfigureAwait(false);
        foreach (var t in tables.Where(t => t.Column is not null))
        {
            await ReadWatermarkAfterAsync(t, target).ConfigureAwait(false);
        }

        await VerifyAsync(tables, source, sourceTx, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After commit the unit's rows are in: a watermark that cannot be read is a warning (history records none),
    /// never a committed unit reported Failed and run again by a retry or fallback_to_full.
    /// </summary>
    private async Task ReadWatermarkAfterAsync(TableRun t, DbConnection target)
    {
        try
        {
            t.WatermarkAfter = await StepAsync(t, RefreshStep.Verify, async () => Watermarks.Format(await _engine.ReadMaxAsync(target, null, t.TargetName, t.Column!, CancellationToken.None).ConfigureAwait(false)), _ => null, w => $"new watermark {w ?? "none (the table is empty)"}").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
        {
            Notice(t.Plan.Table, NoticeLevel.Warning, $"refreshed and committed, but its new watermark could not be read ({Describe(ex, showServerDetail: false)}); history records none for this run");
        }
    }

    /// <summary>external_references: defer — references from tables outside the unit are checked at the end, not per row.</summary>
    private async Task<IReadOnlyList<ForeignKeyInfo>> DeferExternalReferencesAsync(List<TableRun> tables, DbConnection target, DbTransaction tx, CancellationToken cancellationToken)
    {
        // Keys from tables emptied in this unit need no deferring; every other key (an incremental partner's too) may.
        // A merged table is not emptied and needs no deferring: its DELETE removes only rows production deleted.
        var emptied = tables.Where(t => t.Action == RefreshAction.Full && !Merges(t)).Select(t => t.TargetName).ToHashSet();
        var deferred = tables.Where(t => t.Plan.TableConfig.ExternalReferences == ExternalReferences.Defer && !Merges(t))
            .SelectMany(t => t.Plan.TargetSchema!.ReferencedBy).Where(fk => !emptied.Contains(fk.ReferencingTable)).Distinct().ToList();
        // The keys as they were before (SQL Server: disabled, untrusted): the recheck puts back exactly that.
        return deferred.Count > 0 ? await UnitStepAsync(tables, RefreshStep.DeferConstraints, () => _engine.DeferConstraintsAsync(target, tx, deferred, cancellationToken), _ => deferred.Count).ConfigureAwait(false) : deferred;
    }

    /// <summary>TRUNCATE where the config asks for it and the engine allows it on this table; DELETE otherwise.</summary>
    private bool CanTruncate(RefreshPlan plan)
    {
        return TruncateRules.CanTruncate(plan.TableConfig.TruncateTarget, plan.TargetSchema!, _engine.CanTruncateReferencedTable);
    }

    private async Task StartHistoryAsync(List<TableRun> tables, int attempt, bool forceFull, CancellationToken cancellationToken)
    {
        foreach (var t in tables)
        {
            t.Entry = NewEntry(t.Plan, attempt) with { Action = (forceFull ? RefreshAction.Full : t.Plan.Action).ToString(), WatermarkBefore = t.Plan.Watermark };
            await _journal.StartAsync(t.Entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FinishHistoryAsync(List<TableRun> tables, HistoryStatus status, string? error)
    {
        foreach (var t in tables.Where(t => t.Entry is not null))
        {
            try
            {
                await _journal.FinishAsync(t.Entry! with
                {
                    Action = t.Action.ToString(),
                    // Committed, then found different by verify: Failed, with the counts of what was committed.
                    Status = status == HistoryStatus.Succeeded && t.VerifyFailure is not null ? HistoryStatus.Failed : status,
                    EndedAt = DateTime.UtcNow,
                    RowsCopied = status == HistoryStatus.Succeeded ? t.RowsCopied : 0,
                    RowsDeleted = status == HistoryStatus.Succeeded ? t.RowsDeleted : 0,
                    RowsInserted = status == HistoryStatus.Succeeded ? t.RowsInserted : 0,
                    RowsUpdated = status == HistoryStatus.Succeeded ? t.RowsUpdated : 0,
                    WatermarkAfter = t.WatermarkAfter,
                    Error = error ?? t.VerifyFailure,
                    VerifyStatus = status == HistoryStatus.Succeeded ? t.VerifyStatus : null,
                    VerifyDetail = status == HistoryStatus.Succeeded ? t.VerifyDetail : null,
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DbException or DatabaseConnectionException or InvalidOperationException or TimeoutException or IOException)
            {
                Notice(t.Plan.Table, NoticeLevel.Warning, $"could not record the outcome in the history table: {Describe(ex)}");
            }
        }
    }

    private async Task RecordSkipAsync(RefreshPlan plan, HistoryStatus status, CancellationToken cancellationToken)
    {
        var entry = NewEntry(plan, 1) with { Action = nameof(RefreshAction.Skip), Status = status, EndedAt = DateTime.UtcNow, Error = plan.Reason };
        await _journal.StartAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private HistoryEntry NewEntry(RefreshPlan plan, int attempt) => new()
    {
        EntryId = Guid.NewGuid().ToString("N"),
        RunId = RunId,
        Table = plan.Table,
        Attempt = attempt,
        SyncMode = plan.SyncMode.ToString(),
        Action = plan.Action.ToString(),
        Status = HistoryStatus.Running,
        StartedAt = DateTime.UtcNow,
        OsUser = Actor ?? Environment.UserName,
        DatabaseLogin = _login,
        Host = Environment.MachineName,
        ProcessId = Environment.ProcessId,
        ModuleVersion = ModuleVersion,
        MaskedColumns = plan.Masking.Count > 0 ? string.Join(", ", plan.Masking) : null,
    };

    private RefreshResult Result(TableRun t, RefreshStatus status, string? error, int attempts, string? note) => new()
    {
        RunId = RunId,
        Table = t.Plan.Table,
        Action = t.Action,
        Status = status,
        RowsCopied = status == RefreshStatus.Succeeded ? t.RowsCopied : 0,
        RowsDeleted = status == RefreshStatus.Succeeded ? t.RowsDeleted : 0,
        RowsInserted = status == RefreshStatus.Succeeded ? t.RowsInserted : 0,
        RowsUpdated = status == RefreshStatus.Succeeded ? t.RowsUpdated : 0,
        LoadMethod = t.Action == RefreshAction.Full ? t.Plan.LoadMethod : null,
        Duration = t.Clock.Elapsed,
        WatermarkBefore = t.WatermarkBefore ?? t.Plan.Watermark,
        WatermarkAfter = status == RefreshStatus.Succeeded ? t.WatermarkAfter : t.WatermarkBefore ?? t.Plan.Watermark,
        Error = error,
        Attempts = attempts,
        Note = note,
        PlannedAction = t.Plan.Action,
        Deviation = t.Deviation,
        Steps = [.. t.Steps],
        VerifyStatus = status == RefreshStatus.Succeeded ? t.VerifyStatus : null,
        VerifyDetail = status == RefreshStatus.Succeeded ? t.VerifyDetail : null,
    };

    /// <summary>The message a DBA needs, without stack traces; never includes connection strings.</summary>
    internal static string Describe(Exception ex, bool showServerDetail = true) => DatabaseErrors.Describe(ex, showServerDetail);

    /// <summary>
    /// Whether a unit's error text may include the server's DETAIL, which quotes row values (Key (email)=(…)).
    /// This is the one switch for it: data masking is to return false here for a unit whose tables have masked
    /// columns (the history row, the result and the PowerShell error all take their text from Describe). Until
    /// masking exists, every unit shows what the server said.
    /// </summary>
    /// <summary>A unit that masks columns withholds the server's detail (which may quote a failing row's values).</summary>
    private static bool ShowsServerDetail(List<RefreshPlan> unit) => unit.All(p => p.Masking.Count == 0);

    /// <summary>A duplicate key in a table that masks columns: say that masking made it, and that the target kept its rows.</summary>
    private static string WithMaskingHint(string error, List<TableRun> tables)
    {
        var masked = tables.Where(t => t.Plan.Masking.Count > 0).ToList();
        if (masked.Count == 0 || !(error.Contains("duplicate", StringComparison.OrdinalIgnoreCase) || error.Contains("unique", StringComparison.OrdinalIgnoreCase)))
        {
            return error;
        }

        var columns = string.Join("; ", masked.Select(t => $"{t.Plan.Table}: {string.Join(", ", t.Plan.Masking)}"));
        return $"{error} — masked values collided on a unique key or index (masking {columns}): a rule that maps distinct values to one (names, value, set_null, partial, or hash into a narrow column) cannot fill a unique column; the transaction was rolled back and the target keeps its previous rows";
    }

    /// <summary>Progress reported on the calling thread, in order (Progress&lt;T&gt; would post and reorder).</summary>
    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>One table's state within one attempt at its unit.</summary>
    private sealed class TableRun(RefreshPlan plan, int attempt)
    {
        public RefreshPlan Plan { get; } = plan;
        public int Attempt { get; } = attempt;

        /// <summary>How the decision under the lock differs from the plan, or null.</summary>
        public string? Deviation { get; private set; }

        public List<StepTiming> Steps { get; } = [];
        public QualifiedName TargetName => Plan.TargetSchema!.Name;
        public string? Column => Plan.TableConfig.IncrementalColumn is { } c ? Plan.TargetSchema!.Column(c)?.Name : null;
        public RefreshAction Action { get; private set; } = plan.Action;
        public string Reason { get; private set; } = plan.Reason;
        public RowFilter? Filter { get; private set; } = plan.Filter;
        public RowFilter? DeleteFilter { get; private set; } = plan.DeleteFilter;

        /// <summary>incremental_overlap: the source rows re-read below the watermark after the copy; the target's missing ones are inserted.</summary>
        public RowFilter? OverlapFilter { get; private set; }
        public string? WatermarkBefore { get; private set; }
        public string? WatermarkAfter { get; set; }
        public long RowsCopied { get; set; }
        public long RowsDeleted { get; set; }
        public long RowsInserted { get; set; }
        public long RowsUpdated { get; set; }
        public MergeRequest? Merge { get; set; }

        /// <summary>Emptied by TRUNCATE in this attempt's transaction (so COPY may FREEZE).</summary>
        public bool Truncated { get; set; }

        /// <summary>The statements that rebuild the indexes set aside after the TRUNCATE (<see cref="TruncateRules.SetsIndexesAside"/>).</summary>
        public IReadOnlyList<string> IndexRestore { get; set; } = [];
        public Stopwatch Clock { get; } = new();
        public HistoryEntry? Entry { get; set; }

        /// <summary>verify: the comparison's verdict and what it found (null: not verified).</summary>
        public string? VerifyStatus { get; set; }

        public string? VerifyDetail { get; set; }

        /// <summary>verify: found UAT different after commit: the table's error (its rows stay committed).</summary>
        public string? VerifyFailure { get; set; }

        public async Task DecideAsync(IDatabaseEngine engine, DbConnection target, DbTransaction tx, bool forceFull, CancellationToken cancellationToken)
        {
            var decision = await SyncDecision.DecideAsync(engine, target, tx, Plan.TableConfig, Plan.TargetSchema!, cancellationToken, Plan.Overlap).ConfigureAwait(false);
            WatermarkBefore = Watermarks.Format(decision.Watermark);
            if (forceFull)
            {
                (Action, Reason, Filter, DeleteFilter, OverlapFilter) = (RefreshAction.Full, "fallback_to_full: full refresh after the incremental attempt failed", null, null, null);
                Deviation = Plan.Action == RefreshAction.Full ? null : $"planned {Plan.Action}, ran Full: the incremental attempt failed (fallback_to_full)";
                return;
            }

            if (decision.Mismatch is { } mismatch)
            {
                throw new InvalidOperationException(mismatch);
            }

            // staging_partition_switch ran its pre-flight (partitions, blockers, steps) for the planned action only:
            // a different action now would swap in what nobody checked (a Full plan re-decided Incremental would
            // replace the table with the window). Refuse, leaving the table as it is, rather than run unchecked.
            if (Plan.TableConfig.Strategy == RefreshStrategy.StagingPartitionSwitch && decision.Action != Plan.Action)
            {
                throw new InvalidOperationException(
                    $"{Plan.Table}: planned {Plan.Action} but the target changed since the plan and now calls for {decision.Action} ({decision.Reason}); "
                    + "staging_partition_switch checked only the planned action, so the table was left as it is: plan and run again");
            }

            // A full load keeps the plan's words, which say how it loads (a merge does not empty the target).
            var reason = decision.Action == RefreshAction.Full && Plan.Action == RefreshAction.Full ? Plan.Reason : decision.Reason;
            Deviation = decision.Action != Plan.Action
                ? $"planned {Plan.Action}, ran {decision.Action}: {decision.Reason}"
                : WatermarkBefore != Plan.Watermark && decision.Action == RefreshAction.Incremental
                    ? $"the target's watermark moved since the plan (planned {Plan.Watermark ?? "none"}, now {WatermarkBefore ?? "none"})"
                    : null;
            (Action, Reason, Filter, DeleteFilter, OverlapFilter) = (decision.Action, reason, decision.Filter, decision.Delete, decision.Action == RefreshAction.Incremental ? decision.Overlap : null);
        }
    }
}
