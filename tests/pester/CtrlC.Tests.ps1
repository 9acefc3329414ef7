# Ctrl+C at a prompt, for real: a child pwsh on a pseudo-terminal (util-linux `script`) refreshes a PostgreSQL table
# that takes seconds to copy; the test types Ctrl+C (0x03) into the terminal once the server shows the COPY into
# that table, and reads the screen. (The progress bar is off in the child: `script` is no terminal emulator and never
# answers pwsh's cursor-position queries, which would make every redraw wait for a time-out.) Run through `dotnet pwsh ./build.ps1 test -Tier Pester` (DATAREFRESH_TEST_PG, DATAREFRESH_MODULE).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $skipReason = Get-PseudoTerminalSkipReason
    if (-not $skipReason -and -not $env:DATAREFRESH_TEST_PG) { $skipReason = 'DATAREFRESH_TEST_PG is not set: run through build.ps1 test' }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $dir = $null
    $fixture = $null
    if (-not $env:DATAREFRESH_TEST_PG -or (Get-PseudoTerminalSkipReason)) { return }
    $dir = New-TestDirectory -Prefix 'datarefresh-ctrlc'
    # small, and big, whose load takes about 10 s (New-PgSlowRefreshDatabase), so Ctrl+C surely lands mid-copy.
    $fixture = New-PgSlowRefreshDatabase -Prefix 'dr_ctrlc'
    $config = Write-Utf8File (Join-Path $dir 'refresh.yaml') @"
$($fixture.DatabasesYaml)
tables:
  - name: small
  - name: big
    fire_triggers: true
settings:
  default_batch_size: 1000
"@
    $child = Write-Utf8File (Join-Path $dir 'refresh.ps1') @"
`$ProgressPreference = 'SilentlyContinue'
Import-Module '$($env:DATAREFRESH_MODULE)'
Invoke-TableRefresh -Config '$config' -Force
"@
}

AfterAll {
    if ($fixture) { Remove-PgTestDatabase $fixture.Names }
    if ($dir) { Remove-TestDirectory $dir }
}

Describe 'Ctrl+C during Invoke-TableRefresh at a terminal' -Skip:([bool]$skipReason) {
    BeforeAll {
        $screen = Join-Path $dir 'screen.txt'
        $process = Start-PseudoTerminalPwsh -PwshArgument '-NoProfile', '-File', $child -ScreenFile $screen -Environment (Get-PgCredentialEnvironment)
        $sawCopy = Wait-PgCopy -Database $fixture.Target -Table big -Process $process
        # A child that already ended (the copy finished first) makes the assertions below say so.
        Send-CtrlC $process
        $exited = $process.WaitForExit(90000)
        if (-not $exited) { $process.Kill($true) }
        $text = Read-PseudoTerminalScreen $screen
    }

    AfterAll {
        if ($process) { $process.Dispose() }
    }

    It 'was stopped mid-copy and returned to the prompt' {
        $sawCopy | Should -BeTrue -Because "the COPY into big should run when Ctrl+C is typed; screen: $text"
        $exited | Should -BeTrue
    }

    It 'prints one line naming the table rolled back and the one already committed' {
        $lines = @($text -split "`r?`n" | Where-Object { $_ -match 'Ctrl\+C:' })
        $lines.Count | Should -Be 1 -Because "screen: $text"
        $lines[0] | Should -Match 'Ctrl\+C: rolled back big \(the target keeps its previous rows\); already committed: small'
    }

    It 'left the rolled-back table as it was' {
        Invoke-Psql -Database $fixture.Target -Sql 'SELECT count(*) FROM big' | Should -Be '5'
        Invoke-Psql -Database $fixture.Target -Sql 'SELECT count(*) FROM small' | Should -Be '10'
    }
}
