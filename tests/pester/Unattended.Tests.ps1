# docs/unattended.md, for real: its job script (read from the document itself) runs in a child pwsh with the
# documented command line (pwsh -NoProfile -NonInteractive -File refresh-job.ps1 -Config …), against PostgreSQL
# databases made here, and the exit codes are the documented ones: 0 refreshed, 2 invalid configuration or no
# connection (one line, no stack trace), 3 stopped by SIGTERM or Ctrl+C (target intact), 4 a table failed (the
# others refreshed). Ctrl+C is typed into a pseudo-terminal (util-linux `script`) as in CtrlC.Tests.ps1. Run
# through `dotnet pwsh ./build.ps1 test -Tier Pester` (DATAREFRESH_TEST_PG, DATAREFRESH_MODULE).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $skipReason = if (-not $env:DATAREFRESH_TEST_PG) { 'DATAREFRESH_TEST_PG is not set: run through build.ps1 test' }
    $skipSignals = if ($IsWindows -or $IsMacOS) { 'needs SIGTERM, util-linux script and a pseudo-terminal (Linux)' } else { Get-PseudoTerminalSkipReason }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $dir = $null
    $fixture = $null
    if (-not $env:DATAREFRESH_TEST_PG) { return }
    $dir = New-TestDirectory -Prefix 'datarefresh-unattended'
    # small; bad, whose UAT side refuses ids above 5, so its refresh fails mid-copy; big, whose load takes about 10 s,
    # so a signal surely lands mid-copy (New-PgSlowRefreshDatabase).
    $fixture = New-PgSlowRefreshDatabase -Prefix 'dr_job' -WithFailingTable
    $databasesYaml = $fixture.DatabasesYaml
    $configs = @{
        ok          = Write-Utf8File (Join-Path $dir 'ok.yaml') "$databasesYaml`ntables:`n  - name: small`n"
        partial     = Write-Utf8File (Join-Path $dir 'partial.yaml') "$databasesYaml`ntables:`n  - name: bad`n  - name: small`nsettings:`n  max_retries: 0`n"
        invalid     = Write-Utf8File (Join-Path $dir 'invalid.yaml') "$databasesYaml`ntables:`n  - name: small`n    sync_mode: sometimes`n"
        unreachable = Write-Utf8File (Join-Path $dir 'unreachable.yaml') @"
databases:
  source: { engine: postgresql, server: 127.0.0.1, port: 1, database: nowhere, auth_type: sql }
  target: { engine: postgresql, server: 127.0.0.1, port: 1, database: nowhere_uat, auth_type: sql }
tables:
  - name: small
settings:
  connection_timeout: 2
  max_retries: 0
"@
        slow        = Write-Utf8File (Join-Path $dir 'slow.yaml') "$databasesYaml`ntables:`n  - name: small`n  - name: big`n    fire_triggers: true`nsettings:`n  default_batch_size: 1000`n"
    }

    # The job script exactly as docs/unattended.md gives it.
    $doc = [System.IO.File]::ReadAllText((Join-Path $PSScriptRoot '../../docs/unattended.md'))
    if ($doc -notmatch '(?s)```powershell\r?\n(# refresh-job\.ps1.*?)```') { throw 'docs/unattended.md has no ```powershell block starting "# refresh-job.ps1"' }
    $jobScript = Write-Utf8File (Join-Path $dir 'refresh-job.ps1') $Matches[1]

    # Import-Module DataRefresh finds the built module, as it finds an installed one.
    $moduleRoot = Split-Path -Parent (Split-Path -Parent $env:DATAREFRESH_MODULE)
    $childEnvironment = Get-PgCredentialEnvironment
    $childEnvironment['PSModulePath'] = $moduleRoot + [System.IO.Path]::PathSeparator + $env:PSModulePath
    # The documented command line: pwsh -NoProfile -NonInteractive -File refresh-job.ps1 -Config <file>.
    $how = Get-PwshInvocation
    $jobArguments = { param([string]$Config) @('-NoProfile', '-NonInteractive', '-File', $jobScript, '-Config', $Config) }
    $runJob = {
        param([string]$Config)
        Invoke-ChildPwsh -ScriptPath $jobScript -ArgumentList @('-Config', $Config) -Environment $childEnvironment -TimeoutSeconds 120
    }
    $count = { param([string]$Table) [int](Invoke-Psql -Database $fixture.Target -Sql "SELECT count(*) FROM $Table") }
    $lastBigStatus = { Invoke-Psql -Database $fixture.Target -Sql "SELECT status || ': ' || coalesce(error, '') FROM datarefresh_history WHERE table_name = 'big' ORDER BY started_at DESC LIMIT 1" }
}

AfterAll {
    if ($fixture) { Remove-PgTestDatabase $fixture.Names }
    if ($dir) { Remove-TestDirectory $dir }
}

