using DataRefresh.Catalog;
using DataRefresh.Configuration;

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
    public static bool Resolve(List<RefreshPlan> plans, bool engineMerges)
    {
        var blockedAny = false;
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (!plan.IsBlocked && plan.TargetSchema is not null && plan.TableConfig.LoadMethod == LoadMethod.Merge && CannotMerge(plan, engineMerges) is { } why)
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
            foreach (var plan in plans.Where(p => p.TargetSchema is not null && reloaded.Contains(p.TargetSchema.Name) && WouldMerge(p, reloaded, engineMerges)))
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
                ? !reloaded.Contains(plan.TargetSchema.Name) && (plan.TableConfig.LoadMethod == LoadMethod.Merge || WouldMerge(plan, reloaded, engineMerges))
                : plan.TableConfig.LoadMethod == LoadMethod.Merge || WouldMerge(plan, reloaded, engineMerges);
            plans[i] = plan with { LoadMethod = merge ? LoadMethod.Merge : LoadMethod.Reload, MergeKey = merge ? plan.TargetSchema.RowKey : [] };
        }

        return blockedAny;
    }

    /// <summary>Why load_method: merge cannot run on this table, or null.</summary>
    public static string? CannotMerge(RefreshPlan plan, bool engineMerges) =>
        !engineMerges ? $"load_method: merge is not available on {plan.Config.Target.Engine.ToString().ToLowerInvariant()} yet; use load_method: reload"
        : plan.TableConfig.Strategy == RefreshStrategy.StagingPartitionSwitch ? "load_method: merge does not combine with strategy staging_partition_switch, which loads aside and swaps the table in; use strategy simple_copy or load_method: reload"
        : plan.TargetSchema!.RowKey.Count == 0 ? $"load_method: merge matches rows by a primary key or a unique key on NOT NULL columns, and {plan.TargetSchema.Name} has neither; use load_method: reload"
        : plan.TargetSchema.Columns.FirstOrDefault(c => c.Identity == IdentityKind.Always && c.IsCopyable && !plan.TargetSchema.RowKey.Contains(c.Name) && plan.Columns.Contains(c.Name)) is { } identity
            ? $"load_method: merge would have to update identity column {identity.Name}, which is not part of the merge key ({string.Join(", ", plan.TargetSchema.RowKey)}) and which {Engine(plan)} does not let an UPDATE write ({Always(plan)}); use load_method: reload"
        : null;

    private static string Engine(RefreshPlan plan) => plan.Config.Target.Engine.ToString().ToLowerInvariant();

    private static string Always(RefreshPlan plan) => plan.Config.Target.Engine == EngineKind.SqlServer ? "IDENTITY" : "GENERATED ALWAYS";

    /// <summary>The keys from tables that the run does not reload (and which would therefore see the rows go).</summary>
    public static IEnumerable<ForeignKeyInfo> Outside(RefreshPlan plan, IReadOnlySet<QualifiedName> reloaded) =>
        plan.TargetSchema!.ReferencedBy.Where(fk => fk.ReferencingTable != plan.TargetSchema.Name && !reloaded.Contains(fk.ReferencingTable));

    private static bool WouldMerge(RefreshPlan plan, IReadOnlySet<QualifiedName> reloaded, bool engineMerges) =>
        plan.TableConfig.LoadMethod == LoadMethod.Auto && CannotMerge(plan, engineMerges) is null && Outside(plan, reloaded).Any();

    /// <summary>What the plan says about the load of a full table: the method and why.</summary>
    public static string Words(RefreshPlan plan)
    {
        var key = string.Join(", ", plan.MergeKey);
        var referencing = string.Join(", ", plan.TargetSchema!.ReferencedBy.Where(fk => fk.ReferencingTable != plan.TargetSchema.Name).Select(fk => fk.ReferencingTable.ToString()).Distinct());
        var why = plan.TableConfig.LoadMethod == LoadMethod.Auto
            ? (plan.LoadMethod == LoadMethod.Merge ? $" (load_method: auto: {referencing} reference it and are not reloaded with it)"
                : CannotMerge(plan, engineMerges: true) is { } cannot ? $" (load_method: auto: {cannot.Replace("load_method: merge ", "a merge ", StringComparison.Ordinal).Replace("; use load_method: reload", "", StringComparison.Ordinal)})"
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
