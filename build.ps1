<#
.SYNOPSIS
Builds and tests DataRefresh.

.DESCRIPTION
  dotnet tool restore
  dotnet pwsh ./build.ps1 [build]          out/DataRefresh, the importable module
  dotnet pwsh ./build.ps1 test [-Tier Unit,PostgreSql,SqlServer,Kerberos,Browser,Pester]
  dotnet pwsh ./build.ps1 demo | bench | clean
The pieces live in build/: Build.psm1 (build, clean), Test.psm1 (test tiers), PgCluster.psm1 (a throwaway
PostgreSQL cluster), Invoke-PesterTier.ps1 (Pester in a fresh process).
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)] [string]$Task = 'build',
    [string]$Configuration = 'Release',
    # test only: which tiers to run (comma-separated or an array); default all.
    [string[]]$Tier
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

$validTasks = 'build', 'test', 'demo', 'bench', 'clean'
if ($Task -notin $validTasks) {
    Write-Host "Unknown task '$Task'. Valid tasks: $($validTasks -join ', ')." -ForegroundColor Red
    exit 1
}

Import-Module (Join-Path $PSScriptRoot 'build/Build.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'build/Test.psm1') -Force

if ($Tier) {
    $Tier = @($Tier -split ',' | ForEach-Object Trim | Where-Object { $_ })
    $validTiers = Get-TestTierName
    $unknown = @($Tier | Where-Object { $_ -notin $validTiers })
    if ($unknown) {
        Write-Host "Unknown tier '$($unknown -join ', ')'. Valid tiers: $($validTiers -join ', ')." -ForegroundColor Red
        exit 1
    }
    if ($Task -ne 'test') { Write-Warning "-Tier applies to the test task only; ignored for '$Task'." }
} else {
    $Tier = Get-TestTierName
}

# Relative paths and `dotnet pwsh` (the tool manifest) both need the repository root as current directory.
Push-Location -LiteralPath $PSScriptRoot
$exitCode = 1
try {
    $exitCode = switch ($Task) {
        'clean' { Invoke-Clean; 0 }
        'build' { $null = Invoke-ModuleBuild -Configuration $Configuration; 0 }
        'test' {
            $manifest = Invoke-ModuleBuild -Configuration $Configuration
            # Fresh results every run, so nothing stale is read (by us or by CI).
            $resultsDir = Join-Path $PSScriptRoot 'out/test-results'
            if (Test-Path -LiteralPath $resultsDir) { Remove-Item -LiteralPath $resultsDir -Recurse -Force }
            Invoke-TestTask -ModuleManifest $manifest -Configuration $Configuration -Tier $Tier
        }
        'demo' {
            $manifest = Invoke-ModuleBuild -Configuration $Configuration
            Invoke-BuildScript -Name 'demo' -ModulePath $manifest
        }
        'bench' {
            $manifest = Invoke-ModuleBuild -Configuration $Configuration
            Invoke-BuildScript -Name 'bench' -ModulePath $manifest
        }
    }
} catch {
    Write-Host "build.ps1 $Task failed: $($_.Exception.Message)" -ForegroundColor Red
    Write-Host $_.ScriptStackTrace -ForegroundColor DarkGray
    $exitCode = 1
} finally {
    Pop-Location
}
exit $exitCode
