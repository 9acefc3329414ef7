using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DataRefresh.Configuration;

/// <summary>
/// Reads one YAML file into <see cref="ConfigNode"/>s, within bounds a refresh configuration never comes near, so a
/// hostile or broken file fails in milliseconds naming its line instead of exhausting memory: at most 1 MiB, at
/// most 100,000 values reached through aliases (a "billion laughs" file stands for 10^9), at most 64 levels of
/// nesting. An alias shares its anchor's node rather than copying it, and merge keys (<c>&lt;&lt;: *defaults</c>,
/// <c>&lt;&lt;: [*a, *b]</c>) are applied here with YAML 1.1's rules, so every value keeps the line it was written on.
/// </summary>
internal static class YamlFile
{
    public const int MaxBytes = 1024 * 1024;
    public const long MaxAliasValues = 100_000;
    public const int MaxDepth = 64;

    /// <summary>The file's root mapping, or null with the reason added to <paramref name="reader"/>.</summary>
    public static MappingNode? Read(string fullPath, string shownPath, ConfigReader reader)
    {
        if (!File.Exists(fullPath))
        {
            reader.Error(null, shownPath, $"configuration file not found (looked for {fullPath})");
            return null;
        }

        MemoryStream bytes;
        try
        {
            bytes = ReadAtMost(fullPath, MaxBytes + 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reader.Error(null, shownPath, $"cannot read the configuration file: {ex.Message}");
            return null;
        }

        if (bytes.Length > MaxBytes)
        {
            reader.Error(new SourceLocation(shownPath, 1, 1), "", $"the file is larger than 1 MiB ({MaxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes), the limit for a configuration file");
            return null;
        }

        try
        {
            using var text = new StreamReader(bytes, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var root = new Builder(shownPath).Read(new Parser(text));
            if (root is null)
            {
                reader.Error(new SourceLocation(shownPath, 1, 1), "", "the file is empty");
                return null;
            }

            if (root is MappingNode map)
            {
                return map;
            }

            reader.Error(root.Location, "", "the file must be a mapping with databases, tables and settings");
            return null;
        }
        catch (YamlException ex)
        {
            reader.Error(new SourceLocation(shownPath, (int)ex.Start.Line, (int)ex.Start.Column), "", $"not valid YAML: {ex.Message}");
            return null;
        }
        catch (RefusedYamlException ex)
        {
            reader.Error(ex.At, ex.Key, ex.Message);
            return null;
        }
    }

    /// <summary>Never more than <paramref name="limit"/> bytes, whatever the file claims (a device or a growing file too).</summary>
    private static MemoryStream ReadAtMost(string path, int limit)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while (bytes.Length < limit && (read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - bytes.Length))) > 0)
        {
            bytes.Write(buffer, 0, read);
        }

