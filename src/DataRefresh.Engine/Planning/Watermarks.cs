using System.Globalization;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Planning;

/// <summary>Watermarks (the target's MAX of the incremental column) and the filters derived from them.</summary>
public static class Watermarks
{
    private static readonly string[] TextFormats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];

    /// <summary>The source filter and target delete filter for an incremental copy from this watermark.</summary>
    public static (RowFilter? Source, RowFilter? Delete) Filters(TableConfig table, string column, object? watermark, string? columnType = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (watermark is null)
        {
            return (null, null);
        }

        if (table.IncrementalType is IncrementalType.Date or IncrementalType.DateTime && table.DateBufferDays > 0)
        {
            var bound = Shift(watermark, -table.DateBufferDays);
            return (new RowFilter(column, FilterOperator.GreaterOrEqual, bound, columnType), new RowFilter(column, FilterOperator.GreaterOrEqual, bound, columnType));
        }

        return (new RowFilter(column, FilterOperator.Greater, watermark, columnType), null);
    }

    /// <summary>
    /// incremental_overlap: ids are numbered at insert, not at commit, so a row numbered below one already copied may
    /// commit after the copy (a hole). After the copy above the watermark, the source rows from MAX − N + 1 on (the
    /// first N, in id order) are read again into a temporary table and those the target lacks are inserted: nothing
    /// is deleted, so tables that reference this one are not touched. Null when there is no watermark to go below.
    /// </summary>
    public static RowFilter? OverlapFilter(string column, object? watermark, long overlap, string? columnType = null) =>
        watermark is null || overlap <= 0 ? null : new RowFilter(column, FilterOperator.GreaterOrEqual, OverlapBound(watermark, overlap), columnType);

    /// <summary>The first of the last <paramref name="overlap"/> ids up to the watermark: MAX − N + 1, in the watermark's numeric type.</summary>
    public static object OverlapBound(object watermark, long overlap) => watermark switch
    {
        decimal d => d - overlap + 1,
        byte or short or int or long => Convert.ToInt64(watermark, CultureInfo.InvariantCulture) - overlap + 1,
        _ => throw new InvalidOperationException($"the watermark {Format(watermark)} ({watermark.GetType().Name}) is not a number, so incremental_overlap cannot be applied; check incremental_type"),
    };

    /// <summary>Move a date or timestamp watermark by whole days, keeping its type (and, for text dates, its format).</summary>
    public static object Shift(object value, int days) => value switch
    {
        DateTime d => d.AddDays(days),
        DateTimeOffset o => o.AddDays(days),
        DateOnly d => d.AddDays(days),
        string s when TryParseText(s, out var parsed, out var format) => parsed.AddDays(days).ToString(format, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"the watermark {Format(value)} ({value.GetType().Name}) is not a date or timestamp, so date_buffer_days cannot be applied; check incremental_type"),
    };

    /// <summary>Check the watermark's type against incremental_type before it reaches SQL.</summary>
    public static string? Mismatch(IncrementalType type, object? watermark) => (type, watermark) switch
    {
        (_, null) => null,
        (IncrementalType.Identity, byte or short or int or long or decimal) => null,
        (IncrementalType.Identity, _) => $"incremental_type: identity needs a whole-number column, but its MAX is {Format(watermark)} ({watermark.GetType().Name})",
        (_, DateTime or DateTimeOffset or DateOnly) => null,
        (_, string s) when TryParseText(s, out _, out _) => null,
        _ => $"incremental_type: {type.ToString().ToLowerInvariant()} needs a date or timestamp column, but its MAX is {Format(watermark)} ({watermark.GetType().Name})",
    };

    public static string? Format(object? value) => value switch
    {
        null => null,
        DateTime { Kind: DateTimeKind.Utc } d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool TryParseText(string s, out DateTime parsed, out string format)
    {
        foreach (var f in TextFormats)
        {
            if (DateTime.TryParseExact(s, f, CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed))
            {
                // Write the shifted value back with the text's own precision, so it compares as the stored text does.
                var dot = s.IndexOf('.', StringComparison.Ordinal);
                format = dot < 0 ? f : f.Replace("FFFFFFF", new string('f', s.Length - dot - 1), StringComparison.Ordinal);
                return true;
            }
        }

        parsed = default;
        format = "";
        return false;
    }
}
