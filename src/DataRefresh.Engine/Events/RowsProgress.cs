using DataRefresh.Execution;
namespace DataRefresh.Events;

/// <summary>Rows copied so far for a table (a copy step in progress).</summary>
public sealed record RowsProgress(TableProgress Progress) : RefreshEvent;
