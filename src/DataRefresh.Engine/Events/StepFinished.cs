namespace DataRefresh.Events;

/// <summary>A step ended on a table.</summary>
/// <param name="Rows">Rows the step read or wrote (copied, removed, updated…), where it counts rows.</param>
/// <param name="Detail">What a DBA would want to read about it (the decision's reason, the partition swapped).</param>
/// <param name="Succeeded">False when the step threw: the unit rolls back.</param>
public sealed record StepFinished(RefreshStep Step, TimeSpan Duration, long? Rows = null, string? Detail = null, bool Succeeded = true) : RefreshEvent;
