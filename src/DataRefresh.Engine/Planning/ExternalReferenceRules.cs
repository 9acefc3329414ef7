using DataRefresh.Catalog;
using DataRefresh.Configuration;

namespace DataRefresh.Planning;

/// <summary>
/// Why removing rows from a table (emptying it, or deleting a date buffer's window) would break or change rows of a
/// table that the run does not empty, and what would make it work. The database's own rules decide: a RESTRICT key
/// fails at once even when deferred, and ON DELETE CASCADE / SET NULL / SET DEFAULT change the other table's rows
/// whatever is deferred, so neither can be let through with external_references: defer.
/// </summary>
internal static class ExternalReferenceRules
{
    /// <summary>The tables of this planning pass, as the rules need to see them.</summary>
    /// <param name="ByTarget">Each configured table's plan, by its target table.</param>
    /// <param name="Emptied">Target tables emptied in this run (full reloads that are not blocked).</param>
    /// <param name="Declined">Configured names answered No at the -Confirm prompt.</param>
    internal sealed record RunTables(IReadOnlyDictionary<QualifiedName, RefreshPlan> ByTarget, IReadOnlySet<QualifiedName> Emptied, IReadOnlySet<string> Declined);

    /// <summary>A full reload, or an incremental copy that deletes a date buffer's window first (the window's rows may be referenced).</summary>
    public static bool RemovesRows(RefreshPlan plan) =>
        plan.Action == RefreshAction.Full || (plan.Action == RefreshAction.Incremental && plan.TableConfig.DateBufferDays > 0);

    /// <summary>The problems of removing this table's rows; <paramref name="asFull"/> asks about emptying it (fallback_to_full).</summary>
    public static List<string> Problems(RefreshPlan plan, RunTables run, EngineKind engine, bool asFull = false)
    {
        var schema = plan.TargetSchema!;
        var subject = asFull || plan.Action == RefreshAction.Full
            ? "emptying it"
            : $"deleting its date_buffer_days window (rows with {plan.TableConfig.IncrementalColumn} >= the target MAX - {plan.TableConfig.DateBufferDays} day(s), re-copied from the source)";
        return schema.ReferencedBy
            .Where(fk => fk.ReferencingTable != schema.Name && !run.Emptied.Contains(fk.ReferencingTable))
            .Select(fk => Problem(plan.TableConfig.ExternalReferences, fk, subject, run, engine))
            .OfType<string>()
            .ToList();
    }

    private static string? Problem(ExternalReferences mode, ForeignKeyInfo fk, string subject, RunTables run, EngineKind engine)
    {
        var from = fk.PartitionOf is { } root ? $"{fk.From} (a partition of {root})" : fk.From.ToString();
        var (status, remedy) = Standing(fk.ReferencingTable, run);
        if (fk.OnDelete is ReferentialAction.Cascade or ReferentialAction.SetNull or ReferentialAction.SetDefault)
        {
            var action = ForeignKeyInfo.Sql(fk.OnDelete);
            var change = fk.OnDelete == ReferentialAction.Cascade
                ? $"delete the rows of {from} that reference it"
                : $"set the referencing columns of {from} to {(fk.OnDelete == ReferentialAction.SetNull ? "NULL" : "their defaults")}";
            return $"{subject} would {change} (foreign key {fk.Name} is ON DELETE {action}), a table this run does not empty{status}; {remedy} (external_references: defer does not stop ON DELETE {action})";
        }

        var breaks = $"{subject} would break foreign key {fk.Name} from {from}, which this run does not empty{status}";
        var restrict = $"foreign key {fk.Name} is ON DELETE RESTRICT, which {Display(engine)} checks at once even when the key is deferred";
        if (mode == ExternalReferences.Block)
        {
            var defer = fk.OnDelete == ReferentialAction.Restrict
                ? $" (external_references: defer cannot help: {restrict})"
                : fk.Deferrable
                    ? ", or set external_references: defer to let the database check the reloaded rows at commit"
                    : $", or make the key DEFERRABLE (ALTER TABLE {fk.From} ALTER CONSTRAINT {fk.Name} DEFERRABLE) and set external_references: defer";
            return $"{breaks}; {remedy}{defer}";
        }

        if (fk.OnDelete == ReferentialAction.Restrict)
        {
            return $"{breaks}, and external_references: defer cannot help: {restrict}; {remedy}, or redefine the key as ON DELETE NO ACTION{(engine == EngineKind.PostgreSql ? " DEFERRABLE" : "")}";
        }

        return fk.Deferrable ? null : $"external_references: defer needs foreign key {fk.Name} on {fk.From} to be DEFERRABLE (ALTER TABLE {fk.From} ALTER CONSTRAINT {fk.Name} DEFERRABLE)";
    }

