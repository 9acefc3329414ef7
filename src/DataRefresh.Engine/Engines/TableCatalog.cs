using DataRefresh.Catalog;
using DataRefresh.Configuration;

namespace DataRefresh.Engines;

/// <summary>
/// Every table a configured name could mean, read once per connection and plan, and the one set of rules that
/// turns a configured name into a catalog name on every engine (docs/configuration.md, "Table names"): quoted parts
/// match exactly, unquoted parts match ignoring case (<see cref="NameFolding"/>); an unqualified name takes the
/// first schema in search order that has it; an exact spelling wins over other spellings of the same name in one
/// schema; anything else that matches more than one table is an error listing them, never a guess.
/// </summary>
public sealed class TableCatalog
{
    private readonly Dictionary<string, List<CatalogTable>> _byName = new(NameFolding.KeyComparer);

    public TableCatalog(IEnumerable<CatalogTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var table in tables)
        {
            var key = NameFolding.Key(table.Name);
            if (!_byName.TryGetValue(key, out var list))
            {
                _byName[key] = list = [];
            }

            list.Add(table);
        }
    }

    /// <summary>The catalog name of a configured name; null when no table matches. Throws when it is ambiguous or a system table.</summary>
    public QualifiedName? Resolve(TableName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_byName.TryGetValue(NameFolding.Key(name.Name.Value), out var sameName))
        {
            return null;
        }

        var matching = sameName
            .Where(t => name.Name.Matches(t.Name) && (name.Schema is null ? t.SearchOrder is not null : name.Schema.Matches(t.Schema)))
            .ToList();
        if (matching.Count == 0)
        {
            return null;
        }

        if (name.Schema is null)
        {
            // The first schema in search order that has the name; equally searched schemas (SQL Server's
            // "any other schema") that both have it are two different tables, not two spellings.
            var first = matching.Min(t => t.SearchOrder);
            matching = matching.Where(t => t.SearchOrder == first).ToList();
            if (matching.Select(t => t.Schema).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                throw Ambiguous(name, matching, "name the schema");
            }
        }

        var exact = matching.Where(t => t.Name == name.Name.Value && (name.Schema is null || t.Schema == name.Schema.Value)).ToList();
        var chosen = matching.Count == 1 ? matching[0] : exact.Count == 1 ? exact[0] : throw Ambiguous(name, matching, "quote the name to choose one exactly");
        if (chosen.IsSystem)
        {
            throw new InvalidOperationException($"'{name}' is {chosen.Schema}.{chosen.Name}, a system table of the database; DataRefresh never refreshes system tables");
        }

        return new QualifiedName(chosen.Schema, chosen.Name);
    }

    private static InvalidOperationException Ambiguous(TableName name, List<CatalogTable> candidates, string advice)
    {
        var sorted = candidates.OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new InvalidOperationException(
            $"'{name}' matches several tables ({string.Join(", ", sorted.Select(t => $"{t.Schema}.{t.Name}"))}); {advice}, e.g. {Quote(sorted[0].Schema)}.{Quote(sorted[0].Name)}");
    }

    private static string Quote(string part) => "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
