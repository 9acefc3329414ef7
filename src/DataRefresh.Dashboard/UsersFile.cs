using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataRefresh.Dashboard;

/// <summary>
/// The dashboard's local accounts: a JSON file of names and salted PBKDF2-SHA256 hashes (no passwords, no roles:
/// roles come from the configuration only). Written by Set-RefreshDashboardUser and Remove-RefreshDashboardUser.
/// </summary>
public sealed class UsersFile
{
    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256.</summary>
    public const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Scheme = "pbkdf2-sha256";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>What an unknown name is checked against, so it costs as much as a known one.</summary>
    private static readonly Lazy<string> Decoy = new(() => Hash("decoy-" + Guid.NewGuid().ToString("N")));

    private readonly Dictionary<string, string> _hashes;

    private UsersFile(Dictionary<string, string> hashes) => _hashes = hashes;

    public IReadOnlyCollection<string> Names => _hashes.Keys;

    /// <summary>Read the file; a file that does not exist yet holds no one.</summary>
    public static UsersFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return new UsersFile(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
        }

        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a dashboard users file (line {ex.LineNumber + 1}): {ex.Message.Split('.')[0]}", ex);
        }

        var hashes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in document?.Users ?? [])
        {
            if (string.IsNullOrWhiteSpace(user.Name) || user.Hash?.StartsWith(Scheme + "$", StringComparison.Ordinal) != true)
            {
                throw new InvalidDataException($"{path}: every user needs a name and a {Scheme} hash");
            }

            hashes[user.Name] = user.Hash;
        }

        return new UsersFile(hashes);
    }

    /// <summary>Add or change a user's password. Returns whether the user was new.</summary>
    public static bool Set(string path, string name, string password)
    {
        CheckName(name);
        if (string.IsNullOrEmpty(password))
        {
            throw new ArgumentException("the password must not be empty", nameof(password));
        }

        var users = Load(path);
        var added = !users._hashes.ContainsKey(name);
        users._hashes.Remove(name);
        users._hashes[name] = Hash(password);
        users.Save(path);
        return added;
    }

    /// <summary>Remove a user. Returns whether the user was there.</summary>
    public static bool Remove(string path, string name)
    {
        var users = Load(path);
        if (!users._hashes.Remove(name))
        {
            return false;
        }

        users.Save(path);
        return true;
    }

    /// <summary>Check a password in constant time; returns the name as the file spells it, or null.</summary>
    public string? Verify(string name, string password)
    {
        var known = _hashes.TryGetValue(name, out var stored);
        var ok = Check(stored ?? Decoy.Value, password) && known;
        return ok ? _hashes.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) : null;
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 256 || name.Any(char.IsControl) || name.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a user name: give 1 to 256 characters, no colon or control characters", nameof(name));
        }
    }

    private static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    private static bool Check(string stored, string password)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var document = new Document { Users = [.. _hashes.OrderBy(u => u.Key, StringComparer.OrdinalIgnoreCase).Select(u => new User { Name = u.Key, Hash = u.Value })] };
        var temp = full + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(document, Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, full, overwrite: true);
    }

    private sealed class Document
    {
        [JsonPropertyName("users")]
        public List<User> Users { get; set; } = [];
    }

    private sealed class User
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = "";

        [JsonPropertyName("hash")]
        public string Hash { get; set; } = "";
    }
}
