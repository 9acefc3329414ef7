using DataRefresh.Execution;
namespace DataRefresh.Events;

/// <summary>The run ended (every table tried, or the run cancelled): one result per table.</summary>
public sealed record RunFinished(IReadOnlyList<RefreshResult> Results, bool Cancelled) : RefreshEvent;
