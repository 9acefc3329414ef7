using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.Comparison;

/// <summary>Rows and the wrapping sum of row hashes of one key range (a segment), as one database computed them.</summary>
internal readonly record struct SegmentSum(long Rows, string Sum);

/// <summary>
/// One engine's SQL for Compare-TableState: every value in one canonical text form per type (the same on both
/// sides, so an exact copy compares equal and a real difference is found), a 64-bit hash per row, sums per key
/// range computed inside the database. Reads only.
/// </summary>
internal interface IComparisonDialect
{
    /// <summary>Put the session in the canonical form (PostgreSQL: date, interval, float and bytea output) or register the functions (SQLite).</summary>
    Task PrepareAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>About how many rows the table has (to size the first pass's ranges): catalog statistics where they exist.</summary>
    Task<long> EstimateAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, CancellationToken cancellationToken);

    /// <summary>Every <paramref name="step"/>-th key of the range, in key order: the range's quantiles.</summary>
    Task<IReadOnlyList<object?[]>> BoundsAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, long step, CancellationToken cancellationToken);

    /// <summary>For each segment of the range cut at <paramref name="bounds"/> (bounds.Count + 1 of them, in order): rows and hash sum.</summary>
    Task<SegmentSum[]> SumsAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, IReadOnlyList<object?[]> bounds, CancellationToken cancellationToken);

    /// <summary>Each row's key and row hash in the range, in key order.</summary>
    Task<List<(object?[] Key, long Hash)>> RowHashesAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, CancellationToken cancellationToken);

    /// <summary>A canonical text as -IncludeValues shows it (without any marker the comparison needs, such as SQLite's storage class).</summary>
    string? Display(string? canonical) => canonical;

    /// <summary>Each compared column's canonical text for the rows with these keys, by <see cref="CompareShape.KeyText"/>.</summary>
    Task<Dictionary<string, string?[]>> CanonicalAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, IReadOnlyList<object?[]> keys, CancellationToken cancellationToken);
}

/// <summary>One side's table as the comparison reads it: its name, key columns and compared columns, as that side spells them.</summary>
internal sealed record CompareShape(TableSchema Table, IReadOnlyList<ColumnInfo> Key, IReadOnlyList<ColumnInfo> Columns, int Timeout)
{
    /// <summary>The key's values as one string, the same for equal keys read from either side (a dictionary key).</summary>
    public static string KeyText(IReadOnlyList<object?> key) => string.Join("\u001f", key.Select(Canonical.Text));
}
