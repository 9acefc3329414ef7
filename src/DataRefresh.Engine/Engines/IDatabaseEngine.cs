using DataRefresh.Configuration;
using DataRefresh.History;

namespace DataRefresh.Engines;

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

    /// <summary>Preview pages of a table's rows in key order (the dashboard's data preview); reads only.</summary>
    IEngineRows Rows { get; }

    /// <summary>Strategy staging_partition_switch on this engine.</summary>
    Staging.IStagingSwitch Staging { get; }
}
