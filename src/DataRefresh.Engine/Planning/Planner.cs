using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Execution;
using DataRefresh.Masking;

namespace DataRefresh.Planning;

/// <summary>
/// Turns configuration plus both catalogs into one <see cref="RefreshPlan"/> per table, in run order. Opens
/// read-only sessions on both sides and writes nothing anywhere.
/// </summary>
public static partial class Planner
{
    /// <summary>How the plan announces fallback_to_full (dropped again when foreign keys would forbid the reload).</summary>
    internal const string FallbackWords = "; if the incremental attempt fails, fallback_to_full refreshes the whole table in full";

    /// <summary>The start of the warning about DELETE instead of TRUNCATE (dropped for a merge, which does neither).</summary>
    internal const string TruncateWarning = TruncateRules.WarningPrefix;

    public static async Task<IReadOnlyList<RefreshPlan>> PlanAsync(RefreshConfig config, IReadOnlyList<string>? tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var selected = TableSelection.Select(config, tables);
        var engine = EngineRegistry.For(config.Source.Engine);
        var label = RunTag.PlanLabel;
        await using var source = await engine.OpenAsync(config.Source, ConnectionPurpose.Source, config.Settings, label, cancellationToken).ConfigureAwait(false);
        await using var target = await engine.OpenAsync(config.Target, ConnectionPurpose.Inspect, config.Settings, label, cancellationToken).ConfigureAwait(false);
        await RefuseSameDatabaseAsync(engine, source, target, config, cancellationToken).ConfigureAwait(false);

        // The run would refuse a history_table that names another table: the plan says so first.
        await History.HistoryJournal.FindExistingAsync(engine, target, config.Settings.HistoryTable, cancellationToken).ConfigureAwait(false);

        // One catalog read per side, however many tables the plan names.
        var sourceCatalog = await engine.ReadCatalogAsync(source, cancellationToken).ConfigureAwait(false);
        var targetCatalog = await engine.ReadCatalogAsync(target, cancellationToken).ConfigureAwait(false);
        var readWarning = await engine.SourceReadWarningAsync(source, cancellationToken).ConfigureAwait(false);
        var drafts = new List<RefreshPlan>();
        foreach (var table in selected)
        {
            var draft = await PlanTableAsync(engine, config, table, source, target, (sourceCatalog, targetCatalog), cancellationToken).ConfigureAwait(false);
            drafts.Add(readWarning is null || draft.IsBlocked ? draft : draft with { Warnings = [.. draft.Warnings, readWarning] });
        }

        return DependencyOrder.Arrange(drafts, engine);
    }

    /// <summary>The safety rail again, now from what the servers say about themselves.</summary>
    public static async Task RefuseSameDatabaseAsync(IEngineConnections engine, DbConnection source, DbConnection target, RefreshConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(config);
        var s = await engine.IdentifyAsync(source, cancellationToken).ConfigureAwait(false);
        var t = await engine.IdentifyAsync(target, cancellationToken).ConfigureAwait(false);
        if (SameDatabase.Reported(s, t) is { } why)
        {
            throw new InvalidOperationException($"Refusing to run: the target ({config.Target.Display}) is the same database as the source ({config.Source.Display}) — {why}.");
        }
    }

