<#
.SYNOPSIS
The DataRefresh demo: refreshes a SQLite "UAT" shop database from its "production" twin, twice.

.DESCRIPTION
Run it with `dotnet pwsh ./build.ps1 demo`, which builds the module and passes its manifest. Needs nothing but the
.NET SDK: build/DemoData (a small console app) creates the databases, grows production between the two refreshes
and counts rows at the end. Everything lands in out/demo, which is wiped first. Exits 1 if a refresh fails or the
row counts of production.db and uat.db differ afterwards.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string]$ModulePath
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

$clock = [System.Diagnostics.Stopwatch]::StartNew()
$root = Split-Path -Parent $PSScriptRoot
$demoDir = Join-Path $root 'out/demo'
$config = Join-Path $demoDir 'refresh.yaml'
$script:demoData = $null

# Under build.ps1 the output is piped, not a terminal: no ANSI escapes then. Tables are laid out at least 160 wide
# (at 80, every plan reason wraps into a column four characters wide); a wider terminal gets its full width.
$script:tableWidth = 160
if ([Console]::IsOutputRedirected) {
    $PSStyle.OutputRendering = 'PlainText'
} elseif ($Host.UI.RawUI.WindowSize.Width -gt $script:tableWidth) {
    $script:tableWidth = $Host.UI.RawUI.WindowSize.Width
}

function Show-Table {
    <# Format-Table -AutoSize, written to the host now (so it stays in order with Write-Host) at the chosen width. #>
    param([Parameter(ValueFromPipeline)] [object]$InputObject)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { if ($null -ne $InputObject) { $items.Add($InputObject) } }
    end {
        if ($items.Count -eq 0) { Write-Host '  (nothing)'; return }
        $items | Format-Table -AutoSize | Out-String -Stream -Width $script:tableWidth |
            Where-Object { $_.Trim() } | ForEach-Object { Write-Host $_ }
    }
}

function Write-Step([string]$Title) {
    Write-Host ''
    Write-Host "== $Title ==" -ForegroundColor Cyan
}

function Invoke-DemoData {
    <# Runs the built DemoData app; prints its lines indented, or returns them with -PassThru. #>
    param([Parameter(Mandatory)] [string[]]$Arguments, [switch]$PassThru)
    $output = @(& dotnet $script:demoData @Arguments)
    if ($LASTEXITCODE -ne 0) { throw "DemoData $($Arguments -join ' ') exited with code $LASTEXITCODE" }
    if ($PassThru) { return $output }
    $output | ForEach-Object { Write-Host "  $_" }
}

function Get-RowCount([string]$Database) {
    $counts = [ordered]@{}
    foreach ($line in Invoke-DemoData -Arguments 'counts', $Database -PassThru) {
        $name, $count = $line -split ' ', 2
        $counts[$name] = [long]$count
    }
    $counts
}

function Invoke-Refresh([string]$Title) {
    <# One refresh: results shown as a table; a failed table fails the demo (after the rest are shown). #>
    Write-Step $Title
    # Continue: a failed table is reported as an error record and a result; show them all, then decide.
    $results = @(Invoke-TableRefresh -Config $config -Force -ErrorAction Continue)
    $results | Show-Table
    # Notes (a fallback, say) and errors are long: in full below the table rather than cut off in it.
    foreach ($result in $results | Where-Object { $_.Error -or $_.Note }) {
        Write-Host "  $($result.Table): $(if ($result.Error) { $result.Error } else { $result.Note })"
    }
    $failed = @($results | Where-Object Status -EQ 'Failed')
    if ($failed.Count -gt 0) {
        throw "$Title failed for $($failed.Count) table(s): $(($failed | ForEach-Object { "$($_.Table): $($_.Error)" }) -join '; ')"
    }
}

