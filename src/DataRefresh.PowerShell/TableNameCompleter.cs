using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using DataRefresh.Configuration;

namespace DataRefresh.PowerShell;

/// <summary>
/// Tab completion for -Table: the table names configured in the -Config files already typed on the same command
/// line (overlays included). Reads the files only: no connection, no credentials needed, never an error at the
/// prompt (a config that does not load completes nothing).
/// </summary>
public sealed class TableNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        ArgumentNullException.ThrowIfNull(fakeBoundParameters);
        var paths = Strings(fakeBoundParameters["Config"]);
        if (paths.Count == 0)
        {
            return [];
        }

        IReadOnlyList<TableConfig> tables;
        try
        {
            var files = paths.Select(Resolve).ToList();

            // Credentials are not needed to list names: any variable the files name reads as set.
            tables = ConfigLoader.Load(files, _ => "completion").Tables;
        }
        catch (Exception ex) when (ex is ConfigValidationException or ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or RuntimeException or PSInvalidOperationException)
        {
            return [];
        }

        // Names already given earlier in the same -Table list are not offered again.
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        var given = Strings(fakeBoundParameters["Table"]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return tables.Select(t => t.Name)
            .Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && !given.Contains(n))
            .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n))
            .ToList();
    }

    /// <summary>
    /// As the cmdlet will resolve it: against the PowerShell location (~ and PSDrives too). Completion runs inside
    /// a pipeline, where the session state proxy is off limits, so ask a nested pipeline on the same runspace.
    /// </summary>
    private static string Resolve(string path)
    {
        if (Runspace.DefaultRunspace is null)
        {
            return Path.GetFullPath(path);
        }

        using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        ps.AddScript("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])").AddArgument(path);
        return ps.Invoke<string>().FirstOrDefault() ?? Path.GetFullPath(path);
    }

    private static List<string> Strings(object? value) => value switch
    {
        string s => [s],
        PSObject { BaseObject: var inner } => Strings(inner),
        IEnumerable items => items.Cast<object?>().SelectMany(Strings).ToList(),
        _ => [],
    };

    /// <summary>Names with spaces, quotes or PowerShell's special characters go in single quotes.</summary>
    private static string Quote(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') ? name : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
}
