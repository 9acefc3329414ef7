using System.Globalization;
using System.Text.RegularExpressions;

namespace DataRefresh.Configuration;

public static partial class ConfigLoader
{
    private static readonly Dictionary<string, MaskKind> PlainRules = new()
    {
        ["hash"] = MaskKind.Hash,
        ["email"] = MaskKind.Email,
        ["first_name"] = MaskKind.FirstName,
        ["last_name"] = MaskKind.LastName,
        ["full_name"] = MaskKind.FullName,
        ["phone"] = MaskKind.Phone,
        ["set_null"] = MaskKind.SetNull,
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();

    private const string RuleList = "hash, email, first_name, last_name, full_name, phone, set_null, { value: ... }, { partial: { keep_last: N, fill: \"*\" } }, { date_shift: N }";

    /// <summary>A table's <c>masking:</c> mapping (column → rule); every problem is reported with its line.</summary>
    private static List<ColumnMask> BindMasking(MappingNode table, string path, ConfigReader r, string? incrementalColumn)
    {
        var masks = new List<ColumnMask>();
        var map = r.Map(table, "masking", path, required: false);
        if (map is null)
        {
            return masks;
        }

        path = $"{path}.masking";
        if (map.Entries.Count == 0)
        {
            r.Error(map.Location, path, "names no columns; give each masked column a rule, or remove masking:");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in map.Entries)
        {
            var key = $"{path}.{entry.Key}";
            if (entry.Key.Trim().Length == 0)
            {
                r.Error(entry.KeyLocation, key, "a column name must not be empty");
                continue;
            }

            if (!seen.Add(entry.Key))
            {
                r.Error(entry.KeyLocation, key, $"column {entry.Key} is masked twice");
                continue;
            }

            if (incrementalColumn is not null && string.Equals(entry.Key, incrementalColumn, StringComparison.OrdinalIgnoreCase))
            {
                r.Error(entry.KeyLocation, key, $"column {entry.Key} is the incremental_column: its target MAX is the watermark, which masked values would make meaningless; mask another column or use sync_mode: full_replace");
                continue;
            }

            if (BindRule(entry, key, r) is { } rule)
            {
                masks.Add(new ColumnMask(entry.Key, rule, entry.KeyLocation.ToString()) { At = entry.KeyLocation });
            }
        }

        return masks;
    }

    private static MaskRule? BindRule(MappingEntry entry, string key, ConfigReader r)
    {
        switch (entry.Value)
        {
            case ScalarNode { IsNull: true } s:
                r.Error(s.Location, key, $"needs a rule: one of {RuleList}");
                return null;
            case ScalarNode { Value: { } text } s:
                var name = text.Trim().ToLowerInvariant();
                if (PlainRules.TryGetValue(name, out var kind))
                {
                    return new MaskRule { Kind = kind };
                }

                r.Error(s.Location, key, name is "value" or "partial" or "date_shift"
                    ? $"rule {name} takes a setting: write {name switch { "value" => "{ value: \"n/a\" }", "partial" => "{ partial: { keep_last: 4, fill: \"*\" } }", _ => "{ date_shift: 30 }" }}"
                    : $"unknown masking rule '{text}'; expected one of: {RuleList}");
                return null;
            case MappingNode { Entries.Count: 1 } m:
                return BindParameterizedRule(m, key, r);
            default:
                r.Error(entry.Value.Location, key, $"must be one rule: one of {RuleList}");
                return null;
        }
    }

