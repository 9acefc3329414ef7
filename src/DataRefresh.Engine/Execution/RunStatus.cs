namespace DataRefresh.Execution;

/// <summary>A snapshot of a run for another host (a status page): who started it, and each table's state.</summary>
public sealed record RunStatus(string RunId, string StartedBy, DateTimeOffset StartedAt, string Target, bool Finished, IReadOnlyList<TableRunStatus> Tables);
