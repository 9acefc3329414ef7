# Build pieces used by build.ps1: running native commands, assembling out/DataRefresh, clean, optional scripts.

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

function Invoke-Native {
    <#
    .SYNOPSIS
    Runs a native command with its output shown on the host (never returned), and throws if it exits non-zero
    unless -AllowExitCode. Returns nothing, or the exit code with -PassExitCode.
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [string]$FilePath,
        [Parameter(Position = 1)] [string[]]$ArgumentList = @(),
        [switch]$PassExitCode
    )
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    # Out-Host: the output is for people; functions here return values, so it must not join their output.
    & $FilePath @ArgumentList | Out-Host
    $code = $LASTEXITCODE
    if ($PassExitCode) { return $code }
    if ($code -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' exited with code $code" }
}

function Get-RepoRoot { Split-Path -Parent $PSScriptRoot }

function Get-ModuleVersion {
    <#
    .SYNOPSIS
    The module version, from version.txt (one line, a System.Version such as 0.1.0).
    #>
    $file = Join-Path (Get-RepoRoot) 'version.txt'
    $text = (Get-Content -LiteralPath $file -Raw).Trim()
    $parsed = $null
    if (-not [version]::TryParse($text, [ref]$parsed) -or $text -notmatch '^\d+\.\d+\.\d+(\.\d+)?$') {
        throw "version.txt must hold one version such as 0.1.0 (a manifest ModuleVersion); found '$text'"
    }
    $text
}

function Copy-ManifestWithVersion {
    param([string]$Source, [string]$Destination, [string]$Version)
    $text = [System.IO.File]::ReadAllText($Source)
    $pattern = '(?m)^(\s*ModuleVersion\s*=\s*)([''"])[^''"\r\n]*\2'
    if ([regex]::Matches($text, $pattern).Count -ne 1) {
        throw "$Source must have exactly one line ModuleVersion = '...'"
    }
    $text = [regex]::Replace($text, $pattern, { param($m) "$($m.Groups[1].Value)'$Version'" })
    [System.IO.File]::WriteAllText($Destination, $text, [System.Text.UTF8Encoding]::new($false))
}

function Invoke-ModuleBuild {
    <#
    .SYNOPSIS
    Builds the engine and cmdlets and assembles out/DataRefresh from an explicit list of files.
    Returns the full path of out/DataRefresh/DataRefresh.psd1.
    #>
    [CmdletBinding()]
    param([string]$Configuration = 'Release')

    $root = Get-RepoRoot
    $version = Get-ModuleVersion
    $out = Join-Path $root 'out'
    $engineOut = Join-Path $out 'obj/engine'
    $moduleDir = Join-Path $out 'DataRefresh'
    Write-Host "Building DataRefresh $version ($Configuration)" -ForegroundColor Cyan

    # Fresh publish folder: deps/ is exactly what this publish produced, with no leftovers from older builds.
    if (Test-Path -LiteralPath $engineOut) { Remove-Item -LiteralPath $engineOut -Recurse -Force }
    # Framework-dependent and RID-less on purpose: runtimes/ (native SNI, e_sqlite3 for each platform) and
    # DataRefresh.Engine.deps.json come along, and the module's load context resolves from them.
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/DataRefresh.Engine/DataRefresh.Engine.csproj'),
        '-c', $Configuration, '-o', $engineOut, '--nologo')
    Invoke-Native dotnet @('build', (Join-Path $root 'src/DataRefresh.PowerShell/DataRefresh.PowerShell.csproj'),
        '-c', $Configuration, '--nologo')

    $cmdletBin = Join-Path $root "src/DataRefresh.PowerShell/bin/$Configuration/net8.0"
    foreach ($required in @((Join-Path $root 'DataRefresh.psd1'), (Join-Path $cmdletBin 'DataRefresh.dll'),
            (Join-Path $engineOut 'DataRefresh.Engine.dll'), (Join-Path $engineOut 'DataRefresh.Engine.deps.json'))) {
        if (-not (Test-Path -LiteralPath $required -PathType Leaf)) { throw "Build output is missing $required" }
    }

    # The module folder is exactly this list; nothing else lands in it.
    if (Test-Path -LiteralPath $moduleDir) { Remove-Item -LiteralPath $moduleDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleDir
    Copy-ManifestWithVersion -Source (Join-Path $root 'DataRefresh.psd1') -Destination (Join-Path $moduleDir 'DataRefresh.psd1') -Version $version
    Copy-Item -LiteralPath (Join-Path $cmdletBin 'DataRefresh.dll') -Destination $moduleDir
    $pdb = Join-Path $cmdletBin 'DataRefresh.pdb'
    if (Test-Path -LiteralPath $pdb) { Copy-Item -LiteralPath $pdb -Destination $moduleDir }
    Get-ChildItem -LiteralPath (Join-Path $root 'module') -File -ErrorAction SilentlyContinue |
        Where-Object { $_.Extension -in '.ps1xml', '.ps1' } |
        Copy-Item -Destination $moduleDir
    $helpSource = Join-Path $root 'module/en-US'
    if (Test-Path -LiteralPath $helpSource) {
        $helpItems = @(Get-ChildItem -LiteralPath $helpSource -Force)
        if ($helpItems.Count -gt 0) {
            $helpDir = New-Item -ItemType Directory -Path (Join-Path $moduleDir 'en-US')
            $helpItems | Copy-Item -Destination $helpDir -Recurse
        }
    }
    Copy-Item -LiteralPath $engineOut -Destination (Join-Path $moduleDir 'deps') -Recurse
    # The dashboard: its one assembly beside the engine (its only other dependency is ASP.NET Core), and the
    # ASP.NET Core runtime pack's managed assemblies for a pwsh without the shared framework (MSI, zip installs).
    $dashboardBin = Join-Path $root "src/DataRefresh.Dashboard/bin/$Configuration/net8.0"
    Copy-Item -LiteralPath (Join-Path $dashboardBin 'DataRefresh.Dashboard.dll') -Destination (Join-Path $moduleDir 'deps')
    $aspnet = Get-AspNetCorePack
    $null = New-Item -ItemType Directory -Path (Join-Path $moduleDir 'aspnetcore')
    Get-ChildItem -LiteralPath $aspnet -Filter '*.dll' | Copy-Item -Destination (Join-Path $moduleDir 'aspnetcore')

    $buildHelp = Join-Path $PSScriptRoot 'Build-Help.ps1'
    if (Test-Path -LiteralPath $buildHelp) {
        # A fresh process: help generation imports the module, which must not stay loaded in this one.
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', $buildHelp, '-ModulePath', $moduleDir)
    }

    $manifest = Join-Path $moduleDir 'DataRefresh.psd1'
    Write-Host "Module: $moduleDir" -ForegroundColor Green
    $manifest
}