Describe 'docs/unattended.md: the job script and its exit codes' -Skip:([bool]$skipReason) {
    It 'exits 0 when every table is refreshed' {
        $run = & $runJob $configs.ok
        $run.ExitCode | Should -Be 0 -Because $run.Output
        & $count 'small' | Should -Be 10
    }

    It 'exits 4 when one table fails, names it on one line, and still refreshes the others' {
        $run = & $runJob $configs.partial
        $run.ExitCode | Should -Be 4 -Because $run.Output
        & $count 'small' | Should -Be 10
        & $count 'bad' | Should -Be 3 -Because 'the failed table keeps its previous rows'
        # Before it, the table's own error (TableRefreshFailed) as PowerShell shows any error.
        $lines = @($run.StdErr -split "`r?`n" | Where-Object { $_ -match '^Invoke-TableRefresh: \d+ of \d+ tables' })
        $lines.Count | Should -Be 1 -Because $run.Output
        $lines[0] | Should -Match '^Invoke-TableRefresh: 1 of 2 tables were not refreshed: bad \(failed: .*bad_small_ids.*\) \(exit code 4\)$'
        Test-StackTraceText $run.Output | Should -BeFalse -Because $run.Output
    }

    It 'only raises the terminating error TablesFailed in a pwsh that is not -NonInteractive (a catch block sees it, the process is not ended)' {
        $probe = Write-Utf8File (Join-Path $dir 'interactive-probe.ps1') @"
Import-Module DataRefresh
try { Invoke-TableRefresh -Config '$($configs.partial)' -Force -FailOnError -ErrorAction SilentlyContinue | Out-Null; 'PROBE no error' }
catch { 'PROBE caught ' + `$_.FullyQualifiedErrorId + ': ' + `$_.Exception.Message }
'PROBE after'
"@
        $psi = [System.Diagnostics.ProcessStartInfo]::new($how.FilePath)
        foreach ($a in @($how.Prefix) + @('-NoProfile', '-File', $probe)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['NO_COLOR'] = '1'
        foreach ($key in $childEnvironment.Keys) { $psi.Environment[$key] = $childEnvironment[$key] }
        $process = [System.Diagnostics.Process]::Start($psi)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit(120000)) { $process.Kill($true) }
            $output = $stdout.GetAwaiter().GetResult() + "`n" + $stderr.GetAwaiter().GetResult()
            $process.ExitCode | Should -Be 0 -Because $output
            $output | Should -Match 'PROBE caught TablesFailed,DataRefresh\.PowerShell\.Commands\.InvokeTableRefreshCommand: 1 of 2 tables were not refreshed: bad \(failed: '
            $output | Should -Match 'PROBE after'
            $output | Should -Not -Match 'exit code'
        } finally {
            $process.Dispose()
        }
    }

    It 'exits 2 on an invalid configuration with one line and no stack trace' {
        $run = & $runJob $configs.invalid
        $run.ExitCode | Should -Be 2 -Because $run.Output
        $lines = @($run.Output -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 1 -Because $run.Output
        $lines[0] | Should -Match '^Invoke-TableRefresh: .*sync_mode.*sometimes.* \(exit code 2\)$'
        Test-StackTraceText $run.Output | Should -BeFalse
    }

    It 'refuses at once, changing nothing, when a job forgets -Confirm:$false and nobody can answer the prompt (<Name>)' -ForEach @(
        # A job's pwsh: exit code 2, as for any refusal before the first table.
        @{ Name = '-NonInteractive'; Arguments = @('-NoProfile', '-NonInteractive', '-File'); ExitCode = 2 }
        # Not a job's pwsh (the documented line has -NonInteractive): a statement-terminating error, which -File leaves at 0.
        @{ Name = 'standard input closed, as under cron'; Arguments = @('-NoProfile', '-File'); ExitCode = 0 }
    ) {
        $forgetful = Write-Utf8File (Join-Path $dir 'forgetful-job.ps1') "Import-Module DataRefresh`nInvoke-TableRefresh -Config '$($configs.partial)' -FailOnError`n"
        $before = & $count 'bad'
        $psi = [System.Diagnostics.ProcessStartInfo]::new($how.FilePath)
        foreach ($a in @($how.Prefix) + $Arguments + @($forgetful)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['NO_COLOR'] = '1'
        foreach ($key in $childEnvironment.Keys) { $psi.Environment[$key] = $childEnvironment[$key] }
        $process = [System.Diagnostics.Process]::Start($psi)
        try {
            $process.StandardInput.Close()
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit(120000)) { $process.Kill($true) }
            $output = $stdout.GetAwaiter().GetResult() + "`n" + $stderr.GetAwaiter().GetResult()
            # PowerShell's error view wraps the message in a bordered box when the process is not a job.
            $flat = (($output -split "`r?`n" | ForEach-Object { $_ -replace '^\s*\|\s?', '' }) -join ' ') -replace '\s+', ' '
            $flat | Should -Match 'nobody can answer here .*nothing was changed\. In a job, pass -Confirm:\$false or -Force' -Because $output
            $output | Should -Not -Match 'NullReferenceException|Object reference not set'
            $process.ExitCode | Should -Be $ExitCode -Because $output
            & $count 'bad' | Should -Be $before
        } finally {
            $process.Dispose()
        }
    }

    It 'exits 2 when a database cannot be reached, with one line naming it' {
        $run = & $runJob $configs.unreachable
        $run.ExitCode | Should -Be 2 -Because $run.Output
        $lines = @($run.Output -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 1 -Because $run.Output
        $lines[0] | Should -Match '^Invoke-TableRefresh: Cannot connect to the (source|target) database 127\.0\.0\.1:1/.* \(exit code 2\)$'
    }
}

Describe 'How -FailOnError tells a job''s pwsh from an interactive one' {
    BeforeAll {
        Import-Module $env:DATAREFRESH_MODULE -Force
        $type = [DataRefresh.PowerShell.Commands.JobExitCode]
    }

    It 'sees -NonInteractive and its abbreviations before -File or -Command, not after' -ForEach @(
        @{ Arguments = @('-NoProfile', '-NonInteractive', '-File', 'job.ps1'); Expected = $true }
        @{ Arguments = @('-noni', '-nop', '-f', 'job.ps1'); Expected = $true }
        @{ Arguments = @('/NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', 'x'); Expected = $true }
        @{ Arguments = @('-NoProfile', '-File', 'job.ps1', '-NonInteractive'); Expected = $false }
        @{ Arguments = @('-NoProfile', 'job.ps1', '-NonInteractive'); Expected = $false }
        @{ Arguments = @('-NoProfile', '-Command', '-NonInteractive'); Expected = $false }
        @{ Arguments = @('-non'); Expected = $false }
        @{ Arguments = @(); Expected = $false }
    ) {
        $type::IsNonInteractive([string[]]$Arguments) | Should -Be $Expected -Because ($Arguments -join ' ')
    }

    It 'puts a configuration''s list of errors on one line' {
        $type::OneLine("The configuration has 2 errors:`n  a.yaml:1: first`n  a.yaml:2: second") | Should -Be 'The configuration has 2 errors: a.yaml:1: first; a.yaml:2: second'
    }
}

Describe 'docs/unattended.md: a job stopped mid-refresh' -Skip:([bool]$skipReason -or [bool]$skipSignals) {
    It 'exits 3 on SIGTERM, rolls the table at work back and records it' {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($how.FilePath)
        foreach ($a in @($how.Prefix) + (& $jobArguments $configs.slow)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['NO_COLOR'] = '1'
        $psi.Environment['TERM'] = 'dumb'
        foreach ($key in $childEnvironment.Keys) { $psi.Environment[$key] = $childEnvironment[$key] }
        $process = [System.Diagnostics.Process]::Start($psi)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            $sawCopy = Wait-PgCopy -Database $fixture.Target -Table big -Process $process
            if (-not $process.HasExited) { & kill -TERM $process.Id }
            $exited = $process.WaitForExit(90000)
            if (-not $exited) { $process.Kill($true) }
            $output = $stdout.GetAwaiter().GetResult() + "`n" + $stderr.GetAwaiter().GetResult()
            $sawCopy | Should -BeTrue -Because "the COPY into big should run when SIGTERM is sent; output: $output"
            $exited | Should -BeTrue
            $process.ExitCode | Should -Be 3 -Because $output
            $output | Should -Match 'Invoke-TableRefresh: stopped by SIGTERM: .* \(exit code 3\)'
            & $count 'big' | Should -Be 5 -Because 'the table at work keeps its previous rows'
            & $lastBigStatus | Should -Match '^Failed: cancelled \(SIGTERM\)'
        } finally {
            $process.Dispose()
        }
    }

    It 'exits 3 on Ctrl+C at a terminal and leaves the table at work as it was' {
        # As in CtrlC.Tests.ps1 (Start-PseudoTerminalPwsh).
        $screen = Join-Path $dir 'screen.txt'
        $process = Start-PseudoTerminalPwsh -PwshArgument (& $jobArguments $configs.slow) -ScreenFile $screen -Environment $childEnvironment
        try {
            $sawCopy = Wait-PgCopy -Database $fixture.Target -Table big -Process $process
            Send-CtrlC $process
            $exited = $process.WaitForExit(90000)
            if (-not $exited) { $process.Kill($true) }
            $text = Read-PseudoTerminalScreen $screen
            $sawCopy | Should -BeTrue -Because "the COPY into big should run when Ctrl+C is typed; screen: $text"
            $exited | Should -BeTrue
            # script -e passes on the exit code of the command it ran.
            $process.ExitCode | Should -Be 3 -Because "screen: $text"
            $text | Should -Match 'Invoke-TableRefresh: stopped by Ctrl\+C'
            & $count 'big' | Should -Be 5
            & $lastBigStatus | Should -Match '^Failed: cancelled \(Ctrl\+C\)'
            & $count 'small' | Should -Be 10
        } finally {
            $process.Dispose()
        }
    }
}
