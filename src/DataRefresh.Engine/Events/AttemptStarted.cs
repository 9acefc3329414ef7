using DataRefresh.Planning;

namespace DataRefresh.Events;

/// <summary>An attempt at a table began (one per table of the unit); <see cref="RefreshEvent.Attempt"/> is its number.</summary>
/// <param name="Action">What the attempt sets out to do (Full after a fallback).</param>
/// <param name="Why">Null for the first attempt; else why this one was made (the transient failure, the fallback).</param>
public sealed record AttemptStarted(RefreshAction Action, string? Why) : RefreshEvent;
