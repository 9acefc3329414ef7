using System.Management.Automation.Host;

namespace DataRefresh.PowerShell.Commands;

/// <summary>
/// The exit codes of Invoke-TableRefresh -FailOnError in a job (docs/unattended.md). 1 is left to pwsh itself
/// (an uncaught error in the job script, such as a module that does not load) and 64 to a pwsh command line it
/// cannot run, so neither is ever mistaken for a DataRefresh outcome.
/// </summary>
public static class JobExitCode
{
    /// <summary>The configuration is invalid, a database cannot be reached, or the run was refused before any table.</summary>
    public const int CannotRun = 2;

    /// <summary>Ctrl+C or SIGTERM: the table in progress was rolled back.</summary>
    public const int Cancelled = 3;

    /// <summary>Every table was tried and at least one was not refreshed; the others were.</summary>
    public const int TablesFailed = 4;

    /// <summary>
    /// Whether this is a job's pwsh: the console host started with -NonInteractive (any accepted abbreviation, before
    /// the -File or -Command that starts the script). Only there does -FailOnError set the exit code, since at an
    /// interactive prompt that would close the DBA's window.
    /// </summary>
    public static bool IsJobProcess(PSHost? host) =>
        host?.Name == "ConsoleHost" && IsNonInteractive(Environment.GetCommandLineArgs().Skip(1));

    /// <summary>Whether pwsh arguments (without the program) ask for -NonInteractive before the script starts.</summary>
    public static bool IsNonInteractive(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            if (argument.Length < 2 || argument[0] is not ('-' or '/'))
            {
                continue;
            }

            var key = argument.TrimStart('-', '/');
            if (key.Length >= 4 && "noninteractive".StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (key.Length > 0 && (Starts("file", key) || Starts("command", key) || Starts("commandwithargs", key) || Starts("encodedcommand", key)))
            {
                break;
            }
        }

        return false;

        static bool Starts(string name, string key) => name.StartsWith(key, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A message on one line: a configuration's list of errors becomes "…: first; second".</summary>
    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = message.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var text = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (text.Length > 0)
            {
                text.Append(text[^1] == ':' ? " " : "; ");
            }

            text.Append(line);
        }

        return text.ToString();
    }
}
