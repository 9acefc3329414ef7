using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Planning;

/// <summary>
/// Decides, per full load, whether the table is emptied and reloaded or merged by its primary key (or a NOT NULL unique key)
/// (load_method). A merge deletes only the rows production no longer has, so a table that tables outside the run's
/// reloads reference can be refreshed with its foreign keys checked as usual: no deferral, no DDL on UAT.
/// </summary>
internal static class LoadMethods
{
    /// <summary>
    /// Sets <see cref="RefreshPlan.LoadMethod"/> on every plan from its config and the current blocks, and blocks
    /// a table that asks for merge where merge cannot run. True when it blocked a table.
    /// </summary>
    public static bool Resolve(List<RefreshPlan> plans)
    {
        var blockedAny = false;
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (!plan.IsBlocked && plan.TargetSchema is not null && plan.TableConfig.LoadMethod == LoadMethod.Merge && CannotMerge(plan) is { } why)
            {
                plans[i] = plan with { Action = RefreshAction.Skip, Reason = "blocked: " + why, Warnings = [.. plan.Warnings, why] };
                blockedAny = true;
            }
        }

        // Reloaded tables: a table leaves the set (for a merge) while something outside the set references it.
        var reloaded = plans.Where(p => !p.IsBlocked && p.Action == RefreshAction.Full && p.TargetSchema is not null && p.TableConfig.LoadMethod != LoadMethod.Merge)
            .Select(p => p.TargetSchema!.Name).ToHashSet();
        bool changed;
        do
        {
            changed = false;
            foreach (var plan in plans.Where(p => p.TargetSchema is not null && reloaded.Contains(p.TargetSchema.Name) && WouldMerge(p, reloaded)))
            {
                reloaded.Remove(plan.TargetSchema!.Name);
                changed = true;
            }
        }
        while (changed);

        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (plan.TargetSchema is null)
            {
                continue;
            }

