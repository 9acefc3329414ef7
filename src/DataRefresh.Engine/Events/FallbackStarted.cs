namespace DataRefresh.Events;

/// <summary>fallback_to_full: the incremental attempt failed and the next attempt refreshes the table in full.</summary>
public sealed record FallbackStarted(string Reason) : RefreshEvent;
