namespace DataRefresh.Configuration;

/// <summary>One problem in a configuration: where it is, which key, what is wrong.</summary>
public sealed record ConfigError(SourceLocation? Location, string Key, string Message)
{
    public override string ToString() =>
        Location is { } at ? $"{at}: {Key}: {Message}" : (Key.Length > 0 ? $"{Key}: {Message}" : Message);
}
