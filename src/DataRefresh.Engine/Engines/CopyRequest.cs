using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Planning;

namespace DataRefresh.Engines;

/// <summary>
/// Everything one table copy needs: both connections, the columns matched by name, the filter and the row transform.
/// Built once per table by <see cref="For"/>; every path that copies the table's source rows (simple_copy, a merge's
/// or an overlap's temporary table, every staging table) derives its request from that one with <c>with</c>,
/// changing only where the rows go (<see cref="Into"/>) or which slice of the source it reads, so a field added
/// here reaches every strategy on every engine.
/// </summary>
public sealed record CopyRequest
{
    public required DbConnection Source { get; init; }
    public DbTransaction? SourceTransaction { get; init; }
    public required DbConnection Target { get; init; }

    /// <summary>The transaction the rows are written in; null for a staging table loaded on its own session.</summary>
    public required DbTransaction? TargetTransaction { get; init; }

    public required TableSchema SourceTable { get; init; }
    public required TableSchema TargetTable { get; init; }

    /// <summary>Copied columns, by name; every one exists on both sides.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    public RowFilter? Filter { get; init; }

    /// <summary>An extra source predicate the engine built itself from catalog facts (a partition's bounds); never user text.</summary>
    public string? SourcePredicate { get; init; }

    public long? RowLimit { get; init; }
    public int BatchSize { get; init; } = 5000;
    public int CommandTimeout { get; init; } = 300;

    /// <summary>
    /// What is done to each row's values between the source reader and the target writer (masking), or null: then
    /// the engine's fastest path applies (PostgreSQL: COPY bytes passed straight through).
    /// </summary>
    public IRowTransform? Transform { get; init; }

    /// <summary>
    /// The target table was emptied by TRUNCATE in <see cref="TargetTransaction"/> (and nothing else written to it
    /// since): PostgreSQL then loads it with COPY … FREEZE. Never carried into another table by <see cref="Into"/>.
    /// </summary>
    public bool TargetTruncated { get; init; }

    /// <summary>Whether rows are transformed on the way (so a path that never decodes rows, like a server-side diff, must not be used).</summary>
    public bool Transforms => Transform is not null;

    /// <summary>
    /// The one place a table's copy is built from its plan: the sync decision's <paramref name="filter"/> (the run's,
    /// which may differ from the plan's), the plan's columns, row limit and transform, the configured batch size and
    /// command timeout, into the plan's target table.
    /// </summary>
    internal static CopyRequest For(RefreshConfig config, RefreshPlan plan, RowFilter? filter, DbConnection source, DbTransaction? sourceTransaction, DbConnection target, DbTransaction? targetTransaction)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(plan);
        return new CopyRequest
        {
            Source = source,
            SourceTransaction = sourceTransaction,
            Target = target,
            TargetTransaction = targetTransaction,
            SourceTable = plan.SourceSchema ?? throw new InvalidOperationException($"{plan.Table}: the plan has no source schema to copy from"),
            TargetTable = plan.TargetSchema ?? throw new InvalidOperationException($"{plan.Table}: the plan has no target schema to copy into"),
            Columns = plan.Columns,
            Filter = filter,
            RowLimit = plan.TableConfig.RowLimit,
            BatchSize = config.BatchSizeFor(plan.TableConfig),
            CommandTimeout = config.Settings.CommandTimeout,
            Transform = plan.Transform,
        };
    }

    /// <summary>
    /// The same copy into another table of the target's shape (a staging or temporary table, which has no foreign
    /// keys of its own), on <paramref name="target"/> in <paramref name="transaction"/>. Source, filter, columns,
    /// batch size and transform stay as they are.
    /// </summary>
    public CopyRequest Into(DbConnection target, DbTransaction? transaction, QualifiedName table) => this with
    {
        Target = target,
        TargetTransaction = transaction,
        TargetTable = TargetTable with { Name = table, References = [], ReferencedBy = [] },
        TargetTruncated = false,
    };

    /// <summary>
    /// Rows already loaded into a staging table on the target side (transformed there, by this request) moved on
    /// into this request's target table: read from <paramref name="stage"/> on <paramref name="loader"/>, within
    /// <paramref name="predicate"/>. Nothing is filtered, limited or transformed again.
    /// </summary>
    public CopyRequest FromStaging(DbConnection loader, QualifiedName stage, string? predicate) => this with
    {
        Source = loader,
        SourceTransaction = null,
        SourceTable = TargetTable with { Name = stage, References = [], ReferencedBy = [] },
        Filter = null,
        SourcePredicate = predicate,
        RowLimit = null,
        Transform = null,
    };
}
