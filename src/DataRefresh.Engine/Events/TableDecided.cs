using DataRefresh.Planning;

namespace DataRefresh.Events;

/// <summary>
/// The run-time decision under the table lock. <paramref name="Deviation"/> says, when set, how it differs from
/// the plan (the target was emptied, the watermark moved); the result carries it too.
/// </summary>
public sealed record TableDecided(RefreshAction Action, string Reason, RefreshAction PlannedAction, string? Deviation) : RefreshEvent;
