using DataRefresh.Catalog;
using DataRefresh.Configuration;

namespace DataRefresh.Engines;

internal static class CatalogNames
{
    /// <summary>
    /// Choose among catalog tables whose names match case-insensitively: an exact-case match wins, quoted
    /// parts must match exactly, and two equally good candidates are an error rather than a guess.
    /// Candidates arrive in search-path order, so an unqualified name takes the first schema that has it.
    /// </summary>
    public static QualifiedName? Pick(TableName name, IReadOnlyList<(string Schema, string Name)> candidates)
    {
        var matching = candidates.Where(c => name.Name.Matches(c.Name)).ToList();
        if (matching.Count == 0)
        {
            return null;
        }

        var firstSchema = matching[0].Schema;
        var inSchema = matching.Where(c => c.Schema == firstSchema).ToList();
        var exact = inSchema.Where(c => c.Name == name.Name.Value).ToList();
        if (exact.Count == 1)
        {
            return new QualifiedName(exact[0].Schema, exact[0].Name);
        }

        if (inSchema.Count == 1)
        {
            return new QualifiedName(inSchema[0].Schema, inSchema[0].Name);
        }

        throw new InvalidOperationException($"'{name}' matches several tables ({string.Join(", ", inSchema.Select(c => $"{c.Schema}.{c.Name}"))}); quote the name to choose one exactly, e.g. \"{inSchema[0].Name}\"");
    }
}