    internal static async Task<RefreshPlan> PlanTableAsync(IDatabaseEngine engine, RefreshConfig config, TableConfig table, DbConnection source, DbConnection target, (TableCatalog Source, TableCatalog Target) catalogs, CancellationToken cancellationToken)
    {
        var name = TableName.Parse(table.Name);
        var warnings = new List<string>();
        var blockers = new List<string>();
        RefreshPlan Blocked(string reason, TableSchema? s = null, TableSchema? t = null) => new()
        {
            Table = table.Name,
            Strategy = table.Strategy,
            SyncMode = table.SyncMode,
            Action = RefreshAction.Skip,
            Reason = reason,
            Warnings = [.. warnings, .. blockers],
            Config = config,
            TableConfig = table,
            SourceSchema = s,
            TargetSchema = t,
            SourceTable = s?.Name.ToString(),
            TargetTable = t?.Name.ToString(),
        };

        QualifiedName? sourceName, targetName;
        try
        {
            sourceName = catalogs.Source.Resolve(name);
            targetName = catalogs.Target.Resolve(name);
        }
        catch (InvalidOperationException ex)
        {
            return Blocked($"blocked: {ex.Message}");
        }

        if (targetName is not null && targetName == HistoryTable(config, catalogs.Target))
        {
            return Blocked($"blocked: '{table.Name}' is {targetName}, the history table (settings.history_table); DataRefresh writes its own history there and never refreshes it");
        }

        if (sourceName is null || targetName is null)
        {
            var where = new[] { (sourceName, config.Source), (targetName, config.Target) }.Where(s => s.Item1 is null).Select(s => $"the {s.Item2.Side.ToString().ToLowerInvariant()} database ({s.Item2.Display})");
            return Blocked($"blocked: table '{table.Name}' does not exist in {string.Join(" or ", where)}");
        }

        var sourceSchema = await engine.ReadTableAsync(source, sourceName, cancellationToken).ConfigureAwait(false);
        var targetSchema = await engine.ReadTableAsync(target, targetName, cancellationToken).ConfigureAwait(false);
        var columns = MatchColumns(engine, sourceSchema, targetSchema, warnings, blockers);
        foreach (var side in new[] { config.Source, config.Target }.Where(d => d.TrustServerCertificate))
        {
            warnings.Add($"trust_server_certificate: true on the {side.Side.ToString().ToLowerInvariant()}: the connection is encrypted but the server's certificate is not validated");
        }

        var transform = MaskingFor(engine.Kind, config, table, sourceSchema, targetSchema, columns, warnings, blockers);
        ColumnInfo? incremental = null;
        if (table.SyncMode != SyncMode.FullReplace)
        {
            var column = table.IncrementalColumn!;
            incremental = targetSchema.Column(column);
            if (incremental is null || sourceSchema.Column(column) is null)
            {
                blockers.Add($"incremental_column '{column}' does not exist in the {(incremental is null ? "target" : "source")} table");
            }
            else if (table.IncrementalType == IncrementalType.Date && HasTimeOfDay(incremental.DataType))
            {
                warnings.Add($"incremental_type: date, but {incremental.Name} is {incremental.DataType}, which has a time of day: the watermark is its MAX timestamp and rows compare at full precision, as with incremental_type: datetime"
                    + (table.DateBufferDays > 0 ? $"; the {table.DateBufferDays}-day buffer starts {table.DateBufferDays} day(s) before that timestamp, not at midnight" : "; rows added later with an earlier time on the same day are not copied")
                    + "; set incremental_type: datetime to say so, or use a date column");
            }
        }

        if (blockers.Count > 0)
        {
            return Blocked("blocked: " + string.Join("; ", blockers), sourceSchema, targetSchema);
        }

        // A running refresh may hold locks that would make the reads below wait for it: report it instead.
        if (await engine.RefreshLockHolderAsync(target, targetName, cancellationToken).ConfigureAwait(false) is { } holder)
        {
            return Blocked($"locked: table {targetName} is being refreshed by {holder}; only one refresh of a table runs at a time", sourceSchema, targetSchema) with { LockedBy = holder };
        }

        var overlap = Overlap(table, targetSchema, warnings, blockers);
        if (blockers.Count > 0)
        {
            return Blocked("blocked: " + string.Join("; ", blockers), sourceSchema, targetSchema);
        }

        var decision = await SyncDecision.DecideAsync(engine, target, null, table, targetSchema, cancellationToken, overlap).ConfigureAwait(false);
        if (decision.Mismatch is { } mismatch)
        {
            return Blocked($"blocked: {mismatch}", sourceSchema, targetSchema) with { WatermarkValue = decision.Watermark };
        }

        var (action, reason, watermark, filter, delete) = (decision.Action, decision.Reason, decision.Watermark, decision.Filter, decision.Delete);
        if (action == RefreshAction.Incremental && table.FallbackToFull)
        {
            reason += FallbackWords;
        }
        var estimated = await engine.EstimateRowsAsync(source, sourceName, filter, cancellationToken).ConfigureAwait(false);
        if (table.RowLimit is { } limit && estimated > limit)
        {
            estimated = limit;
            warnings.Add($"row_limit: {limit} caps this copy (testing only)");
        }

        IReadOnlyList<string> steps = [];
        var emptiesTarget = true;
        if (table.Strategy == RefreshStrategy.StagingPartitionSwitch)
        {
            var preflight = await engine.Staging.PreflightAsync(source, target, sourceSchema, targetSchema, action, filter, delete, table.RowLimit, config.Settings.PartitionParallelismFor(table), cancellationToken).ConfigureAwait(false);
            steps = preflight.Steps;
            emptiesTarget = preflight.EmptiesTarget;
            reason += "; staging_partition_switch: loaded aside, then swapped in (see Steps)";
            warnings.AddRange(preflight.Warnings);
            if (preflight.Blockers.Count > 0)
            {
                return Blocked("blocked: staging_partition_switch pre-flight: " + string.Join("; ", preflight.Blockers), sourceSchema, targetSchema) with { Steps = steps };
            }
        }

        // A refreshed table equals the source: UAT's row triggers (SET last_update = now()) would rewrite copied columns.
        // Not for staging_partition_switch (it swaps tables in, its own way) nor a PostgreSQL partitioned table (per-partition trigger clones).
        var partitionClones = targetSchema.IsPartitioned && !engine.SuspendsPartitionedTableTriggers;
        var triggers = table.FireTriggers || table.Strategy != RefreshStrategy.SimpleCopy || partitionClones ? [] : await engine.UserTriggersAsync(target, targetName, cancellationToken).ConfigureAwait(false);
        if (triggers.Count > 0)
        {
            warnings.Add($"user trigger(s) {string.Join(", ", triggers)} on {targetName} are suspended while the table loads and restored before commit (fire_triggers: false); set fire_triggers: true to let them fire");
        }

        // Triggers left enabled (fire_triggers: true) let an INSTEAD OF trigger run in place of the load's DELETE/UPDATE/INSERT: LoadMethods decides which load that refuses.
        var insteadOf = (table.FireTriggers || partitionClones) && table.Strategy == RefreshStrategy.SimpleCopy ? await engine.InsteadOfTriggersAsync(target, targetName, cancellationToken).ConfigureAwait(false) : [];

        // The runner takes the same decision (TruncateRules.CanTruncate), so the plan says what the run does.
        if (action == RefreshAction.Full && table.TruncateTarget && emptiesTarget && TruncateRules.Obstacle(targetSchema, engine.CanTruncateReferencedTable) is { } obstacle)
        {
            warnings.Add(TruncateRules.Warning(obstacle));
        }

        // SQL Server defers a key by disabling it and re-checks it by reading its whole table: the plan gives the size (no scan: catalog counts).
        var referencingRows = new Dictionary<QualifiedName, long>();
        if (table.ExternalReferences == ExternalReferences.Defer && engine.Kind == EngineKind.SqlServer)
        {
            foreach (var from in targetSchema.ReferencedBy.Select(fk => fk.From).Distinct())
            {
                referencingRows[from] = await engine.EstimateRowsAsync(target, from, null, cancellationToken).ConfigureAwait(false);
            }
        }

        return new RefreshPlan
        {
            Table = table.Name,
            Strategy = table.Strategy,
            SyncMode = table.SyncMode,
            Action = action,
            Reason = table.Masking.Count > 0 ? $"{reason}; masked on the way in (never written unmasked): {string.Join(", ", table.Masking)}" : reason,
            WatermarkValue = watermark,
            SourceFilter = filter is null ? null : engine.DescribeFilter(filter),
            TargetDelete = delete is null ? null : engine.DescribeFilter(delete),
            EstimatedRows = estimated,
            Warnings = warnings,
            Columns = columns,
            Sequences = targetSchema.Sequences,
            Steps = steps,
            SuspendsTriggers = triggers.Count > 0,
            MergeObstacle = engine.Merge?.Obstacle(targetSchema, columns),
            InsteadOfTriggers = insteadOf,
            SourceTable = sourceName.ToString(),
            TargetTable = targetName.ToString(),
            Config = config,
            TableConfig = table,
            SourceSchema = sourceSchema,
            TargetSchema = targetSchema,
            Filter = filter,
            DeleteFilter = delete,
            Overlap = overlap,
            ReferencingRows = referencingRows,
            Masking = table.Masking,
            Transform = transform,
        };
    }

