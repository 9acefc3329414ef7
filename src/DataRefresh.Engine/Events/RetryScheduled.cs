namespace DataRefresh.Events;

/// <summary>An attempt failed transiently; the whole unit is tried again after <paramref name="Delay"/>.</summary>
public sealed record RetryScheduled(string Reason, TimeSpan Delay) : RefreshEvent;