    private static MaskRule? BindParameterizedRule(MappingNode m, string key, ConfigReader r)
    {
        var rule = m.Entries[0];
        switch (rule.Key)
        {
            case "value":
                if (rule.Value is not ScalarNode { Value: { } value, IsNull: false })
                {
                    r.Error(rule.Value.Location, $"{key}.value", "must be a single value (use set_null for NULL)");
                    return null;
                }

                return new MaskRule { Kind = MaskKind.Value, Value = value };
            case "date_shift":
                return r.Integer(m, "date_shift", key, 1, 36500) is { } days ? new MaskRule { Kind = MaskKind.DateShift, ShiftDays = (int)days } : Missing(m, $"{key}.date_shift", "a number of days between 1 and 36500", r);
            case "partial":
                if (rule.Value is not MappingNode p)
                {
                    r.Error(rule.Value.Location, $"{key}.partial", "must be a mapping: { keep_last: 4, fill: \"*\" }");
                    return null;
                }

                var at = $"{key}.partial";
                r.CheckKeys(p, at, ["keep_last", "fill"]);
                var keep = r.Integer(p, "keep_last", at, 0, 1000);
                if (keep is null && p.Find("keep_last") is null)
                {
                    r.Error(p.Location, $"{at}.keep_last", "is required (how many trailing characters stay)");
                }

                var fill = r.String(p, "fill", at) ?? "*";
                if (fill.Length != 1)
                {
                    r.Error(p.Find("fill")!.Value.Location, $"{at}.fill", $"must be exactly one character, not {fill.Length.ToString(CultureInfo.InvariantCulture)}");
                    return null;
                }

                return keep is null ? null : new MaskRule { Kind = MaskKind.Partial, KeepLast = (int)keep, Fill = fill[0] };
            default:
                r.Error(rule.KeyLocation, $"{key}.{rule.Key}", $"unknown masking rule '{rule.Key}'; expected one of: {RuleList}");
                return null;
        }
    }

    private static MaskRule? Missing(MappingNode m, string key, string what, ConfigReader r)
    {
        if (m.Find(key[(key.LastIndexOf('.') + 1)..]) is { Value: ScalarNode { IsNull: true } s })
        {
            r.Error(s.Location, key, $"needs {what}");
        }

        return null;
    }

    /// <summary>settings.personal_columns: a list of name fragments.</summary>
    private static List<string> BindPersonalColumns(MappingNode settings, ConfigReader r)
    {
        var list = new List<string>();
        if (settings.Find("personal_columns") is not { } entry)
        {
            return list;
        }

        if (entry.Value is not SequenceNode s)
        {
            r.Error(entry.Value.Location, "settings.personal_columns", $"must be a list of name fragments (e.g. [ salary, nickname ]), not {entry.Value.Kind}");
            return list;
        }

        foreach (var item in s.Items)
        {
            if (item is ScalarNode { Value: { } v, IsNull: false } && v.Trim().Length > 0)
            {
                list.Add(v.Trim());
            }
            else
            {
                r.Error(item.Location, "settings.personal_columns", $"each entry must be a non-empty name fragment, not {item.Kind}");
            }
        }

        return list;
    }

    /// <summary>Masking needs its key: the variable is checked by name (its value is never shown).</summary>
    private static void CheckMaskingKey(MappingNode root, IReadOnlyList<TableConfig> tables, RefreshSettings settings, ConfigReader r, Func<string, string?> environment)
    {
        if (tables.FirstOrDefault(t => t.Masking.Count > 0) is not { } first)
        {
            return;
        }

        var variable = settings.MaskingKeyEnv;
        var value = environment(variable);
        var problem = CredentialVariables.State(value) ?? (value!.Length < Masking.MaskingKey.MinimumLength ? $"shorter than {Masking.MaskingKey.MinimumLength} characters" : null);
        if (problem is null)
        {
            return;
        }

        var at = (root.Find("settings")?.Value as MappingNode)?.Find("masking_key_env")?.Value.Location;
        r.Error(at ?? first.Masking[0].At, at is null ? $"tables({first.Name}).masking" : "settings.masking_key_env",
            $"masking (table {first.Name}, declared at {first.Masking[0].DeclaredAt}) needs its key in the environment variable {variable}, which is {problem}; the key is never read from a file");
    }
}
