# The test task: tiers Unit, PostgreSql, SqlServer, Kerberos, Browser (xunit through dotnet test, one TRX each) and Pester (a fresh
# pwsh), a throwaway PostgreSQL cluster for the tiers that need it, out/test-results/tiers.json and a summary
# whose last line is "N passed, N failed, N skipped".

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

Import-Module (Join-Path $PSScriptRoot 'Build.psm1')
Import-Module (Join-Path $PSScriptRoot 'PgCluster.psm1')

# In run order. Unit is everything not marked with an engine category (or Kerberos: the dashboard's Negotiate
# sign-in against a throwaway MIT Kerberos realm, which needs the krb5 programs; or Browser: the dashboard in headless
# Chromium through Playwright, which needs /usr/bin/chromium or DATAREFRESH_CHROMIUM).
$script:Tiers = [ordered]@{
    Unit       = 'Category!=PostgreSql&Category!=SqlServer&Category!=Kerberos&Category!=Browser'
    PostgreSql = 'Category=PostgreSql'
    SqlServer  = 'Category=SqlServer'
    Kerberos   = 'Category=Kerberos'
    Browser    = 'Category=Browser'
    Pester     = $null
}
$script:PesterVersion = '6.2.0'
$script:SqlClientCoexistVersion = '5.2.2'

function Get-TestTierName { [string[]]$script:Tiers.Keys }

function New-TierResult {
    param([string]$Name, [string]$Status, [string]$Reason, [int]$Passed = 0, [int]$Failed = 0, [int]$Skipped = 0)
    [pscustomobject][ordered]@{ name = $Name; status = $Status; reason = $(if ($Reason) { $Reason } else { $null }); passed = $Passed; failed = $Failed; skipped = $Skipped }
}

function Complete-TierResult {
    # A tier that ran no test at all (all skipped, or none matched) is reported as skipped.
    param([Parameter(Mandatory)] $Result, [string]$AllSkippedReason)
    if ($Result.status -eq 'ran' -and ($Result.passed + $Result.failed) -eq 0) {
        $Result.status = 'skipped'
        $Result.reason = if ($Result.skipped -gt 0) {
            if ($AllSkippedReason) { $AllSkippedReason } else { "all $($Result.skipped) tests skipped themselves" }
        } else { 'no tests ran' }
    }
    $Result
}

