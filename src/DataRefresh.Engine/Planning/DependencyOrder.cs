using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Planning;

/// <summary>
/// Orders a run by foreign keys (parents load first, children empty first; a unit after every unit it depends on),
/// groups tables that remove rows together into units (one transaction each), and blocks a table whose removed
/// rows would break or change rows of a table that is not emptied with it.
/// </summary>
internal static class DependencyOrder
{
    /// <param name="declined">Tables answered No at the -Confirm prompt, planned as not in the run (see <see cref="Planner.Decline"/>).</param>
    public static IReadOnlyList<RefreshPlan> Arrange(IReadOnlyList<RefreshPlan> drafts, IDatabaseEngine engine, Declined? declined = null)
    {
        declined ??= Declined.None;
        var plans = drafts.Select(d => declined.Tables.Contains(d.Table) ? d with { Action = RefreshAction.Skip, Reason = "declined at the -Confirm prompt" } : d).ToList();
        BlockDuplicates(plans);
        var parents = RunOrder.Parents(plans);
        Dictionary<string, int> units;
        HashSet<string> merged;
        do
        {
            BlockExternalReferences(plans, parents, engine, declined);
            units = RunOrder.Units(plans, parents, out merged);
        }
        while (BlockStagedUnits(plans, units));

        WarnAboutFallback(plans, engine.Kind, declined.Tables);
        DescribeLoads(plans);
        DescribeIndexRebuilds(plans, engine);
        WarnAboutSkippedParents(plans);
        var ordered = RunOrder.Topological(plans, parents, out var cycle);
        var run = RunOrder.Arrange(ordered, parents, units, out var numbers);
        var draftOf = drafts.ToDictionary(d => d.Table);
        return run.Select((p, i) => p with
        {
            Order = i + 1,
            Unit = numbers[units[p.Table]],
            Warnings = [.. p.Warnings, .. Notes(p, cycle, merged, units, plans), .. ExternalReferenceRules.DeferCosts(p, Emptied(p, units, plans), engine.Kind), .. SourceReadNotes(p, engine, parents, units, plans)],
            Draft = draftOf[p.Table].Draft ?? draftOf[p.Table],
        }).ToList();
    }

    private static IEnumerable<string> Notes(RefreshPlan plan, HashSet<string> cycle, HashSet<string> merged, Dictionary<string, int> units, List<RefreshPlan> plans)
    {
        if (cycle.Contains(plan.Table))
        {
            yield return "foreign keys among this run's tables form a cycle: loaded in configuration order";
        }

        if (merged.Contains(plan.Table))
        {
            var partners = plans.Where(p => p.Table != plan.Table && !p.IsBlocked && units[p.Table] == units[plan.Table]).Select(p => p.Table);
            yield return $"foreign keys tie this table to {string.Join(", ", partners)} in both directions through tables refreshed separately: they run in one transaction, so each finds the rows it references";
        }
    }

    /// <summary>
    /// Where parallel units cannot share one snapshot of production (SQL Server sessions cannot), a child in
    /// another unit than its parent may read rows whose parents are newer than the parent's copy.
    /// </summary>
    private static IEnumerable<string> SourceReadNotes(RefreshPlan plan, IDatabaseEngine engine, Dictionary<string, HashSet<string>> parents, Dictionary<string, int> units, List<RefreshPlan> plans)
    {
        if (engine.SharesSourceSnapshot || !engine.SupportsParallelUnits || plan.IsBlocked)
        {
            yield break;
        }

        var elsewhere = plans.Where(p => parents[plan.Table].Contains(p.Table) && !p.IsBlocked && units[p.Table] != units[plan.Table]).Select(p => p.Table).ToList();
        if (elsewhere.Count > 0)
        {
            yield return $"source reads: {string.Join(", ", elsewhere)} (which this table references) run in another unit; with -ThrottleLimit 1 (the default) the units run one at a time and read production "
                + "through one session, in one snapshot; with -ThrottleLimit > 1 each unit reads production at its own moment, so this table can hold rows whose parents are newer than their copy";
        }
    }

    private static QualifiedName? Target(RefreshPlan p) => p.TargetSchema?.Name;

    /// <summary>The tables a plan's unit empties (the run defers no key from them).</summary>
    private static HashSet<QualifiedName> Emptied(RefreshPlan plan, Dictionary<string, int> units, List<RefreshPlan> plans) =>
        plans.Where(q => !q.IsBlocked && units[q.Table] == units[plan.Table] && q.Action == RefreshAction.Full && q.LoadMethod == LoadMethod.Reload)
            .Select(Target).OfType<QualifiedName>().ToHashSet();

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

    private static ExternalReferenceRules.RunTables RunTables(List<RefreshPlan> plans, IReadOnlySet<string> declined)
    {
        var byTarget = new Dictionary<QualifiedName, RefreshPlan>();
        foreach (var p in plans.Where(p => Target(p) is not null))
        {
            byTarget.TryAdd(Target(p)!, p);
        }

        // A merged table is not emptied: its deletes are checked row by row against every key that references it.
        var emptied = plans.Where(p => p.Action == RefreshAction.Full && p.LoadMethod == LoadMethod.Reload).Select(Target).OfType<QualifiedName>().ToHashSet();
        return new ExternalReferenceRules.RunTables(byTarget, emptied, declined);
    }

