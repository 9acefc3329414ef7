using DataRefresh.Configuration;

namespace DataRefresh.Planning;

/// <summary>The sync-mode rules of the spec, as one pure function: what to do with a table given the target's state.</summary>
public static class SyncDecision
{
    public static (RefreshAction Action, string Reason) Decide(TableConfig table, bool targetHasRows, object? watermark)
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
                return table.DateBufferDays > 0
                    ? (RefreshAction.Incremental, $"{mode}: re-sync the last {table.DateBufferDays} day(s): delete target rows with {column} >= {mark} - {table.DateBufferDays}d and copy source rows from the same bound")
                    : (RefreshAction.Incremental, $"{mode}: copy source rows with {column} > {mark} (target MAX)");
        }
    }
}