    /// <summary>Where the referencing table stands in this run, and what would have it emptied with the parent.</summary>
    private static (string Status, string Remedy) Standing(QualifiedName table, RunTables run)
    {
        if (!run.ByTarget.TryGetValue(table, out var plan))
        {
            return ("", $"add {table.Name} to the run with full_replace");
        }

        var name = plan.Table;
        if (run.Declined.Contains(name))
        {
            return ($" ({name} was declined at the prompt, so it is not emptied)", $"answer Yes for {name} too");
        }

        if (plan.IsBlocked)
        {
            return ($" ({name} is skipped in this run, so it is not emptied)", $"resolve what blocks {name} (see its plan)");
        }

        return ($" ({name} is incremental in this run, so it is not emptied)", $"make {name} full_replace");
    }

    /// <summary>
    /// What external_references: defer costs where the engine cannot defer a key (SQL Server), per key the run defers
    /// (as the runner picks them: every key to a table set to defer, from a table its unit does not empty). NOCHECK is
    /// an ALTER TABLE, so it holds a schema-modification lock on the referencing table until commit; WITH CHECK CHECK
    /// reads every row of it. A disabled key is left disabled, an untrusted one re-enabled without the scan.
    /// </summary>
    public static IEnumerable<string> DeferCosts(RefreshPlan plan, IReadOnlySet<QualifiedName> emptied, EngineKind engine)
    {
        if (engine != EngineKind.SqlServer || plan.IsBlocked || plan.TargetSchema is null || plan.TableConfig.ExternalReferences != ExternalReferences.Defer
            || (plan.Action == RefreshAction.Full && plan.LoadMethod == LoadMethod.Merge))
        {
            yield break;
        }

        foreach (var fk in plan.TargetSchema.ReferencedBy.Where(fk => !emptied.Contains(fk.ReferencingTable)).Distinct())
        {
            if (fk.IsDisabled)
            {
                yield return $"external_references: defer: foreign key {fk.Name} on {fk.From} is disabled in the target and stays disabled (nothing checks it, before or after the refresh)";
                continue;
            }

            var rows = plan.ReferencingRows.TryGetValue(fk.From, out var n) ? $" (about {n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} rows)" : "";
            var lockCost = $"external_references: defer disables foreign key {fk.Name} (ALTER TABLE {fk.From} NOCHECK CONSTRAINT), which holds a schema-modification lock on {fk.From} until commit: every query on {fk.From}, even WITH (NOLOCK), waits for the whole refresh";
            yield return fk.IsNotTrusted
                ? $"{lockCost}; the key is not trusted in the target, so before commit it is re-enabled as it was (WITH NOCHECK CHECK CONSTRAINT: no scan, still untrusted), and rows of {fk.From} whose parent row the refresh removed are not detected"
                : $"{lockCost}; before commit WITH CHECK CHECK CONSTRAINT re-reads all of {fk.From}{rows} against {fk.To} to trust the key again, and fails the unit if a row lost its parent";
        }
    }

    private static string Display(EngineKind engine) => engine switch
    {
        EngineKind.PostgreSql => "PostgreSQL",
        EngineKind.Sqlite => "SQLite",
        _ => "SQL Server",
    };
}