            var merge = plan.Action == RefreshAction.Full
                ? !reloaded.Contains(plan.TargetSchema.Name) && (plan.TableConfig.LoadMethod == LoadMethod.Merge || WouldMerge(plan, reloaded))
                : plan.TableConfig.LoadMethod == LoadMethod.Merge || WouldMerge(plan, reloaded);
            plans[i] = plan with { LoadMethod = merge ? LoadMethod.Merge : LoadMethod.Reload, MergeKey = merge ? plan.TargetSchema.RowKey : [] };
            if (!merge && !plan.IsBlocked && CannotReload(plans[i]) is { } why)
            {
                plans[i] = plans[i] with { Action = RefreshAction.Skip, Reason = "blocked: " + why, Warnings = [.. plan.Warnings, why] };
                blockedAny = true;
            }
            else if (!merge && plan.Action == RefreshAction.Incremental && plan.TableConfig.FallbackToFull && plan.FallbackBlockedBy is null && CannotReload(plans[i], asFull: true) is { } full)
            {
                plans[i] = plans[i] with { FallbackBlockedBy = full, Reason = plan.Reason.Replace(Planner.FallbackWords, "", StringComparison.Ordinal), Warnings = [.. plan.Warnings, $"fallback_to_full could not run if the incremental attempt failed: {full}"] };
            }
        }

        return blockedAny;
    }

    /// <summary>Why load_method: merge cannot run on this table, or null.</summary>
    public static string? CannotMerge(RefreshPlan plan) =>
        plan.TableConfig.Strategy == RefreshStrategy.StagingPartitionSwitch ? "load_method: merge does not combine with strategy staging_partition_switch, which loads aside and swaps the table in; use strategy simple_copy or load_method: reload"
        : plan.TargetSchema!.RowKey.Count == 0 ? $"load_method: merge matches rows by a primary key or a unique key on NOT NULL columns, and {plan.TargetSchema.Name} has neither; use load_method: reload"
        : TableObstacle(plan) is { } obstacle ? obstacle
        : plan.TargetSchema.Columns.FirstOrDefault(c => c.Identity == IdentityKind.Always && c.IsCopyable && !plan.TargetSchema.RowKey.Contains(c.Name) && plan.Columns.Contains(c.Name)) is { } identity
            ? $"load_method: merge would have to update identity column {identity.Name}, which is not part of the merge key ({string.Join(", ", plan.TargetSchema.RowKey)}) and which {Engine(plan)} does not let an UPDATE write ({Always(plan)}); use load_method: reload"
        : null;

    /// <summary>What of this table (not of the engine or the config) stops a merge: an engine's obstacle, or INSTEAD OF triggers left to fire.</summary>
    private static string? TableObstacle(RefreshPlan plan)
    {
        // The UPDATE runs only where a copied column is outside the key; the DELETE and INSERT always run.
        var updates = plan.Columns.Any(c => !plan.TargetSchema!.RowKey.Contains(c));
        var replaced = plan.InsteadOfTriggers.Where(t => updates || !t.Statement.Equals("UPDATE", StringComparison.OrdinalIgnoreCase)).ToList();
        return plan.MergeObstacle is { } obstacle ? obstacle
            : replaced.Count > 0 ? $"load_method: merge runs DELETE, {(updates ? "UPDATE " : "")}and INSERT on {plan.TargetSchema!.Name}, and {InsteadOf(plan, replaced)} would run in their place{TriggersWhy(plan)}"
            : null;
    }

    /// <summary>
    /// Why a reload cannot run: an INSTEAD OF DELETE trigger left enabled would run in place of the DELETE that empties
    /// the table (truncate_target: false, a table others reference, a system-versioned table) or removes a delete
    /// window, leaving the rows in place to collide with the copy. SqlBulkCopy fires no INSERT trigger. Null when it
    /// can; <paramref name="asFull"/> asks about the full reload a fallback_to_full would run.
    /// </summary>
    public static string? CannotReload(RefreshPlan plan, bool asFull = false)
    {
        var deletes = plan.InsteadOfTriggers.Where(t => t.Statement.Equals("DELETE", StringComparison.OrdinalIgnoreCase)).ToList();
        var schema = plan.TargetSchema!;
        var emptiedByDelete = !TruncateRules.CanTruncate(plan.TableConfig.TruncateTarget, schema, Engines.EngineRegistry.For(plan.Config.Target.Engine).CanTruncateReferencedTable);
        var deleting = asFull || plan.Action == RefreshAction.Full ? emptiedByDelete : plan.DeleteFilter is not null;
        return deletes.Count > 0 && deleting
            ? $"the load deletes rows of {schema.Name} with DELETE, and {InsteadOf(plan, deletes)} would run in its place (an INSTEAD OF DELETE leaves the rows in place){TriggersWhy(plan)}"
            : null;
    }

    private static string InsteadOf(RefreshPlan plan, IEnumerable<InsteadOfTrigger> triggers) =>
        string.Join(", ", triggers.GroupBy(t => t.Name).Select(g => $"INSTEAD OF {string.Join("/", g.Select(t => t.Statement))} trigger {g.Key}"))
        + (plan.TableConfig.FireTriggers ? " (fire_triggers: true)" : "");

    private static string TriggersWhy(RefreshPlan plan) => plan.TableConfig.FireTriggers
        ? "; set fire_triggers: false (the default) to suspend the table's triggers during the load, or disable that trigger in UAT"
        : "; the triggers of a partitioned table are not suspended: disable that trigger in UAT";

    private static string Engine(RefreshPlan plan) => plan.Config.Target.Engine.ToString().ToLowerInvariant();

    private static string Always(RefreshPlan plan) => plan.Config.Target.Engine == EngineKind.SqlServer ? "IDENTITY" : "GENERATED ALWAYS";

    /// <summary>The keys from tables that the run does not reload (and which would therefore see the rows go).</summary>
    public static IEnumerable<ForeignKeyInfo> Outside(RefreshPlan plan, IReadOnlySet<QualifiedName> reloaded) =>
        plan.TargetSchema!.ReferencedBy.Where(fk => fk.ReferencingTable != plan.TargetSchema.Name && !reloaded.Contains(fk.ReferencingTable));

    private static bool WouldMerge(RefreshPlan plan, IReadOnlySet<QualifiedName> reloaded) =>
        plan.TableConfig.LoadMethod == LoadMethod.Auto && CannotMerge(plan) is null && Outside(plan, reloaded).Any();

    /// <summary>What the plan says about the load of a full table: the method and why.</summary>
    public static string Words(RefreshPlan plan)
    {
        var key = string.Join(", ", plan.MergeKey);
        var referencing = string.Join(", ", plan.TargetSchema!.ReferencedBy.Where(fk => fk.ReferencingTable != plan.TargetSchema.Name).Select(fk => fk.ReferencingTable.ToString()).Distinct());
        var why = plan.TableConfig.LoadMethod == LoadMethod.Auto
            ? (plan.LoadMethod == LoadMethod.Merge ? $" (load_method: auto: {referencing} reference it and are not reloaded with it)"
                : CannotMerge(plan) is { } cannot ? $" (load_method: auto: {cannot.Replace("load_method: merge ", "a merge ", StringComparison.Ordinal).Replace("; use load_method: reload", "", StringComparison.Ordinal)})"
                : " (load_method: auto: nothing outside this run's reloads references it)")
            : $" (load_method: {plan.TableConfig.LoadMethod.ToString().ToLowerInvariant()})";
        var keyKind = plan.MergeKey.SequenceEqual(plan.TargetSchema.PrimaryKey) ? "primary key" : "unique key";
        return plan.LoadMethod == LoadMethod.Merge
            ? $"; merged by {keyKind} ({key}){why}: rows gone from the source are deleted, changed rows updated, new rows inserted; foreign keys are checked as usual"
            : $"; emptied and reloaded{why}";
    }

    /// <summary>Keys that act on other tables' rows when a merge deletes a row production deleted.</summary>
    public static IEnumerable<string> MergeWarnings(RefreshPlan plan) =>
        plan.TargetSchema!.ReferencedBy
            .Where(fk => fk.ReferencingTable != plan.TargetSchema.Name && fk.OnDelete is ReferentialAction.Cascade or ReferentialAction.SetNull or ReferentialAction.SetDefault)
            .Select(fk => $"foreign key {fk.Name} from {fk.From} is ON DELETE {ForeignKeyInfo.Sql(fk.OnDelete)}: where production deleted a row of this table, the merge's DELETE applies it to {fk.From}'s rows that reference it");
}
