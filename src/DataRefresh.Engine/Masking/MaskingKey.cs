using System.Security.Cryptography;
using System.Text;
using DataRefresh.Configuration;

namespace DataRefresh.Masking;

/// <summary>
/// The secret every masked value is derived from (HMAC-SHA256 keyed by it). Read from an environment variable, held
/// only in memory, never printed: <see cref="ToString"/> names the variable, not the value.
/// </summary>
public sealed class MaskingKey
{
    /// <summary>The shortest key accepted, in characters.</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _secret;

    private MaskingKey(byte[] secret, string source)
    {
        _secret = secret;
        Source = source;
    }

    /// <summary>Where the key came from (the variable's name), for messages.</summary>
    public string Source { get; }

    /// <summary>A key from its text (tests, or a host that holds the key itself).</summary>
    public static MaskingKey FromSecret(string secret, string source = "a key given in code")
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinimumLength)
        {
            throw new ArgumentException($"a masking key must be at least {MinimumLength} characters long", nameof(secret));
        }

        return new MaskingKey(Encoding.UTF8.GetBytes(secret), source);
    }

    /// <summary>The key the settings name (settings.masking_key_env), or an error that names the variable and never its value.</summary>
    public static MaskingKey FromEnvironment(RefreshSettings settings, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var variable = settings.MaskingKeyEnv;
        var value = (environment ?? Environment.GetEnvironmentVariable)(variable);
        var problem = CredentialVariables.State(value) ?? (value!.Length < MinimumLength ? $"shorter than {MinimumLength} characters" : null);
        if (problem is not null)
        {
            throw new InvalidOperationException($"masking needs its key in the environment variable {variable}, which is {problem}; refusing to copy unmasked values");
        }

        return new MaskingKey(Encoding.UTF8.GetBytes(value!), $"the environment variable {variable}");
    }

    /// <summary>A sub-key for one purpose, so that no two uses of the secret share outputs.</summary>
    internal byte[] Derive(string purpose) => HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("datarefresh-masking-v1/" + purpose));

    public override string ToString() => $"masking key from {Source}";
}