$exitCode = 0
try {
    Write-Step 'Building the demo data generator (build/DemoData)'
    $project = Join-Path $PSScriptRoot 'DemoData/DemoData.csproj'
    # Built once; every later call runs the assembly directly (dotnet run would check the build each time).
    $buildOutput = @(& dotnet build $project -c Release --nologo -v quiet)
    if ($LASTEXITCODE -ne 0) {
        $buildOutput | ForEach-Object { Write-Host $_ }
        throw "dotnet build $project exited with code $LASTEXITCODE"
    }
    # -getProperty only evaluates the project (no build): where the assembly just built is.
    $script:demoData = "$(& dotnet msbuild $project -p:Configuration=Release -getProperty:TargetPath)".Trim()
    if ($LASTEXITCODE -ne 0 -or -not $script:demoData -or -not (Test-Path -LiteralPath $script:demoData -PathType Leaf)) {
        throw "cannot find the DemoData assembly after building $project (msbuild reported '$($script:demoData)')"
    }
    Write-Host "  $($script:demoData)"

    Write-Step "Creating production.db and a stale uat.db in $demoDir"
    if (Test-Path -LiteralPath $demoDir) { Remove-Item -LiteralPath $demoDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $demoDir
    Invoke-DemoData -Arguments 'create', $demoDir

    Write-Step "Configuration: $config"
    # Relative SQLite paths resolve against this file's folder.
    $yaml = @'
# DataRefresh demo: copy the shop in production.db into uat.db.
databases:
  source:
    engine: sqlite
    database: production.db
  target:
    engine: sqlite
    database: uat.db
tables:
  - name: customers
    sync_mode: full_replace
    # orders references customers but is not emptied by this run: defer the foreign key checks to commit.
    # The reload keeps every customer id, so the commit passes.
    external_references: defer
  - name: products
    sync_mode: smart_sync
    incremental_column: last_modified
    incremental_type: datetime
    # A repriced product is a row uat already has: the incremental insert collides, and the table falls back
    # to a full reload, which empties products under order_lines: hence defer here too.
    fallback_to_full: true
    external_references: defer
  - name: orders
    sync_mode: incremental
    incremental_column: order_id
    incremental_type: identity
  - name: order_lines
    sync_mode: incremental
    incremental_column: id
    incremental_type: identity
  - name: daily_sales
    sync_mode: incremental
    incremental_column: report_date
    incremental_type: date
    # The last days' figures still change: re-copy the last 3 days each time.
    date_buffer_days: 3
settings:
  default_batch_size: 1000
'@
    [System.IO.File]::WriteAllText($config, $yaml, [System.Text.UTF8Encoding]::new($false))
    $yaml -split "`r?`n" | ForEach-Object { Write-Host "  $_" -ForegroundColor DarkGray }

    Import-Module $ModulePath -Force

    Write-Step 'Test-RefreshConfig'
    $checks = @(Test-RefreshConfig -Config $config)
    $checks | Show-Table
    $failedChecks = @($checks | Where-Object { "$($_.Outcome)" -eq 'Failed' })
    if ($failedChecks.Count -gt 0) { throw "Test-RefreshConfig reported $($failedChecks.Count) failed check(s)" }

    Write-Step 'Get-RefreshPlan (first refresh)'
    Get-RefreshPlan -Config $config | Show-Table

    Invoke-Refresh 'Invoke-TableRefresh (first refresh)'

    Write-Step 'Growing production: new customers, orders and daily sales; repriced products'
    Invoke-DemoData -Arguments 'grow', $demoDir

    Write-Step 'Get-RefreshPlan (second refresh)'
    Get-RefreshPlan -Config $config | Show-Table
    Write-Host '  products: the repriced rows are rows uat.db already has, so the incremental insert will meet them on the' -ForegroundColor DarkCyan
    Write-Host '  primary key; as the plan says, fallback_to_full then refreshes the whole table in full. That is the step to watch.' -ForegroundColor DarkCyan

    Invoke-Refresh 'Invoke-TableRefresh (second refresh): smart_sync falls back to a full refresh of products, as planned'

    Write-Step 'Get-RefreshHistory -Last 10'
    Get-RefreshHistory -Config $config -Last 10 | Show-Table
    Write-Host '  products has two rows in the second run: attempt 1 (Incremental) Failed on the repriced rows and attempt 2' -ForegroundColor DarkCyan
    Write-Host '  (Full) Succeeded. Every attempt is recorded; the run itself succeeded.' -ForegroundColor DarkCyan

    Write-Step 'Row counts: production.db vs uat.db'
    $production = Get-RowCount (Join-Path $demoDir 'production.db')
    $uat = Get-RowCount (Join-Path $demoDir 'uat.db')
    $comparison = @(foreach ($table in $production.Keys) {
            [pscustomobject]@{
                Table      = $table
                Production = $production[$table]
                UAT        = if ($uat.Contains($table)) { $uat[$table] } else { $null }
                Match      = $uat.Contains($table) -and $uat[$table] -eq $production[$table]
            }
        })
    $comparison | Show-Table
    $different = @($comparison | Where-Object { -not $_.Match })
    if ($different.Count -gt 0) {
        throw "row counts differ after the refresh: $(($different | ForEach-Object { "$($_.Table) production $($_.Production), uat $($_.UAT)" }) -join '; ')"
    }
    Write-Host ''
    Write-Host "Demo succeeded in $($clock.Elapsed.TotalSeconds.ToString('0.0', [cultureinfo]::InvariantCulture)) s: all $($comparison.Count) tables match." -ForegroundColor Green
} catch {
    Write-Host "Demo failed: $($_.Exception.Message)" -ForegroundColor Red
    if ($_.ScriptStackTrace) { Write-Host $_.ScriptStackTrace -ForegroundColor DarkGray }
    $exitCode = 1
}
exit $exitCode
