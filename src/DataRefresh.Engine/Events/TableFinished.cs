using DataRefresh.Execution;
namespace DataRefresh.Events;

/// <summary>A table's outcome (refreshed, failed, skipped), as the run returns it.</summary>
public sealed record TableFinished(RefreshResult Result) : RefreshEvent;
