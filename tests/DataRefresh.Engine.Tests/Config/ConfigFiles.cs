using DataRefresh.Configuration;
using DataRefresh.Tests.Support;

namespace DataRefresh.Tests.Config;

/// <summary>Writes YAML into a temp folder and loads it with a fake environment (never the real one).</summary>
internal sealed class ConfigFiles : IDisposable
{
    public const string SourcePassword = "src-Pa55-from-env";
    public const string TargetPassword = "tgt-Pa55-from-env";

    private readonly TempDir _dir = new();

    public string Folder => _dir.Path;

    /// <summary>Every credential variable set, to values that must never show up in a message.</summary>
    public static Dictionary<string, string> FullEnvironment() => new()
    {
        ["SOURCE_DB_USER"] = "readonly_user",
        ["SOURCE_DB_PASSWORD"] = SourcePassword,
        ["TARGET_DB_USER"] = "refresh_user",
        ["TARGET_DB_PASSWORD"] = TargetPassword,
    };

    public string Write(string name, string yaml)
    {
        var path = _dir.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    public static RefreshConfig Load(IReadOnlyDictionary<string, string>? environment, params string[] paths)
    {
        var vars = environment ?? FullEnvironment();
        return ConfigLoader.Load(paths, name => vars.TryGetValue(name, out var value) ? value : null);
    }

    public static ConfigValidationException Fail(IReadOnlyDictionary<string, string>? environment, params string[] paths) =>
        Assert.Throws<ConfigValidationException>(() => Load(environment, paths));

    public static string Describe(IEnumerable<ConfigError> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => e.ToString()));

    public void Dispose() => _dir.Dispose();
}