        bytes.Position = 0;
        return bytes;
    }

    /// <summary>A file this reader will not take further, with where and why: the first such problem ends the file.</summary>
    private sealed class RefusedYamlException(SourceLocation at, string key, string message) : Exception(message)
    {
        public SourceLocation At { get; } = at;

        public string Key { get; } = key;
    }

    /// <summary>A list or mapping being read: its items so far, and its size counting what its aliases stand for.</summary>
    private sealed class Open(bool isMapping, SourceLocation location, string? anchor, string path)
    {
        public bool IsMapping { get; } = isMapping;
        public SourceLocation Location { get; } = location;
        public string? Anchor { get; } = anchor;
        public string Path { get; } = path;
        public List<ConfigNode> Items { get; } = [];
        public List<MappingEntry> Entries { get; } = [];
        public (string Key, SourceLocation At)? Key { get; set; }
        public bool MergeKeyPending { get; set; }
        public SourceLocation? MergeKeyAt { get; set; }
        public (ConfigNode Value, SourceLocation At)? Merge { get; set; }
        public long Size { get; set; } = 1;

        /// <summary>The key path of the value that comes next, for messages.</summary>
        public string NextPath => IsMapping
            ? Key is { } key ? ConfigReader.Join(Path, key.Key) : MergeKeyPending ? ConfigReader.Join(Path, "<<") : Path
            : $"{Path}[{Items.Count}]";
    }

    /// <summary>Builds nodes from the parser's events, one document, with an explicit stack (no recursion to overflow).</summary>
    private sealed class Builder(string file)
    {
        private readonly Dictionary<string, (ConfigNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<Open> _open = new();
        private long _aliasValues;
        private ConfigNode? _root;
        private int _documents;

        public ConfigNode? Read(Parser parser)
        {
            while (parser.MoveNext())
            {
                var at = Loc(parser.Current!.Start);
                if (_documents > 1)
                {
                    // Named where the second document's content starts.
                    throw new RefusedYamlException(at, "", "the file holds more than one YAML document; use one per file");
                }

                switch (parser.Current)
                {
                    case DocumentStart:
                        _documents++;
                        break;
                    case Scalar s:
                        var scalar = new ScalarNode(at, s.Value, s.Style is ScalarStyle.Plain);
                        Remember(s.Anchor, scalar, 1);
                        Add(scalar, 1, at, mergeKey: s.Style is ScalarStyle.Plain && s.Value == "<<");
                        break;
                    case AnchorAlias alias:
                        var name = alias.Value.Value;
                        var path = _open.TryPeek(out var parent) ? parent.NextPath : "";
                        if (!_anchors.TryGetValue(name, out var anchored))
                        {
                            throw new RefusedYamlException(at, path, $"alias *{name} does not refer to an anchor (&{name}) earlier in this file");
                        }

                        _aliasValues += anchored.Size;
                        if (_aliasValues > MaxAliasValues)
                        {
                            throw new RefusedYamlException(at, path, $"alias *{name} would make this file stand for more than {MaxAliasValues.ToString("N0", CultureInfo.InvariantCulture)} values; an alias repeats everything its anchor holds, and this limit guards against \"billion laughs\" files that multiply them");
                        }

                        Add(anchored.Node, anchored.Size, at, mergeKey: false);
                        break;
                    case SequenceStart q:
                        Push(false, at, q.Anchor);
                        break;
                    case MappingStart m:
                        Push(true, at, m.Anchor);
                        break;
                    case SequenceEnd or MappingEnd:
                        Pop();
                        break;
                }
            }

            return _root;
        }

        private SourceLocation Loc(Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

        private void Remember(AnchorName anchor, ConfigNode node, long size)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (node, size);
            }
        }

        private void Push(bool isMapping, SourceLocation at, AnchorName anchor)
        {
            var path = _open.TryPeek(out var parent) ? parent.NextPath : "";
            if (_open.Count >= MaxDepth)
            {
                throw new RefusedYamlException(at, path, $"values are nested more than {MaxDepth} levels deep; a configuration needs a handful");
            }

            _open.Push(new Open(isMapping, at, anchor.IsEmpty ? null : anchor.Value, path));
        }

        private void Pop()
        {
            var done = _open.Pop();
            ConfigNode node = done.IsMapping ? new MappingNode(done.Location, Merged(done)) : new SequenceNode(done.Location, done.Items);
            if (done.Anchor is { } anchor)
            {
                _anchors[anchor] = (node, done.Size);
            }

            Add(node, done.Size, done.Location, mergeKey: false);
        }

        private void Add(ConfigNode node, long size, SourceLocation at, bool mergeKey)
        {
            if (!_open.TryPeek(out var open))
            {
                _root = node;
                return;
            }

            open.Size += size;
            if (!open.IsMapping)
            {
                open.Items.Add(node);
            }
            else if (open.Key is { } key)
            {
                open.Entries.Add(new MappingEntry(key.Key, key.At, node));
                open.Key = null;
            }
            else if (open.MergeKeyPending)
            {
                open.Merge = (node, at);
                open.MergeKeyPending = false;
            }
            else if (node is not ScalarNode scalar)
            {
                throw new RefusedYamlException(at, open.Path, $"a key must be a single value, not {node.Kind}");
            }
            else if (mergeKey)
            {
                if (open.MergeKeyAt is not null)
                {
                    throw new RefusedYamlException(at, ConfigReader.Join(open.Path, "<<"), "<< appears more than once in this mapping; merge several with <<: [*a, *b]");
                }

                open.MergeKeyAt = at;
                open.MergeKeyPending = true;
            }
            else
            {
                open.Key = (scalar.Value ?? "", at);
            }
        }

        /// <summary>
        /// YAML 1.1 merge: keys written in the mapping win over merged ones, and of several merged mappings the
        /// earlier wins. Merged entries keep the file and line they were written on.
        /// </summary>
        private static List<MappingEntry> Merged(Open map)
        {
            if (map.Merge is not { } merge)
            {
                return map.Entries;
            }

            var sources = merge.Value switch
            {
                MappingNode m => [m],
                SequenceNode q when q.Items.All(i => i is MappingNode) => q.Items.Cast<MappingNode>().ToList(),
                SequenceNode q => throw NotMergeable(map, merge.At, $"a list holding {q.Items.First(i => i is not MappingNode).Kind}"),
                var other => throw NotMergeable(map, merge.At, other.Kind),
            };
            var entries = new List<MappingEntry>(map.Entries);
            var taken = new HashSet<string>(map.Entries.Select(e => e.Key), StringComparer.Ordinal);
            foreach (var entry in sources.SelectMany(s => s.Entries))
            {
                if (taken.Add(entry.Key))
                {
                    entries.Add(entry);
                }
            }

            return entries;
        }

        private static RefusedYamlException NotMergeable(Open map, SourceLocation at, string what) =>
            new(at, ConfigReader.Join(map.Path, "<<"), $"<< merges a mapping or a list of mappings into this one (<<: *defaults or <<: [*a, *b]), not {what}");
    }
}
