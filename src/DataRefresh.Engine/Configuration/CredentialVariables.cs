namespace DataRefresh.Configuration;

/// <summary>
/// The state of a credential environment variable (SOURCE_DB_USER…), worded once for the config check and the
/// connection: absent is "not set", present but empty (or only spaces) is "blank". They have different fixes.
/// </summary>
public static class CredentialVariables
{
    /// <summary>Null when the variable holds a value; otherwise "not set" or "set but blank (…)".</summary>
    public static string? State(string? value) => value switch
    {
        null => "not set",
        _ when string.IsNullOrWhiteSpace(value) => "set but blank (empty or only spaces)",
        _ => null,
    };

    /// <summary>"the environment variable X is not set", or null when it holds a value.</summary>
    public static string? Problem(string variable, string? value) => State(value) is { } state ? $"the environment variable {variable} is {state}" : null;
}
