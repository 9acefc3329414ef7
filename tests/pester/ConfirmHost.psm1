# Answers ShouldProcess prompts the way a DBA at the console would, so -Confirm can be tested end to end:
# a PowerShell host whose PromptForChoice says No when the prompt names one of the given targets, Yes otherwise,
# and remembers every prompt and warning. Commands run in a runspace of their own that uses this host.

$script:HostSource = @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace DataRefreshTests
{
    public sealed class AnsweringUserInterface : PSHostUserInterface
    {
        private readonly string[] _declineWhenContains;

        public AnsweringUserInterface(string[] declineWhenContains) { _declineWhenContains = declineWhenContains; }

        public List<string> Prompts { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(message);
            var label = _declineWhenContains.Any(t => message.Contains(t)) ? "&No" : "&Yes";
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i].Label == label) { return i; }
            }

            throw new InvalidOperationException("the prompt offers no " + label + ": " + string.Join(", ", choices.Select(c => c.Label)));
        }

        public override PSHostRawUserInterface RawUI { get { return null; } }
        public override string ReadLine() { throw new NotSupportedException("ReadLine"); }
        public override SecureString ReadLineAsSecureString() { throw new NotSupportedException("ReadLineAsSecureString"); }
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { Warnings.Add(message); }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { throw new NotSupportedException("Prompt"); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) { throw new NotSupportedException("PromptForCredential"); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) { throw new NotSupportedException("PromptForCredential"); }
    }

    public sealed class AnsweringHost : PSHost
    {
        private readonly AnsweringUserInterface _ui;
        private readonly Guid _id = Guid.NewGuid();

        public AnsweringHost(string[] declineWhenContains) { _ui = new AnsweringUserInterface(declineWhenContains); }

        public AnsweringUserInterface Answers { get { return _ui; } }
        public override string Name { get { return "DataRefreshTestHost"; } }
        public override Version Version { get { return new Version(1, 0); } }
        public override Guid InstanceId { get { return _id; } }
        public override PSHostUserInterface UI { get { return _ui; } }
        public override CultureInfo CurrentCulture { get { return CultureInfo.InvariantCulture; } }
        public override CultureInfo CurrentUICulture { get { return CultureInfo.InvariantCulture; } }
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() { throw new NotSupportedException("EnterNestedPrompt"); }
        public override void ExitNestedPrompt() { throw new NotSupportedException("ExitNestedPrompt"); }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }
}
'@

function Invoke-WithConfirmAnswer {
    <#
    .SYNOPSIS
    Runs a script block's text in a fresh runspace whose host answers every confirmation prompt: No when the prompt
    contains one of -DeclineWhere, Yes otherwise. Returns Output, Errors, Warnings (the streams) and Prompts (each
    prompt's message, in order).
    #>
    param(
        [Parameter(Mandatory)] [string]$Script,
        [object[]]$ArgumentList = @(),
        [string[]]$DeclineWhere = @()
    )
    if (-not ('DataRefreshTests.AnsweringHost' -as [type])) { Add-Type -TypeDefinition $script:HostSource }
    $answeringHost = [DataRefreshTests.AnsweringHost]::new([string[]]$DeclineWhere)
    $runspace = [runspacefactory]::CreateRunspace($answeringHost)
    $runspace.Open()
    $ps = [powershell]::Create()
    try {
        $ps.Runspace = $runspace
        $null = $ps.AddScript($Script)
        foreach ($a in $ArgumentList) { $null = $ps.AddArgument($a) }
        $output = @($ps.Invoke())
        [pscustomobject]@{
            Output   = $output
            Errors   = @($ps.Streams.Error)
            Prompts  = @($answeringHost.Answers.Prompts)
            Warnings = @($ps.Streams.Warning | ForEach-Object Message) + @($answeringHost.Answers.Warnings)
        }
    } finally {
        $ps.Dispose()
        $runspace.Dispose()
    }
}

Export-ModuleMember -Function Invoke-WithConfirmAnswer
