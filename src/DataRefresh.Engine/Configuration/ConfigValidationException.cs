namespace DataRefresh.Configuration;

/// <summary>Thrown before anything connects anywhere: every problem found in the configuration, listed at once.</summary>
public sealed class ConfigValidationException : Exception
{
    public ConfigValidationException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public ConfigValidationException()
        : this([])
    {
    }

    public ConfigValidationException(string message)
        : base(message)
    {
        Errors = [new ConfigError(null, "", message)];
    }

    public ConfigValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ConfigError(null, "", message)];
    }

    public IReadOnlyList<ConfigError> Errors { get; } = [];

    private static string Describe(IReadOnlyList<ConfigError> errors) => errors.Count switch
    {
        0 => "The configuration is not valid.",
        1 => $"The configuration is not valid: {errors[0]}",
        _ => $"The configuration has {errors.Count} errors:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors),
    };
}
