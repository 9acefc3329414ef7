using DataRefresh.Events;

namespace DataRefresh.Staging;

/// <summary>
/// A staging step finished: its kind, the rows it moved (where it counts them), and what a DBA would read about it.
/// <paramref name="startedAt"/>: when the step began, for steps that run beside others (parallel partition loads);
/// null: it began when the step reported before it ended.
/// </summary>
public delegate void StagingLog(RefreshStep step, long? rows, string detail, DateTimeOffset? startedAt = null);