function Read-TrxResult {
    <#
    .SYNOPSIS
    Sums one or more VSTest TRX files: passed/failed from ResultSummary/Counters (error, timeout and aborted count
    as failed), skipped = UnitTestResult elements with outcome NotExecuted.
    #>
    param([Parameter(Mandatory)] [string[]]$Path)
    $ns = @{ t = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010' }
    $sum = [ordered]@{ total = 0; executed = 0; passed = 0; failed = 0; skipped = 0 }
    foreach ($file in $Path) {
        $xml = [xml][System.IO.File]::ReadAllText($file)
        $counters = (Select-Xml -Xml $xml -XPath '/t:TestRun/t:ResultSummary/t:Counters' -Namespace $ns | Select-Object -First 1)
        if (-not $counters) { throw "$file has no ResultSummary/Counters" }
        $c = $counters.Node
        $n = { param($attr) $v = $c.GetAttribute($attr); if ($v) { [int]$v } else { 0 } }
        $sum.total += & $n 'total'
        $sum.executed += & $n 'executed'
        $sum.passed += & $n 'passed'
        $sum.failed += (& $n 'failed') + (& $n 'error') + (& $n 'timeout') + (& $n 'aborted')
        $sum.skipped += @(Select-Xml -Xml $xml -XPath "/t:TestRun/t:Results/t:UnitTestResult[@outcome='NotExecuted']" -Namespace $ns).Count
    }
    [pscustomobject]$sum
}

function Invoke-DotnetTestTier {
    param(
        [Parameter(Mandatory)] [string]$Name,
        [Parameter(Mandatory)] [string]$Project,
        [Parameter(Mandatory)] [string]$Filter,
        [Parameter(Mandatory)] [string]$Configuration,
        [Parameter(Mandatory)] [string]$ResultsDirectory,
        [string]$AllSkippedReason
    )
    Write-Host ''
    Write-Host "=== Tier $Name ($Filter)" -ForegroundColor Cyan
    Get-ChildItem -LiteralPath $ResultsDirectory -Filter "$Name*.trx" -File -ErrorAction SilentlyContinue | Remove-Item -Force
    $code = Invoke-Native dotnet @('test', $Project, '-c', $Configuration, '--no-build', '--nologo',
        '--filter', $Filter,
        # A hung test ends the run (status failed-to-run) instead of eating CI's time budget.
        '--blame-hang-timeout', '15m', '--blame-hang-dump-type', 'none',
        '--logger', "trx;LogFileName=$Name.trx",
        '--results-directory', $ResultsDirectory) -PassExitCode

    # Multi-targeted projects may write one TRX per framework; the results folder was emptied for this run.
    $trx = @(Get-ChildItem -LiteralPath $ResultsDirectory -Filter "$Name*.trx" -File -ErrorAction SilentlyContinue | ForEach-Object FullName)
    if ($trx.Count -eq 0) {
        if ($code -eq 0) { return Complete-TierResult (New-TierResult $Name 'ran' $null) }
        return New-TierResult $Name 'failed-to-run' "dotnet test exited $code and wrote no TRX"
    }
    try {
        $counts = Read-TrxResult -Path $trx
    } catch {
        return New-TierResult $Name 'failed-to-run' "could not read $($trx -join ', '): $($_.Exception.Message)"
    }
    $result = New-TierResult $Name 'ran' $null $counts.passed $counts.failed $counts.skipped
    if ($code -ne 0 -and $counts.failed -eq 0) {
        # A non-zero exit with no failed test: the run itself broke (test host crash, bad filter, ...).
        $result.status = 'failed-to-run'
        $result.reason = "dotnet test exited $code with no failed test (see its output above)"
        return $result
    }
    Complete-TierResult $result -AllSkippedReason $AllSkippedReason
}

function Get-TestTool {
    <#
    .SYNOPSIS
    Restores tests/TestTools (Pester, the SqlClient for coexistence tests) and returns their paths in the NuGet
    global packages folder.
    #>
    $root = Get-RepoRoot
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/TestTools/TestTools.csproj'), '--nologo')
    $listing = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw "dotnet nuget locals global-packages --list exited $LASTEXITCODE" }
    $line = @($listing | Where-Object { $_ -match '^\s*global-packages:\s*(.+?)\s*$' } | Select-Object -First 1)
    if ($line.Count -eq 0) { throw "Cannot find the NuGet global packages folder in: $($listing -join ' ')" }
    $packages = ([regex]::Match($line[0], '^\s*global-packages:\s*(.+?)\s*$')).Groups[1].Value

    $pester = Join-Path $packages "pester/$script:PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $pester)) { throw "Pester $script:PesterVersion not found at $pester after restore" }
    $os = if ($IsWindows) { 'win' } else { 'unix' }
    $sqlClient = Join-Path $packages "microsoft.data.sqlclient/$script:SqlClientCoexistVersion/runtimes/$os/lib/net8.0/Microsoft.Data.SqlClient.dll"
    if (-not (Test-Path -LiteralPath $sqlClient)) {
        Write-Warning "Microsoft.Data.SqlClient $script:SqlClientCoexistVersion not found at $sqlClient"
        $sqlClient = $null
    }
    [pscustomobject]@{ Pester = $pester; SqlClient52 = $sqlClient }
}

