using DataRefresh.Configuration;

namespace DataRefresh.Planning;

internal static class TableSelection
{
    /// <summary>The configured tables named by -Table (wildcards allowed), in config order; an unknown name is an error.</summary>
    public static IReadOnlyList<TableConfig> Select(RefreshConfig config, IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return config.Tables;
        }

        var unknown = names.Where(n => !config.Tables.Any(t => Matches(n, t.Name))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"-Table {string.Join(", ", unknown)}: not in the configuration (configured tables: {string.Join(", ", config.Tables.Select(t => t.Name))})");
        }

        return config.Tables.Where(t => names.Any(n => Matches(n, t.Name))).ToList();
    }

    private static bool Matches(string pattern, string name) =>
        pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.IsMatch(name, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            : string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
}
