using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Planning;

/// <summary>The sync-mode rules of the spec, as one pure function: what to do with a table given the target's state.</summary>
public static class SyncDecision
{
    /// <summary>
    /// Read the target's watermark (and, for smart_sync, whether it has rows) and decide. The plan does this without
    /// a transaction; the run does it again inside its transaction, under the table lock.
    /// </summary>
    /// <param name="overlap">The incremental_overlap the plan applies (0: none), see <see cref="Watermarks.OverlapFilter"/>.</param>
    public static async Task<LiveDecision> DecideAsync(IEngineCatalog engine, DbConnection target, DbTransaction? transaction, TableConfig table, TableSchema targetTable, CancellationToken cancellationToken, long overlap = 0)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(targetTable);
        var column = table.IncrementalColumn is { } name ? targetTable.Column(name) : null;
        var watermark = column is null ? null : await engine.ReadMaxAsync(target, transaction, targetTable.Name, column.Name, cancellationToken).ConfigureAwait(false);
        var hasRows = table.SyncMode != SyncMode.SmartSync || await engine.HasRowsAsync(target, transaction, targetTable.Name, cancellationToken).ConfigureAwait(false);
        var (action, reason) = Decide(table, hasRows, watermark, overlap);
        if (action != RefreshAction.Incremental)
        {
            return new LiveDecision(action, reason, watermark, null, null, null);
        }

        var mismatch = Watermarks.Mismatch(table.IncrementalType!.Value, watermark);
        var (filter, delete) = mismatch is null ? Watermarks.Filters(table, column!.Name, watermark, column.DataType) : (null, null);
        var late = mismatch is null && table.IncrementalType == IncrementalType.Identity ? Watermarks.OverlapFilter(column!.Name, watermark, overlap, column.DataType) : null;
        return new LiveDecision(action, reason, watermark, filter, delete, mismatch, late);
    }

    public static (RefreshAction Action, string Reason) Decide(TableConfig table, bool targetHasRows, object? watermark, long overlap = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        var column = table.IncrementalColumn;
        switch (table.SyncMode)
        {
            case SyncMode.FullReplace:
                return (RefreshAction.Full, $"full_replace: empty the target ({(table.TruncateTarget ? "TRUNCATE where allowed" : "DELETE")}) and copy every source row, in one transaction");
            case SyncMode.SmartSync when !targetHasRows:
                return (RefreshAction.Full, "target empty: smart_sync chose full");
            default:
                var mode = table.SyncMode == SyncMode.SmartSync ? "smart_sync chose incremental (target has rows)" : "incremental";
                if (watermark is null)
                {
                    return (RefreshAction.Incremental, $"{mode}: target has no {column} values, so every source row is copied");
                }

                var mark = Watermarks.Format(watermark);
                if (table.DateBufferDays > 0)
                {
                    // The bound itself, as the statements will use it; a watermark that is not a date is reported
                    // by the type check (Watermarks.Mismatch), so the arithmetic is only shown when it exists.
                    var days = table.DateBufferDays;
                    var bound = Watermarks.Mismatch(table.IncrementalType ?? IncrementalType.Date, watermark) is null && watermark is not (byte or short or int or long or decimal)
                        ? $"{Watermarks.Format(Watermarks.Shift(watermark, -days))} (target MAX {mark} minus {days} day(s))"
                        : $"target MAX {mark} minus {days} day(s)";
                    return (RefreshAction.Incremental, $"{mode}: re-sync the last {days} day(s): delete target rows with {column} >= {bound} and copy source rows from the same bound");
                }

                if (table.IncrementalType == IncrementalType.Identity && overlap > 0 && watermark is byte or short or int or long or decimal)
                {
                    var first = Watermarks.Format(Watermarks.OverlapBound(watermark, overlap));
                    return (RefreshAction.Incremental, $"{mode}: copy source rows with {column} > {mark} (target MAX), then re-read the {overlap} id(s) from {column} >= {first} (incremental_overlap) and insert those the target lacks (numbered before, committed after, the last copy); nothing is deleted");
                }

                return (RefreshAction.Incremental, $"{mode}: copy source rows with {column} > {mark} (target MAX)");
        }
    }
}