function Invoke-PesterTier {
    param(
        [Parameter(Mandatory)] [string]$ModuleManifest,
        [Parameter(Mandatory)] [string]$ResultsDirectory
    )
    $name = 'Pester'
    Write-Host ''
    Write-Host "=== Tier $name" -ForegroundColor Cyan
    $root = Get-RepoRoot
    $testDir = Join-Path $root 'tests/pester'
    if (-not (Get-ChildItem -LiteralPath $testDir -Filter '*.Tests.ps1' -File -Recurse -ErrorAction SilentlyContinue)) {
        return New-TierResult $name 'skipped' 'no tests ran'
    }
    try {
        $tools = Get-TestTool
    } catch {
        return New-TierResult $name 'failed-to-run' "test tools did not restore: $($_.Exception.Message)"
    }

    $countsFile = Join-Path $ResultsDirectory 'Pester.counts.json'
    Remove-Item -LiteralPath $countsFile -Force -ErrorAction SilentlyContinue
    $env:DATAREFRESH_MODULE = $ModuleManifest
    $env:DATAREFRESH_TEST_SQLCLIENT52 = $tools.SqlClient52
    # Colour for a terminal, plain text for a log file (CI).
    $renderMode = if ([Console]::IsOutputRedirected -or $env:NO_COLOR) { 'Plaintext' } else { 'Ansi' }
    $code = Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Invoke-PesterTier.ps1'),
        '-PesterPath', $tools.Pester,
        '-TestPath', $testDir,
        '-CountsFile', $countsFile,
        '-TestResultFile', (Join-Path $ResultsDirectory 'Pester.xml'),
        '-RenderMode', $renderMode) -PassExitCode
    if (-not (Test-Path -LiteralPath $countsFile)) {
        return New-TierResult $name 'failed-to-run' "the Pester runner exited $code without writing $countsFile"
    }
    $counts = Get-Content -LiteralPath $countsFile -Raw | ConvertFrom-Json
    $result = New-TierResult $name 'ran' $null $counts.passed $counts.failed $counts.skipped
    # Which engines' cases skipped (tags of Engines.Tests.ps1): .ci/run requires none for PostgreSql and Sqlite.
    $byTag = [ordered]@{}
    if ($counts.PSObject.Properties['skippedByTag'] -and $counts.skippedByTag) {
        foreach ($p in $counts.skippedByTag.PSObject.Properties) { $byTag[$p.Name] = [int]$p.Value }
    }
    $result | Add-Member -NotePropertyName skippedByTag -NotePropertyValue ([pscustomobject]$byTag)
    Complete-TierResult $result
}

function Set-EnvironmentVariable {
    # Sets variables, returning the old values for Restore-EnvironmentVariable.
    param([hashtable]$Values)
    $old = @{}
    foreach ($key in $Values.Keys) {
        $old[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, $Values[$key])
    }
    $old
}

function Restore-EnvironmentVariable([hashtable]$Old) {
    foreach ($key in $Old.Keys) { [Environment]::SetEnvironmentVariable($key, $Old[$key]) }
}

