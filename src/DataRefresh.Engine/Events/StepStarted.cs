namespace DataRefresh.Events;

/// <summary>A step began on a table.</summary>
public sealed record StepStarted(RefreshStep Step, string? Detail = null) : RefreshEvent;
