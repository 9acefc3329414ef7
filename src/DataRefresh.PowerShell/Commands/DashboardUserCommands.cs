using System.Management.Automation;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security;
using DataRefresh.Dashboard;

namespace DataRefresh.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Adds a local dashboard account, or changes its password, in a users file (names and salted PBKDF2-SHA256 hashes only).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "RefreshDashboardUser", SupportsShouldProcess = true)]
public sealed class SetRefreshDashboardUserCommand : PSCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string UsersFile { get; set; } = "";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>Prompted for (twice) when absent.</summary>
    [Parameter]
    public SecureString? Password { get; set; }

    protected override void EndProcessing()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(UsersFile);
        var password = Password ?? Prompt();
        if (password is null || !ShouldProcess($"{Name} in {path}", "Set dashboard user"))
        {
            return;
        }

        try
        {
            var added = DashboardUsers.Set(path, Name, password);
            WriteVerbose($"{(added ? "added" : "changed the password of")} {Name} in {path}");
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "DashboardUserNotSet", ErrorCategory.InvalidArgument, Name));
        }
    }

    private SecureString? Prompt()
    {
        Host.UI.Write($"Password for {Name}: ");
        var first = Host.UI.ReadLineAsSecureString();
        Host.UI.Write("Again: ");
        var second = Host.UI.ReadLineAsSecureString();
        if (new NetworkCredential("", first).Password != new NetworkCredential("", second).Password)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("the two passwords differ; nothing changed"), "PasswordsDiffer", ErrorCategory.InvalidArgument, Name));
        }

        return first;
    }
}

/// <summary>
/// <para type="synopsis">Removes a local dashboard account from a users file.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "RefreshDashboardUser", SupportsShouldProcess = true)]
public sealed class RemoveRefreshDashboardUserCommand : PSCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string UsersFile { get; set; } = "";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    protected override void EndProcessing()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(UsersFile);
        if (!ShouldProcess($"{Name} in {path}", "Remove dashboard user"))
        {
            return;
        }

        bool removed;
        try
        {
            removed = DashboardUsers.Remove(path, Name);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "DashboardUserNotRemoved", ErrorCategory.InvalidData, Name));
            return;
        }

        if (!removed)
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"{path} has no user named '{Name}'"), "DashboardUserNotFound", ErrorCategory.ObjectNotFound, Name));
        }
    }
}

/// <summary>The only code here that names the dashboard's users file (loaded on first use, not at Import-Module).</summary>
internal static class DashboardUsers
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Set(string path, string name, SecureString password) => UsersFile.Set(path, name, new NetworkCredential("", password).Password);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Remove(string path, string name) => UsersFile.Remove(path, name);
}
