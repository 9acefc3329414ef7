using DataRefresh.Events;

namespace DataRefresh.Execution;

/// <summary>One step of a table's refresh, as <see cref="StepFinished"/> reported it.</summary>
public sealed record StepTiming(RefreshStep Step, DateTimeOffset StartedAt, TimeSpan Duration, long? Rows, string? Detail);
