using DataRefresh.Catalog;

namespace DataRefresh.Planning;

/// <summary>
/// Whether a full refresh may empty its target with TRUNCATE: the one decision both the plan's warning and the
/// runner use, so the plan says exactly what the run does.
/// </summary>
public static class TruncateRules
{
    /// <summary>The start of every warning about DELETE instead of TRUNCATE (dropped for a merge, which does neither).</summary>
    public const string WarningPrefix = "truncate_target: ";

    /// <summary>Why TRUNCATE cannot be used on this table, in words for the plan; null when it can.</summary>
    /// <param name="schema">The target table as its catalog describes it.</param>
    /// <param name="canTruncateReferencedTable">The engine's <c>CanTruncateReferencedTable</c>.</param>
    public static string? Obstacle(TableSchema schema, bool canTruncateReferencedTable)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var reasons = new List<string>();

        // A key from the table to itself does not stop TRUNCATE (the rows it protects go too).
        if (!canTruncateReferencedTable && schema.ReferencedBy.Any(fk => fk.From != schema.Name))
        {
            reasons.Add("other tables reference this one");
        }

        if (schema.IsSystemVersioned)
        {
            reasons.Add("the table is system-versioned (temporal)");
        }

        if (schema.TruncateObstacle is { Length: > 0 } obstacle)
        {
            reasons.Add(obstacle);
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>TRUNCATE when the config asks for it and nothing stops it on this table; DELETE otherwise.</summary>
    public static bool CanTruncate(bool truncateTarget, TableSchema schema, bool canTruncateReferencedTable) =>
        truncateTarget && Obstacle(schema, canTruncateReferencedTable) is null;

    /// <summary>
    /// Whether a full reload sets the table's indexes aside while it loads and rebuilds them after, in the refresh
    /// transaction: a simple_copy reload (not a merge) of a table that is not partitioned, emptied by TRUNCATE (so no
    /// other table references it and it is not temporal), on an engine that does so, with
    /// <c>settings.index_build_memory_mb</c> above 0. The plan's Steps and the runner take this one decision.
    /// </summary>
    public static bool SetsIndexesAside(RefreshPlan plan, RefreshAction action, Engines.IEngineWrites engine)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(engine);
        return engine.RebuildsIndexesAfterTruncate
            && action == RefreshAction.Full
            && plan.LoadMethod != Configuration.LoadMethod.Merge
            && plan.TableConfig.Strategy == Configuration.RefreshStrategy.SimpleCopy
            && plan.Config.Settings.IndexBuildMemoryMegabytes > 0
            && plan.TargetSchema is { IsPartitioned: false } schema
            && CanTruncate(plan.TableConfig.TruncateTarget, schema, engine.CanTruncateReferencedTable);
    }

    /// <summary>The plan's warning when truncate_target asks for TRUNCATE and the table is emptied with DELETE.</summary>
    public static string Warning(string obstacle) => $"{WarningPrefix}{obstacle}, so it is emptied with DELETE instead of TRUNCATE";
}