function Get-AspNetCorePack {
    <#
    .SYNOPSIS
    The lib/net8.0 folder of the Microsoft.AspNetCore.App runtime pack for this OS, restored by the dashboard
    project's PackageDownload into the NuGet global packages folder.
    #>
    $listing = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw "dotnet nuget locals global-packages --list exited $LASTEXITCODE" }
    $line = @($listing | Where-Object { $_ -match '^\s*global-packages:\s*(.+?)\s*$' } | Select-Object -First 1)
    if ($line.Count -eq 0) { throw "Cannot find the NuGet global packages folder in: $($listing -join ' ')" }
    $packages = ([regex]::Match($line[0], '^\s*global-packages:\s*(.+?)\s*$')).Groups[1].Value
    # The versions of src/DataRefresh.Dashboard/DataRefresh.Dashboard.csproj's PackageDownload items.
    $rid, $version = if ($IsWindows) { 'win-x64', '8.0.33' } else { 'linux-x64', '8.0.34' }
    $lib = Join-Path $packages "microsoft.aspnetcore.app.runtime.$rid/$version/runtimes/$rid/lib/net8.0"
    if (-not (Test-Path -LiteralPath (Join-Path $lib 'Microsoft.AspNetCore.dll'))) {
        throw "The ASP.NET Core runtime pack is missing at $lib; restore src/DataRefresh.Dashboard first"
    }
    $lib
}

function Invoke-Clean {
    <#
    .SYNOPSIS
    Removes out/ and every bin/ and obj/ folder under src/, tests/ and build/.
    #>
    [CmdletBinding()]
    param()
    $root = Get-RepoRoot
    $targets = @(Join-Path $root 'out') + @(
        foreach ($top in 'src', 'tests', 'build') {
            $dir = Join-Path $root $top
            if (Test-Path -LiteralPath $dir) {
                Get-ChildItem -LiteralPath $dir -Directory -Recurse -Force |
                    Where-Object { $_.Name -in 'bin', 'obj' } | ForEach-Object FullName
            }
        })
    foreach ($target in $targets) {
        # Skip folders already removed with a parent (src/x/bin/.../obj, say).
        if (Test-Path -LiteralPath $target) {
            Write-Host "Removing $target"
            Remove-Item -LiteralPath $target -Recurse -Force
        }
    }
}

function Invoke-BuildScript {
    <#
    .SYNOPSIS
    Runs build/<Name>.ps1 in a fresh pwsh with -ModulePath <manifest>; returns its exit code.
    #>
    param(
        [Parameter(Mandatory)] [string]$Name,
        [Parameter(Mandatory)] [string]$ModulePath
    )
    $script = Join-Path $PSScriptRoot "$Name.ps1"
    Invoke-Native dotnet @('pwsh', '-NoProfile', '-File', $script, '-ModulePath', $ModulePath) -PassExitCode
}

Export-ModuleMember -Function Invoke-Native, Get-RepoRoot, Get-ModuleVersion, Invoke-ModuleBuild, Invoke-Clean, Invoke-BuildScript
