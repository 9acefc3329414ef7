using System.Text.Json;

namespace DataRefresh.Dashboard;

/// <summary>
/// The dashboard's audit trail: one JSON line per sign-in failure, refused request and refresh trigger, appended to
/// a file (dashboard-audit.log beside the users file unless the host names another). Never a password.
/// </summary>
internal sealed class AuditLog(string path, TimeProvider clock)
{
    private readonly object _gate = new();

    public string Path { get; } = path;

    public void Write(string action, string? user, string? client, object? detail = null)
    {
        var line = JsonSerializer.Serialize(new { at = clock.GetUtcNow(), action, user, client, detail });
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            File.AppendAllText(Path, line + "\n");
        }
    }
}
