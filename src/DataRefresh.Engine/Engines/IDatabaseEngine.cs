using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.History;

namespace DataRefresh.Engines;

public enum FilterOperator
{
    Greater,
    GreaterOrEqual,
}

/// <summary>The predicate that selects source rows (and, for a buffer window, target rows to delete).</summary>
/// <param name="ColumnType">The column's catalog type, so engines can type the bound exactly (datetime2(7), date…).</param>
public sealed record RowFilter(string Column, FilterOperator Operator, object Value, string? ColumnType = null);

/// <summary>Everything one table copy needs: both connections, the columns matched by name, and the filter.</summary>
public sealed record CopyRequest
{
    public required DbConnection Source { get; init; }
    public DbTransaction? SourceTransaction { get; init; }
    public required DbConnection Target { get; init; }
    public required DbTransaction TargetTransaction { get; init; }
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
}

/// <summary>
/// One database product's SQL and behaviour. Every statement an engine sends lives behind this seam, so the
/// planner and runner are shared by all engines.
/// </summary>
public interface IDatabaseEngine : IEngineConnections, IEngineCatalog, IEngineWrites, IEngineCopy, IEngineErrors
{
    EngineKind Kind { get; }

    /// <summary>load_method: merge on this engine.</summary>
    IMergeLoad Merge { get; }

    /// <summary>The history journal's SQL for this engine.</summary>
    IHistoryDialect History { get; }

    /// <summary>Strategy staging_partition_switch on this engine.</summary>
    Staging.IStagingSwitch Staging { get; }
}