function Invoke-TestTask {
    <#
    .SYNOPSIS
    Runs the selected tiers against a built module, writes out/test-results/tiers.json, prints the summary.
    Returns the process exit code: 0 only if no test failed and every tier ran or was skipped.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string]$ModuleManifest,
        [string]$Configuration = 'Release',
        [string[]]$Tier = (Get-TestTierName)
    )
    $root = Get-RepoRoot
    $resultsDir = Join-Path $root 'out/test-results'
    if (-not (Test-Path -LiteralPath $resultsDir)) { $null = New-Item -ItemType Directory -Path $resultsDir }
    $selected = @(Get-TestTierName | Where-Object { $_ -in $Tier })
    $results = [System.Collections.Generic.List[object]]::new()
    $testProjectDir = Join-Path $root 'tests/DataRefresh.Engine.Tests'
    $savedEnv = Set-EnvironmentVariable @{
        DATAREFRESH_MODULE = $null; DATAREFRESH_TEST_PG = $null; DATAREFRESH_TEST_SQLCLIENT52 = $null
        # The Browser tier's screenshots, kept with the other results (tests/…/Dashboard/BrowserFixture.cs).
        DATAREFRESH_SCREENSHOTS = (Join-Path $resultsDir 'screenshots')
    }
    $pg = $null
    $pgState = $null   # $null: not tried; else a tier result template for PostgreSql when it is unavailable

    try {
        # The xunit tiers share one build of the test project, so a compile error is reported once, as such.
        $xunitState = $null
        if ($selected | Where-Object { $null -ne $script:Tiers[$_] }) {
            $testProject = @(Get-ChildItem -LiteralPath $testProjectDir -Filter '*.csproj' -File -ErrorAction SilentlyContinue)
            if ($testProject.Count -ne 1) {
                $xunitState = "expected one test project in tests/DataRefresh.Engine.Tests, found $($testProject.Count)"
            } else {
                $code = Invoke-Native dotnet @('build', $testProject[0].FullName, '-c', $Configuration, '--nologo') -PassExitCode
                if ($code -ne 0) { $xunitState = "the test project failed to build (dotnet build exited $code)" }
            }
        }

        foreach ($name in $selected) {
            $needsPg = $name -eq 'Pester' -or ($name -eq 'PostgreSql' -and -not $xunitState)
            if ($needsPg -and -not $pgState) {
                $pgState = 'tried'
                $pre = Get-PgClusterPrerequisite
                if (-not $pre.Available) {
                    $pgState = New-TierResult 'PostgreSql' 'skipped' $pre.Reason
                    Write-Host "No throwaway PostgreSQL cluster: $($pre.Reason)" -ForegroundColor Yellow
                } else {
                    try {
                        $pg = Start-PgCluster
                        $env:DATAREFRESH_TEST_PG = $pg.ConnectionString
                        Write-Host "PostgreSQL $($pg.ServerVersion) on 127.0.0.1:$($pg.Port) (data in $($pg.RootDirectory))" -ForegroundColor Green
                    } catch {
                        $pgState = New-TierResult 'PostgreSql' 'failed-to-run' "the throwaway PostgreSQL cluster did not start: $($_.Exception.Message)"
                        Write-Host $pgState.reason -ForegroundColor Red
                    }
                }
            }

            $result = switch ($name) {
                'Pester' {
                    Invoke-PesterTier -ModuleManifest $ModuleManifest -ResultsDirectory $resultsDir
                }
                default {
                    if ($xunitState) {
                        New-TierResult $name 'failed-to-run' $xunitState
                    } elseif ($name -eq 'PostgreSql' -and $pgState -isnot [string]) {
                        $pgState
                    } else {
                        $allSkipped = if ($name -eq 'SqlServer' -and -not $env:DATAREFRESH_TEST_SQLSERVER) { 'no Docker engine and no DATAREFRESH_TEST_SQLSERVER' }
                        elseif ($name -eq 'Kerberos') { 'no throwaway Kerberos realm: krb5kdc, kdb5_util, kadmin.local, kinit or a curl with SPNEGO is missing (Debian: krb5-kdc krb5-admin-server krb5-user curl)' }
                        elseif ($name -eq 'Browser') {
                            $chromium = if ($env:DATAREFRESH_CHROMIUM) { $env:DATAREFRESH_CHROMIUM } else { '/usr/bin/chromium' }
                            "no Chromium at $chromium (set DATAREFRESH_CHROMIUM, or Debian: apt-get install chromium)"
                        }
                        Invoke-DotnetTestTier -Name $name -Project $testProject[0].FullName -Filter $script:Tiers[$name] `
                            -Configuration $Configuration -ResultsDirectory $resultsDir -AllSkippedReason $allSkipped
                    }
                }
            }
            $results.Add($result)
        }
    } finally {
        if ($pg) {
            Stop-PgCluster $pg
            Write-Host "PostgreSQL on port $($pg.Port) stopped and removed"
        }
        Restore-EnvironmentVariable $savedEnv
    }

    ConvertTo-Json -InputObject @($results) -Depth 3 | Set-Content -LiteralPath (Join-Path $resultsDir 'tiers.json') -Encoding utf8NoBOM

    $passed = [int]($results | Measure-Object passed -Sum).Sum
    $failed = [int]($results | Measure-Object failed -Sum).Sum
    $skipped = [int]($results | Measure-Object skipped -Sum).Sum
    $brokenTiers = @($results | Where-Object status -EQ 'failed-to-run')
    Write-Host ''
    Write-Host 'Test tiers:'
    foreach ($r in $results) {
        $color = switch ($r.status) { 'ran' { if ($r.failed) { 'Red' } else { 'Green' } } 'skipped' { 'Yellow' } default { 'Red' } }
        $line = '  {0,-11} {1,-14} passed {2}, failed {3}, skipped {4}' -f $r.name, $r.status, $r.passed, $r.failed, $r.skipped
        if ($r.reason) { $line += " ($($r.reason))" }
        if ($r.PSObject.Properties['skippedByTag'] -and @($r.skippedByTag.PSObject.Properties).Count) {
            $line += ' (skipped by tag: ' + (@($r.skippedByTag.PSObject.Properties | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', ') + ')'
        }
        Write-Host $line -ForegroundColor $color
    }
    # The very last line of the run, for people and CI alike.
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -eq 0 -and $brokenTiers.Count -eq 0) { 0 } else { 1 }
}

Export-ModuleMember -Function Invoke-TestTask, Get-TestTierName, Read-TrxResult, Get-TestTool