    /// <summary>
    /// incremental_overlap for an identity watermark: the configured window, else the default where it can apply.
    /// Re-reading the window needs a key to find the rows the target lacks and a temporary table to load them into
    /// (the merge load); a window that was asked for and cannot apply blocks the table, the default warns.
    /// </summary>
    private static long Overlap(TableConfig table, TableSchema target, List<string> warnings, List<string> blockers)
    {
        if (table.SyncMode == SyncMode.FullReplace || table.IncrementalType != IncrementalType.Identity)
        {
            return 0;
        }

        // row_limit samples a table for testing: the re-read would fill in rows the limit left out.
        if (table.RowLimit is not null && table.IncrementalOverlap is null)
        {
            return 0;
        }

        var overlap = table.IncrementalOverlap ?? TableConfig.DefaultIncrementalOverlap;
        var obstacle = overlap == 0 ? null
            : table.RowLimit is not null ? "row_limit caps the copy, and the re-read would add the rows the limit left out"
            : table.Strategy == RefreshStrategy.StagingPartitionSwitch ? "strategy staging_partition_switch loads aside and swaps in, with no step that inserts only the missing rows"
            : target.RowKey.Count == 0 ? $"{target.Name} has no primary key or unique key on NOT NULL columns to tell which re-read rows the target lacks"
            : null;
        if (obstacle is null)
        {
            return overlap;
        }

        if (table.IncrementalOverlap is not null)
        {
            blockers.Add($"incremental_overlap: {overlap} cannot apply: {obstacle}; set incremental_overlap: 0 to copy only rows above the watermark");
        }
        else
        {
            warnings.Add($"incremental_overlap (default {overlap}) does not apply: {obstacle}; a row numbered below the watermark that commits after a refresh copied higher ids is never copied (set incremental_overlap: 0 to accept that and silence this warning)");
        }

        return 0;
    }

