namespace DataRefresh.Configuration;

/// <summary>Where a value came from: file, line, column. Every config error names one.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// A YAML node that remembers the file and line it was read from, so that values merged from several files
/// still report where each one was written.
/// </summary>
/// <remarks>Built by <see cref="YamlFile"/>. An alias shares its anchor's node: nodes are never changed in place.</remarks>
internal abstract record ConfigNode(SourceLocation Location)
{
    public abstract string Kind { get; }
}

internal sealed record ScalarNode(SourceLocation Location, string? Value, bool Plain) : ConfigNode(Location)
{
    public override string Kind => "a value";

    /// <summary>YAML's null: an unquoted empty value, ~ or null.</summary>
    public bool IsNull => Plain && (Value is null or "" or "~" or "null" or "Null" or "NULL");
}

internal sealed record SequenceNode(SourceLocation Location, IReadOnlyList<ConfigNode> Items) : ConfigNode(Location)
{
    public override string Kind => "a list";
}

internal sealed record MappingEntry(string Key, SourceLocation KeyLocation, ConfigNode Value);

internal sealed record MappingNode(SourceLocation Location, IReadOnlyList<MappingEntry> Entries) : ConfigNode(Location)
{
    public override string Kind => "a mapping";

    public MappingEntry? Find(string key) => Entries.LastOrDefault(e => e.Key == key);

    /// <summary>
    /// Overlay <paramref name="over"/> on this mapping: scalars and lists replace, mappings merge key by key,
    /// and the <c>tables</c> list merges by table name (see <see cref="MergeTables"/>).
    /// </summary>
    public MappingNode Merge(MappingNode over, bool tablesByName)
    {
        var result = new List<MappingEntry>(Entries);
        foreach (var entry in over.Entries)
        {
            var index = result.FindIndex(e => e.Key == entry.Key);
            if (index < 0)
            {
                result.Add(entry);
                continue;
            }

            var existing = result[index];
            var merged = (existing.Value, entry.Value, entry.Key) switch
            {
                (SequenceNode a, SequenceNode b, "tables") when tablesByName => MergeTables(a, b),
                (MappingNode a, MappingNode b, _) => a.Merge(b, tablesByName: false),
                _ => entry.Value,
            };
            result[index] = entry with { Value = merged };
        }

        return this with { Entries = result };
    }

    /// <summary>Tables merge by name: an overlay entry overrides the keys it names; a new name is appended.</summary>
    private static SequenceNode MergeTables(SequenceNode baseTables, SequenceNode overlay)
    {
        var items = new List<ConfigNode>(baseTables.Items);
        foreach (var item in overlay.Items)
        {
            var name = NameOf(item);
            var index = name is null ? -1 : items.FindIndex(i => string.Equals(NameOf(i), name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0 && items[index] is MappingNode baseTable && item is MappingNode overTable)
            {
                items[index] = baseTable.Merge(overTable, tablesByName: false);
            }
            else
            {
                items.Add(item);
            }
        }

        return baseTables with { Items = items };
    }

    private static string? NameOf(ConfigNode node) =>
        node is MappingNode m && m.Find("name")?.Value is ScalarNode { Value: { } v } ? v : null;
}