    /// <summary>
    /// Blocks every table whose removed rows would break others (and, after a No at the prompt, every unit partner
    /// left without a parent it was loaded with), until no more blocks follow from the blocks.
    /// </summary>
    private static void BlockExternalReferences(List<RefreshPlan> plans, Dictionary<string, HashSet<string>> parents, IDatabaseEngine database, Declined declined)
    {
        var engine = database.Kind;
        bool changed;
        do
        {
            // Each block may turn a parent's reload into a merge (its child is no longer reloaded with it).
            changed = LoadMethods.Resolve(plans);
            var run = RunTables(plans, declined.Tables);
            for (var i = 0; i < plans.Count; i++)
            {
                var plan = plans[i];
                var problems = plan.IsBlocked ? [] : declined.Orphaned(plan, parents[plan.Table], run.ByTarget.Values);
                var merged = plan.Action == RefreshAction.Full && plan.LoadMethod == LoadMethod.Merge;
                if (problems.Count == 0 && ExternalReferenceRules.RemovesRows(plan) && !merged && plan.TargetSchema is not null)
                {
                    problems = ExternalReferenceRules.Problems(plan, run, engine);
                }

                if (problems.Count > 0)
                {
                    plans[i] = plan with { Action = RefreshAction.Skip, Reason = "blocked: " + string.Join("; ", problems), Warnings = [.. plan.Warnings, .. problems] };
                    changed = true;
                    LoadMethods.Resolve(plans);
                    run = RunTables(plans, declined.Tables);
                }
            }
        }
        while (changed);
    }

    private static void WarnAboutFallback(List<RefreshPlan> plans, EngineKind engine, IReadOnlySet<string> declined)
    {
        var run = RunTables(plans, declined);
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (plan.Action == RefreshAction.Incremental && plan.TableConfig.FallbackToFull && plan.TargetSchema is not null && plan.LoadMethod == LoadMethod.Reload
                && ExternalReferenceRules.Problems(plan, run, engine, asFull: true) is { Count: > 0 } problems)
            {
                var why = string.Join("; ", problems);
                plans[i] = plan with { FallbackBlockedBy = why, Reason = plan.Reason.Replace(Planner.FallbackWords, "", StringComparison.Ordinal), Warnings = [.. plan.Warnings, $"fallback_to_full could not run if the incremental attempt failed: {why}"] };
            }
        }
    }

    /// <summary>The plan says how each full table loads; a merge never TRUNCATEs or DELETEs the whole table, so that warning goes.</summary>
    private static void DescribeLoads(List<RefreshPlan> plans)
    {
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            // Said where the choice matters: a merge, or a reload of a table that other tables reference.
            if (plan.Action != RefreshAction.Full || plan.TargetSchema is null || (plan.LoadMethod == LoadMethod.Reload && plan.TargetSchema.ReferencedBy.All(fk => fk.ReferencingTable == plan.TargetSchema.Name)))
            {
                continue;
            }

            var warnings = plan.LoadMethod == LoadMethod.Merge
                ? [.. plan.Warnings.Where(w => !w.StartsWith(Planner.TruncateWarning, StringComparison.Ordinal)), .. LoadMethods.MergeWarnings(plan)]
                : plan.Warnings;
            // A merge empties nothing: the sync mode's "empty the target and copy" gives way to what the merge does.
            var reason = plan.LoadMethod == LoadMethod.Merge
                ? System.Text.RegularExpressions.Regex.Replace(plan.Reason, @"empty the target \([^)]*\) and copy every source row", "make the target equal to the source rows")
                : plan.Reason;
            plans[i] = plan with { Reason = reason + LoadMethods.Words(plan), Warnings = warnings };
        }
    }

    /// <summary>A reload that sets its indexes aside says so in its Steps (the runner takes the same decision).</summary>
    private static void DescribeIndexRebuilds(List<RefreshPlan> plans, IDatabaseEngine engine)
    {
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (!plan.IsBlocked && TruncateRules.SetsIndexesAside(plan, plan.Action, engine))
            {
                plans[i] = plan with
                {
                    Steps = engine.Kind == Configuration.EngineKind.SqlServer
                    ?
                    [
                        .. plan.Steps,
                        "TRUNCATE the target, then disable its nonclustered indexes (not the primary key or unique constraints, none a foreign key references; none without ALTER permission on the table)",
                        "SqlBulkCopy the source rows with TABLOCK, in one batch, in clustered-key order (ORDER hint) where both sides share that key",
                        "rebuild the disabled indexes (ALTER INDEX … REBUILD), before commit in the same transaction",
                    ]
                    :
                    [
                        .. plan.Steps,
                        "TRUNCATE the target, then drop its indexes that can be rebuilt exactly (secondary indexes, and the primary key and unique constraints no foreign key or view depends on; none when the login does not own the table)",
                        "COPY … FREEZE the source rows into the table, with no index to maintain row by row",
                        $"rebuild the indexes as they were (names, predicates, INCLUDE, collations, tablespaces, constraint names, deferrability, comments, clustered and replica identity), one sorted build each with maintenance_work_mem {plan.Config.Settings.IndexBuildMemoryMegabytes} MB (settings.index_build_memory_mb), before commit in the same transaction",
                    ],
                };
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
    private static bool BlockStagedUnits(List<RefreshPlan> plans, Dictionary<string, int> units)
    {
        var changed = false;
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            var partners = plans.Where(p => p != plan && !p.IsBlocked && units[p.Table] == units[plan.Table]).Select(p => p.Table).ToList();
            if (plan.TableConfig.Strategy == RefreshStrategy.StagingPartitionSwitch && !plan.IsBlocked && partners.Count > 0)
            {
                var reason = $"blocked: staging_partition_switch refreshes a table on its own, but foreign keys tie it to {string.Join(", ", partners)}, emptied in the same run; use simple_copy for these tables or refresh them in separate runs";
                plans[i] = plan with { Action = RefreshAction.Skip, Reason = reason, Warnings = [.. plan.Warnings, reason] };
                changed = true;
            }
        }

        return changed;
    }
}