    /// <summary>
    /// The table's masking checked against both catalogs (every masked column exists and its rule fits the target
    /// column's type), the warning (or, with require_masking, the blocker) for each copied column whose name looks
    /// personal and is not masked, and the masking row transform with its key; null when nothing is masked.
    /// </summary>
    private static MaskingTransform? MaskingFor(EngineKind engine, RefreshConfig config, TableConfig table, TableSchema source, TableSchema target, List<string> columns, List<string> warnings, List<string> blockers)
    {
        foreach (var mask in table.Masking)
        {
            var column = target.Column(mask.Column);
            if (column is null || source.Column(mask.Column) is null)
            {
                blockers.Add($"masking: column {mask.Column} ({mask.DeclaredAt}) does not exist in the {(column is null ? "target" : "source")} table {(column is null ? target.Name : source.Name)}");
            }
            else if (MaskColumnType.Of(column, engine).Misfit(mask.Rule, column) is { } misfit)
            {
                blockers.Add($"masking: column {mask.Column} ({mask.DeclaredAt}): {misfit}");
            }
        }

        foreach (var name in columns.Where(c => !table.Masking.Any(m => string.Equals(m.Column, c, StringComparison.OrdinalIgnoreCase))))
        {
            if (PersonalColumns.Match(name, config.Settings.PersonalColumns) is { } fragment)
            {
                var text = $"column {name} looks personal ('{fragment}') and is copied unmasked; mask it under masking: (see docs/masking.md)";
                (config.Settings.RequireMasking ? blockers : warnings).Add(config.Settings.RequireMasking ? text + "; settings.require_masking: true refuses to copy it" : text);
            }
        }

        if (table.Masking.Count == 0)
        {
            return null;
        }

        HashedKeyWarnings(config, table, target, warnings);
        try
        {
            return new MaskingTransform(table.Masking, engine, MaskingKey.FromEnvironment(config.Settings));
        }
        catch (InvalidOperationException ex)
        {
            blockers.Add(ex.Message);
            return null;
        }
    }

