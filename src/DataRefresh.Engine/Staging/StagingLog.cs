using DataRefresh.Events;

namespace DataRefresh.Staging;

/// <summary>A staging step finished: its kind, the rows it moved (where it counts them), and what a DBA would read about it.</summary>
public delegate void StagingLog(RefreshStep step, long? rows, string detail);
