using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Planning;

/// <summary>
/// Orders a run by foreign keys (parents load first, children empty first), groups tables that are emptied
/// together into units (one transaction each), and blocks a full refresh that would orphan rows of a table
/// that is not emptied with it.
/// </summary>
internal static class DependencyOrder
{
    public static IReadOnlyList<RefreshPlan> Arrange(IReadOnlyList<RefreshPlan> drafts, IDatabaseEngine engine)
    {
        var plans = drafts.ToList();
        BlockDuplicates(plans);
        BlockExternalReferences(plans);
        WarnAboutSkippedParents(plans);
        var ordered = Topological(plans, out var cycle);
        var units = Units(ordered);
        BlockStagedUnits(ordered, units);
        return ordered.Select((p, i) => p with
        {
            Order = i + 1,
            Unit = units[p.Table],
            Warnings = cycle.Contains(p.Table) ? [.. p.Warnings, "foreign keys among this run's tables form a cycle: loaded in configuration order"] : p.Warnings,
        }).ToList();
    }

    private static QualifiedName? Target(RefreshPlan p) => p.TargetSchema?.Name;

    /// <summary>Two spellings of one table (Users, main.Users) would refresh it twice: the later one is blocked.</summary>
    private static void BlockDuplicates(List<RefreshPlan> plans)
    {
        foreach (var group in plans.Where(p => Target(p) is not null).GroupBy(p => Target(p)!).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                var reason = $"blocked: '{duplicate.Table}' is the same table as '{first.Table}' ({Target(first)}), configured twice under different spellings";
                plans[plans.IndexOf(duplicate)] = duplicate with { Action = RefreshAction.Skip, Reason = reason, Warnings = [.. duplicate.Warnings, reason], SourceSchema = null, TargetSchema = null };
            }
        }
    }

    /// <summary>Why emptying this table would break rows of a table that the run does not empty, if it would.</summary>
    private static List<string> ExternalProblems(RefreshPlan plan, HashSet<QualifiedName> emptied)
    {
        var problems = new List<string>();
        var schema = plan.TargetSchema!;
        foreach (var fk in schema.ReferencedBy.Where(fk => fk.From != schema.Name && !emptied.Contains(fk.From)))
        {
            if (plan.TableConfig.ExternalReferences == ExternalReferences.Block)
            {
                problems.Add($"emptying it would break foreign key {fk.Name} from {fk.From}, which this run does not empty; add {fk.From.Name} to the run with full_replace, or set external_references: defer to let the database check the reloaded rows at commit");
            }
            else if (!fk.Deferrable)
            {
                problems.Add($"external_references: defer needs foreign key {fk.Name} on {fk.From} to be DEFERRABLE (ALTER TABLE {fk.From} ALTER CONSTRAINT {fk.Name} DEFERRABLE)");
            }
        }

        return problems;
    }

    private static void BlockExternalReferences(List<RefreshPlan> plans)
    {
        bool changed;
        do
        {
            changed = false;
            var emptied = plans.Where(p => p.Action == RefreshAction.Full).Select(Target).OfType<QualifiedName>().ToHashSet();
            for (var i = 0; i < plans.Count; i++)
            {
                var plan = plans[i];
                if (plan.Action == RefreshAction.Full && plan.TargetSchema is not null && ExternalProblems(plan, emptied) is { Count: > 0 } problems)
                {
                    plans[i] = plan with { Action = RefreshAction.Skip, Reason = "blocked: " + string.Join("; ", problems), Warnings = [.. plan.Warnings, .. problems] };
                    changed = true;
                }
            }
        }
        while (changed);

        var final = plans.Where(p => p.Action == RefreshAction.Full).Select(Target).OfType<QualifiedName>().ToHashSet();
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (plan.Action == RefreshAction.Incremental && plan.TableConfig.FallbackToFull && plan.TargetSchema is not null
                && ExternalProblems(plan, final) is { Count: > 0 } problems)
            {
                var why = string.Join("; ", problems);
                plans[i] = plan with { FallbackBlockedBy = why, Reason = plan.Reason.Replace(Planner.FallbackWords, "", StringComparison.Ordinal), Warnings = [.. plan.Warnings, $"fallback_to_full could not run if the incremental attempt failed: {why}"] };
            }
        }
    }

    /// <summary>A table whose parent is skipped still runs, but its new rows may reference parent rows that never arrive.</summary>
    private static void WarnAboutSkippedParents(List<RefreshPlan> plans)
    {
        var skipped = plans.Where(p => p.IsBlocked && Target(p) is not null).ToDictionary(p => Target(p)!, p => p.Table);
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            var parents = plan.IsBlocked ? [] : (plan.TargetSchema?.References ?? []).Where(fk => fk.To != fk.From && skipped.ContainsKey(fk.To)).Select(fk => skipped[fk.To]).Distinct().ToList();
            if (parents.Count > 0)
            {
                plans[i] = plan with { Warnings = [.. plan.Warnings, $"parent table {string.Join(", ", parents)} is skipped in this run: new rows that reference parent rows it would have loaded will fail their foreign key"] };
            }
        }
    }

    /// <summary>A staged table swaps on its own, so it cannot share a transaction with tables its foreign keys tie it to.</summary>
    private static void BlockStagedUnits(List<RefreshPlan> ordered, Dictionary<string, int> units)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            var plan = ordered[i];
            var partners = ordered.Where(p => p != plan && units[p.Table] == units[plan.Table]).Select(p => p.Table).ToList();
            if (plan.TableConfig.Strategy == RefreshStrategy.StagingPartitionSwitch && !plan.IsBlocked && partners.Count > 0)
            {
                var reason = $"blocked: staging_partition_switch refreshes a table on its own, but foreign keys tie it to {string.Join(", ", partners)}, emptied in the same run; use simple_copy for these tables or refresh them in separate runs";
                ordered[i] = plan with { Action = RefreshAction.Skip, Reason = reason, Warnings = [.. plan.Warnings, reason] };
            }
        }
    }

    private static List<RefreshPlan> Topological(List<RefreshPlan> plans, out HashSet<string> cycle)
    {
        var byTarget = plans.Where(p => Target(p) is not null).ToDictionary(p => Target(p)!, p => p);
        var parents = plans.ToDictionary(
            p => p.Table,
            p => (p.TargetSchema?.References ?? []).Where(fk => fk.To != fk.From && byTarget.ContainsKey(fk.To)).Select(fk => byTarget[fk.To].Table).ToHashSet());
        var ordered = new List<RefreshPlan>();
        var done = new HashSet<string>();
        while (ordered.Count < plans.Count)
        {
            var next = plans.FirstOrDefault(p => !done.Contains(p.Table) && parents[p.Table].All(done.Contains));
            if (next is null)
            {
                break;
            }

            ordered.Add(next);
            done.Add(next.Table);
        }

        var stuck = plans.Where(p => !done.Contains(p.Table)).Select(p => p.Table).ToHashSet();
        ordered.AddRange(plans.Where(p => stuck.Contains(p.Table)));
        cycle = stuck;
        return ordered;
    }

    private static Dictionary<string, int> Units(List<RefreshPlan> ordered)
    {
        var unitOf = new Dictionary<string, int>();
        var next = 1;
        var emptied = ordered.Where(p => p.Action == RefreshAction.Full && p.TargetSchema is not null).ToDictionary(p => p.TargetSchema!.Name, p => p.Table);
        foreach (var plan in ordered)
        {
            if (unitOf.ContainsKey(plan.Table))
            {
                continue;
            }

            var unit = next++;
            var queue = new Queue<RefreshPlan>([plan]);
            while (queue.TryDequeue(out var current))
            {
                if (!unitOf.TryAdd(current.Table, unit) || current.Action != RefreshAction.Full || current.TargetSchema is not { } schema)
                {
                    continue;
                }

                var linked = schema.References.Select(fk => fk.To).Concat(schema.ReferencedBy.Select(fk => fk.From));
                foreach (var other in linked.Where(emptied.ContainsKey).Select(n => emptied[n]).Where(t => !unitOf.ContainsKey(t)))
                {
                    queue.Enqueue(ordered.First(p => p.Table == other));
                }
            }
        }

        return unitOf;
    }
}
