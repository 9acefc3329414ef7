namespace DataRefresh.Comparison;

/// <summary>The WHERE clause that selects a <see cref="KeyRange"/>, with its parameters; each dialect supplies how it writes one key comparison.</summary>
internal static class RangePredicate
{
    /// <param name="tuple">Writes <c>(key columns) op (bound values)</c>, adding the values to the parameters.</param>
    public static (string Where, List<(string, object?)> Parameters) For(KeyRange range, Func<IReadOnlyList<object?>, List<(string, object?)>, string, string> tuple)
    {
        var parameters = new List<(string, object?)>();
        var parts = new List<string>();
        if (range.From is { } from)
        {
            parts.Add(tuple(from, parameters, ">="));
        }

        if (range.To is { } to)
        {
            parts.Add(tuple(to, parameters, "<"));
        }

        return (parts.Count == 0 ? "" : " WHERE " + string.Join(" AND ", parts), parameters);
    }
}
