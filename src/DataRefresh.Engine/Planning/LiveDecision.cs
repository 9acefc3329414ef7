using DataRefresh.Engines;

namespace DataRefresh.Planning;

/// <summary>A decision taken from the target's current state: what to do, from which watermark, with which filters.</summary>
/// <param name="Mismatch">Why the watermark cannot drive an incremental copy (its type contradicts incremental_type).</param>
/// <param name="Overlap">incremental_overlap: the rows re-read below the watermark, of which those the target lacks are inserted.</param>
public sealed record LiveDecision(RefreshAction Action, string Reason, object? Watermark, RowFilter? Filter, RowFilter? Delete, string? Mismatch, RowFilter? Overlap = null);
