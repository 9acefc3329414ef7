namespace DataRefresh.Events;

/// <summary>A run began: the tables it will refresh (blocked ones included, as skips), in run order.</summary>
public sealed record RunStarted(IReadOnlyList<string> Tables, int ThrottleLimit) : RefreshEvent;
