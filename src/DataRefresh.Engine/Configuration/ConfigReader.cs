using System.Globalization;

namespace DataRefresh.Configuration;

/// <summary>Typed reads from a <see cref="MappingNode"/> that collect errors instead of throwing, so all are listed at once.</summary>
internal sealed class ConfigReader
{
    private readonly List<ConfigError> _errors = [];

    public IReadOnlyList<ConfigError> Errors => _errors;

    public void Error(SourceLocation? at, string key, string message) => _errors.Add(new ConfigError(at, key, message));

    /// <summary>Reject keys the format does not have; passwords get their own message.</summary>
    public void CheckKeys(MappingNode map, string path, IReadOnlyCollection<string> allowed)
    {
        foreach (var entry in map.Entries)
        {
            var key = Join(path, entry.Key);
            if (SecretKeys.Contains(entry.Key))
            {
                Error(entry.KeyLocation, key, "credentials are never read from configuration files; set them in the environment variables SOURCE_DB_USER/SOURCE_DB_PASSWORD or TARGET_DB_USER/TARGET_DB_PASSWORD (auth_type: sql)");
            }
            else if (!allowed.Contains(entry.Key))
            {
                var near = allowed.FirstOrDefault(a => Distance(a, entry.Key) <= 2);
                Error(entry.KeyLocation, key, $"unknown key{(near is null ? "" : $" (did you mean '{near}'?)")}; allowed here: {string.Join(", ", allowed)}");
            }
        }

        foreach (var group in map.Entries.GroupBy(e => e.Key).Where(g => g.Count() > 1))
        {
            Error(group.Last().KeyLocation, Join(path, group.Key), "key appears more than once");
        }
    }

    public static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "pwd", "passwd", "user", "username", "user_id", "uid", "login", "secret", "connection_string", "connectionstring",
    };

    public MappingNode? Map(MappingNode parent, string key, string path, bool required)
    {
        var entry = parent.Find(key);
        if (entry is null)
        {
            if (required)
            {
                Error(parent.Location, Join(path, key), "is required");
            }

            return null;
        }

        if (entry.Value is MappingNode m)
        {
            return m;
        }

        Error(entry.Value.Location, Join(path, key), $"must be a mapping of keys, not {entry.Value.Kind}");
        return null;
    }

    public SequenceNode? Sequence(MappingNode parent, string key, string path)
    {
        var entry = parent.Find(key);
        if (entry is null)
        {
            Error(parent.Location, Join(path, key), "is required");
            return null;
        }

        if (entry.Value is SequenceNode s)
        {
            return s;
        }

        Error(entry.Value.Location, Join(path, key), $"must be a list, not {entry.Value.Kind}");
        return null;
    }

    public string? String(MappingNode map, string key, string path, bool required = false)
    {
        var entry = map.Find(key);
        if (entry is null || entry.Value is ScalarNode { IsNull: true })
        {
            if (required)
            {
                Error(entry?.Value.Location ?? map.Location, Join(path, key), "is required");
            }

            return null;
        }

        if (entry.Value is ScalarNode { Value: { } v })
        {
            if (required && v.Trim().Length == 0)
            {
                Error(entry.Value.Location, Join(path, key), "must not be empty");
                return null;
            }

            return v;
        }

        Error(entry.Value.Location, Join(path, key), $"must be a single value, not {entry.Value.Kind}");
        return null;
    }

    public long? Integer(MappingNode map, string key, string path, long min, long max)
    {
        var entry = map.Find(key);
        if (entry is null || entry.Value is ScalarNode { IsNull: true })
        {
            return null;
        }

        if (entry.Value is ScalarNode { Value: { } v } s)
        {
            if (!long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                Error(s.Location, Join(path, key), $"must be a whole number, not '{Short(v)}'");
                return null;
            }

            if (n < min || n > max)
            {
                Error(s.Location, Join(path, key), max == long.MaxValue ? $"must be at least {min}, not {n}" : $"must be between {min} and {max}, not {n}");
                return null;
            }

            return n;
        }

        Error(entry.Value.Location, Join(path, key), $"must be a whole number, not {entry.Value.Kind}");
        return null;
    }

    public double? Number(MappingNode map, string key, string path, double min)
    {
        var entry = map.Find(key);
        if (entry is null || entry.Value is ScalarNode { IsNull: true })
        {
            return null;
        }

        if (entry.Value is ScalarNode { Value: { } v } s && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            if (d < min)
            {
                Error(s.Location, Join(path, key), $"must be at least {min.ToString(CultureInfo.InvariantCulture)}, not {v}");
                return null;
            }

            return d;
        }

        Error(entry.Value.Location, Join(path, key), "must be a number");
        return null;
    }

    public bool? Boolean(MappingNode map, string key, string path)
    {
        var entry = map.Find(key);
        if (entry is null || entry.Value is ScalarNode { IsNull: true })
        {
            return null;
        }

        if (entry.Value is ScalarNode { Value: { } v } s)
        {
            switch (v.ToLowerInvariant())
            {
                case "true" or "yes" or "on":
                    return true;
                case "false" or "no" or "off":
                    return false;
                default:
                    Error(s.Location, Join(path, key), $"must be true or false, not '{Short(v)}'");
                    return null;
            }
        }

        Error(entry.Value.Location, Join(path, key), $"must be true or false, not {entry.Value.Kind}");
        return null;
    }

    public T? Choice<T>(MappingNode map, string key, string path, IReadOnlyDictionary<string, T> choices, bool report = true)
        where T : struct
    {
        var text = report ? String(map, key, path) : (map.Find(key)?.Value as ScalarNode)?.Value;
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text.Trim().ToLowerInvariant(), out var value))
        {
            return value;
        }

        if (report)
        {
            Error(map.Find(key)!.Value.Location, Join(path, key), $"unknown value '{Short(text)}'; expected one of: {string.Join(", ", choices.Keys)}");
        }

        return null;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Short(string v) => v.Length <= 40 ? v : v[..40] + "…";

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }
}