    /// <summary>
    /// A column masked with hash that is one side of a foreign key whose other side is not masked with hash in this
    /// configuration: the permuted values no longer match, so the key will not find its parent (the load fails on
    /// the constraint, or UAT's children are left pointing at keys that are gone). Warned in the plan.
    /// </summary>
    private static void HashedKeyWarnings(RefreshConfig config, TableConfig table, TableSchema target, List<string> warnings)
    {
        bool Hashed(QualifiedName other, string column) => config.Tables.Any(t =>
            TableName.TryParse(t.Name, out var name, out _) && name is not null && name.Name.Matches(other.Name)
            && t.Masking.Any(m => m.Rule.Kind == MaskKind.Hash && string.Equals(m.Column, column, StringComparison.OrdinalIgnoreCase)));

        foreach (var mask in table.Masking.Where(m => m.Rule.Kind == MaskKind.Hash))
        {
            foreach (var fk in target.References)
            {
                var i = fk.FromColumns.ToList().FindIndex(c => string.Equals(c, mask.Column, StringComparison.OrdinalIgnoreCase));
                if (i >= 0 && i < fk.ToColumns.Count && !Hashed(fk.To, fk.ToColumns[i]))
                {
                    warnings.Add($"masking: {mask.Column} is masked with hash and references {fk.To}({fk.ToColumns[i]}) through {fk.Name}, which this configuration does not mask with hash: the foreign key will not find its parent; mask {fk.To.Name}.{fk.ToColumns[i]}: hash too (same integer type)");
                }
            }

            foreach (var fk in target.ReferencedBy)
            {
                var i = fk.ToColumns.ToList().FindIndex(c => string.Equals(c, mask.Column, StringComparison.OrdinalIgnoreCase));
                if (i >= 0 && i < fk.FromColumns.Count && !Hashed(fk.From, fk.FromColumns[i]))
                {
                    warnings.Add($"masking: {mask.Column} is masked with hash and {fk.From}({fk.FromColumns[i]}) references it through {fk.Name} without hash: those rows will not find their parent; mask {fk.From.Name}.{fk.FromColumns[i]}: hash too (same integer type)");
                }
            }
        }
    }

    /// <summary>Date-and-time types of every engine (SQL Server's <c>timestamp</c> is a rowversion, never a watermark).</summary>
    private static bool HasTimeOfDay(string dataType)
    {
        var type = dataType.ToLowerInvariant();
        return type.StartsWith("timestamp", StringComparison.Ordinal) || type.StartsWith("datetime", StringComparison.Ordinal) || type.StartsWith("smalldatetime", StringComparison.Ordinal);
    }

    /// <summary>Where the history table is in this catalog, if it exists (an ambiguous name is the journal's problem, not this table's).</summary>
    private static QualifiedName? HistoryTable(RefreshConfig config, TableCatalog catalog)
    {
        try
        {
            return TableName.TryParse(config.Settings.HistoryTable, out var history, out _) ? catalog.Resolve(history!) : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Columns match by name, never position. Drift becomes warnings; an incompatible type blocks the table.</summary>
    private static List<string> MatchColumns(IEngineCatalog engine, TableSchema source, TableSchema target, List<string> warnings, List<string> blockers)
    {
        var copied = new List<string>();
        foreach (var t in target.Columns)
        {
            var s = source.Column(t.Name);
            if (s is null)
            {
                warnings.Add($"column {t.Name} exists only in the target: it gets its default{(t.IsNullable ? " (or NULL)" : "; it is NOT NULL, so it needs one")}");
                continue;
            }

            if (!t.IsCopyable)
            {
                warnings.Add($"column {t.Name} is {(t.IsRowVersion ? "a rowversion" : "computed")} in the target: the database fills it, not the copy");
                continue;
            }

            if (!s.IsCopyable)
            {
                warnings.Add($"column {t.Name} is computed in the source but stored in the target: copied as values");
            }

            if (engine.Incompatibility(s, t) is { } problem)
            {
                blockers.Add(problem);
                continue;
            }

            if (s.DataType != t.DataType)
            {
                warnings.Add($"column {t.Name}: source type {s.DataType}, target type {t.DataType} (loads; converted by the target)");
            }

            if (engine.Conversion(s, t) is { } conversion)
            {
                warnings.Add(conversion);
            }

            copied.Add(t.Name);
        }

        foreach (var s in source.Columns.Where(s => target.Column(s.Name) is null))
        {
            warnings.Add($"column {s.Name} exists only in the source: not copied");
        }

        if (copied.Count == 0 && blockers.Count == 0)
        {
            blockers.Add("no column exists in both the source and the target table");
        }

        return copied;
    }
}
