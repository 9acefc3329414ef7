<#
.SYNOPSIS
Runs the Pester tests in this (fresh) pwsh process and writes the counts as JSON for build.ps1.

.DESCRIPTION
build.ps1 test starts this with `dotnet pwsh -NoProfile -NonInteractive -File`, so the tests import the built
module into a process that has loaded nothing else. The tests read DATAREFRESH_MODULE (the built manifest),
DATAREFRESH_TEST_PG (when a throwaway PostgreSQL cluster runs) and DATAREFRESH_TEST_SQLCLIENT52.
Exit code 0 means the counts file was written, whatever the tests' outcome; anything else is a broken run.

.EXAMPLE
dotnet pwsh -NoProfile -File build/Invoke-PesterTier.ps1 -PesterPath ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1 -TestPath tests/pester -CountsFile out/test-results/Pester.counts.json
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string]$PesterPath,
    [Parameter(Mandatory)] [string]$TestPath,
    [Parameter(Mandatory)] [string]$CountsFile,
    [string]$TestResultFile,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')] [string]$Verbosity = 'Detailed',
    # This process's output is a pipe to build.ps1, so it cannot tell a terminal from a log file: build.ps1 says.
    [ValidateSet('Auto', 'Ansi', 'ConsoleColor', 'Plaintext')] [string]$RenderMode = 'Auto'
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

Import-Module $PesterPath -Force
$pester = Get-Module Pester
Write-Host "Pester $($pester.Version) from $($pester.ModuleBase); PowerShell $($PSVersionTable.PSVersion)"

$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Output.Verbosity = $Verbosity
$config.Output.RenderMode = $RenderMode
if ($TestResultFile) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $TestResultFile
}

$run = Invoke-Pester -Configuration $config

# A test file that fails before any of its tests fail (syntax error, failing BeforeDiscovery) would otherwise
# pass unnoticed: count each such file as one failure. (A failing top-level BeforeAll already fails its tests.)
$brokenFiles = @($run.Containers | Where-Object { "$($_.Result)" -eq 'Failed' -and $_.FailedCount -eq 0 })
$failed = $run.FailedCount + $brokenFiles.Count
# Skipped tests per tag (the test's own or any block's above it): the engine tags PostgreSql, SqlServer and Sqlite of
# Engines.Tests.ps1 say which engine's cases skipped, for CI (which requires PostgreSql and Sqlite to have none).
$skippedByTag = [ordered]@{}
foreach ($test in @($run.Tests | Where-Object { "$($_.Result)" -eq 'Skipped' })) {
    $tags = @($test.Tag)
    for ($block = $test.Block; $block; $block = $block.Parent) { $tags += @($block.Tag) }
    foreach ($tag in @($tags | Where-Object { $_ } | Sort-Object -Unique)) { $skippedByTag[$tag] = 1 + [int]$skippedByTag[$tag] }
}
$counts = [ordered]@{
    passed           = $run.PassedCount
    failed           = $failed
    skipped          = $run.SkippedCount
    notRun           = $run.NotRunCount
    total            = $run.TotalCount
    failedContainers = $run.FailedContainersCount
    failedBlocks     = $run.FailedBlocksCount
    result           = "$($run.Result)"
    skippedByTag     = $skippedByTag
}
$counts | ConvertTo-Json | Set-Content -LiteralPath $CountsFile -Encoding utf8NoBOM
exit 0
