# Pieces of build/bench.ps1: psql and the OS pipe, the child pwsh that runs Invoke-TableRefresh, statistics,
# and reading the PostgreSQL server log for the diagnostic run.

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

$script:Inv = [System.Globalization.CultureInfo]::InvariantCulture

function Invoke-BenchPsql {
    <#
    .SYNOPSIS
    Runs psql against one database of the bench cluster, one -c per statement (so VACUUM runs outside a
    transaction block). Returns the output lines (unaligned, tuples only); throws on any error.
    #>
    param(
        [Parameter(Mandatory)] $Cluster,
        [Parameter(Mandatory)] [string]$Database,
        [Parameter(Mandatory)] [string[]]$Sql
    )
    $psql = Join-Path $Cluster.BinDir 'psql'
    $argv = @('-h', $Cluster.Host, '-p', "$($Cluster.Port)", '-U', $Cluster.User, '-d', $Database, '-w',
        '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-At')
    foreach ($statement in $Sql) { $argv += @('-c', $statement) }
    $out = @(& $psql @argv 2>&1 | ForEach-Object { "$_" })
    if ($LASTEXITCODE -ne 0) {
        throw "psql -d $Database failed (exit $LASTEXITCODE) running: $($Sql -join '; ')$([Environment]::NewLine)$($out -join [Environment]::NewLine)"
    }
    $out
}

function Get-BenchScalar {
    param([Parameter(Mandatory)] $Cluster, [Parameter(Mandatory)] [string]$Database, [Parameter(Mandatory)] [string]$Sql)
    $lines = @(Invoke-BenchPsql -Cluster $Cluster -Database $Database -Sql $Sql | Where-Object { $_ -ne '' })
    if ($lines.Count -ne 1) { throw "expected one value from '$Sql', got: $($lines -join ' | ')" }
    $lines[0]
}

function Get-BenchRowCount {
    param([Parameter(Mandatory)] $Cluster, [Parameter(Mandatory)] [string]$Database, [Parameter(Mandatory)] [string]$Table)
    [long](Get-BenchScalar -Cluster $Cluster -Database $Database -Sql "SELECT count(*) FROM $Table")
}

function Invoke-CopyPipe {
    <#
    .SYNOPSIS
    psql COPY ... TO STDOUT (FORMAT binary) | psql COPY ... FROM STDIN (FORMAT binary), through bash so it is a
    real OS pipe. Returns ElapsedMs of the whole pipeline (bash start-up included, ~ms) and CpuMs, the user+system
    CPU time of the two psql processes (bash's `times`).
    #>
    param(
        [Parameter(Mandatory)] $Cluster,
        [Parameter(Mandatory)] [string]$SourceDatabase,
        [Parameter(Mandatory)] [string]$TargetDatabase,
        [Parameter(Mandatory)] [string]$Table
    )
    $psql = Join-Path $Cluster.BinDir 'psql'
    $common = "-h $($Cluster.Host) -p $($Cluster.Port) -U $($Cluster.User) -w -v ON_ERROR_STOP=1 -X -q"
    $command = "set -o pipefail; '$psql' $common -d $SourceDatabase -c 'COPY $Table TO STDOUT (FORMAT binary)' | " +
        "'$psql' $common -d $TargetDatabase -c 'COPY $Table FROM STDIN (FORMAT binary)'; rc=`$?; times; exit `$rc"
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $out = @(& bash -c $command 2>&1 | ForEach-Object { "$_" })
    $clock.Stop()
    if ($LASTEXITCODE -ne 0) { throw "COPY pipe failed (exit $LASTEXITCODE): $($out -join ' ')" }
    # `times` prints the shell's user/system time, then its children's: "0m0.123s 0m0.045s".
    $cpu = $null
    $timesLines = @($out | Where-Object { $_ -match '^\d+m[\d.]+s \d+m[\d.]+s$' })
    if ($timesLines.Count -ge 2) {
        $cpu = 0.0
        foreach ($part in $timesLines[1] -split ' ') {
            if ($part -match '^(\d+)m([\d.]+)s$') { $cpu += [double]$Matches[1] * 60000 + [double]::Parse($Matches[2], $script:Inv) * 1000 }
        }
    }
    [pscustomobject]@{ ElapsedMs = $clock.Elapsed.TotalMilliseconds; CpuMs = $cpu }
}

function Get-LoadAverage {
    <# The 1-minute load average (runnable processes), or $null off Linux. #>
    if (-not (Test-Path -LiteralPath /proc/loadavg)) { return $null }
    [double]::Parse(((Get-Content -LiteralPath /proc/loadavg -TotalCount 1) -split ' ')[0], $script:Inv)
}

function Get-BenchChildScript {
    <#
    .SYNOPSIS
    The script each child pwsh runs: import the module, time only Invoke-TableRefresh with a Stopwatch, then print
    one line "BENCH_JSON {...}" with the timing, the results and the process's VmHWM/VmRSS from /proc/self/status.
    -Warm first runs Test-RefreshConfig -Config (untimed; it connects read-only to both sides and writes nothing), so
    the timed call finds .NET and Npgsql already started, as in a DBA's session or a job that runs several commands;
    without it the timed call is the first command of a new pwsh (cold). -Diagnose also times Get-RefreshPlan
    (twice) and timestamps the -Verbose messages; -VerboseLog only timestamps the -Verbose messages (ms since the
    call started; the staging_partition_switch line reads its steps from them); -ImportOnly stops after
    Import-Module (the memory baseline).
    #>
    @'
param(
    [Parameter(Mandatory)] [string]$ModulePath,
    [string]$Config,
    [switch]$Diagnose,
    [switch]$VerboseLog,
    [switch]$ImportOnly,
    [switch]$Warm,
    [string]$WarmupConfig
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$report = [ordered]@{ pid = $PID; warm = [bool]$Warm }
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $ModulePath
$report.import_ms = $clock.Elapsed.TotalMilliseconds

if ($Warm) {
    # Untimed for the refresh: the one-time start-up (JIT, first connection, type catalog) a session pays once.
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $checks = @(Test-RefreshConfig -Config $Config)
    $report.warmup_ms = $clock.Elapsed.TotalMilliseconds
    $report.warmup_checks = @($checks | ForEach-Object { [ordered]@{ check = $_.Check; side = $_.Side; outcome = "$($_.Outcome)"; message = $_.Message } })
    $checks = $null
    if ($WarmupConfig) {
        # One real refresh of a small table first, so the refresh path itself is compiled: a job's second table.
        $warmup = @(Invoke-TableRefresh -Config $WarmupConfig -Force)
        $report.warmup_refresh = @($warmup | ForEach-Object { "$($_.Table) $($_.Status)" })
        $report.warmup_ms = $clock.Elapsed.TotalMilliseconds
    }
}

if ($Diagnose) {
    $plans = @()
    foreach ($i in 1, 2) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $plans = @(Get-RefreshPlan -Config $Config)
        $report["plan$($i)_ms"] = $clock.Elapsed.TotalMilliseconds
    }
    $report.plan = @($plans | ForEach-Object { [ordered]@{ table = $_.Table; action = "$($_.Action)"; estimated_rows = $_.EstimatedRows; reason = $_.Reason } })
}

if (-not $ImportOnly) {
    $verbose = [System.Collections.Generic.List[object]]::new()
    $self = [System.Diagnostics.Process]::GetCurrentProcess()
    $cpuBefore = $self.TotalProcessorTime
    $report.start_unix_ms = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Diagnose -or $VerboseLog) {
        $results = @(Invoke-TableRefresh -Config $Config -Force -Verbose 4>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.VerboseRecord]) {
                    $verbose.Add([ordered]@{ ms = [math]::Round($clock.Elapsed.TotalMilliseconds, 1); message = $_.Message })
                } else { $_ }
            })
    } else {
        $results = @(Invoke-TableRefresh -Config $Config -Force)
    }
    $clock.Stop()
    $report.end_unix_ms = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    $report.elapsed_ms = $clock.Elapsed.TotalMilliseconds
    $self.Refresh()
    # CPU (user+system, all threads) this process spent during the call: the module's own cost.
    $report.cpu_ms = ($self.TotalProcessorTime - $cpuBefore).TotalMilliseconds
    $report.results = @($results | ForEach-Object {
            [ordered]@{ table = $_.Table; status = "$($_.Status)"; action = "$($_.Action)"; rows_copied = $_.RowsCopied
                rows_deleted = $_.RowsDeleted; rows_inserted = $_.RowsInserted; rows_updated = $_.RowsUpdated; load_method = "$($_.LoadMethod)"; duration_ms = $_.Duration.TotalMilliseconds; error = $_.Error; note = $_.Note
                # The steps as the engine's events reported them (kind, start, duration, rows), not parsed from text.
                steps = @($_.Steps | ForEach-Object { [ordered]@{ step = "$($_.Step)"; start_unix_ms = $_.StartedAt.ToUnixTimeMilliseconds(); duration_ms = $_.Duration.TotalMilliseconds; rows = $_.Rows; detail = $_.Detail } }) }
        })
    $report.verbose = $verbose
}

# The brief's (Get-Content /proc/self/status | Select-String VmHWM), parsed: this pwsh process ran the module.
$status = Get-Content -LiteralPath /proc/self/status
foreach ($key in 'VmHWM', 'VmRSS') {
    $line = $status | Where-Object { $_ -match "^$($key):\s+(\d+)\s+kB" } | Select-Object -First 1
    if ($line -and $line -match "^$($key):\s+(\d+)\s+kB") { $report["$($key.ToLowerInvariant())_kb"] = [long]$Matches[1] }
}
'BENCH_JSON ' + ($report | ConvertTo-Json -Depth 6 -Compress)
'@
}

function Get-BenchHistoryChildScript {
    <#
    .SYNOPSIS
    The script the history line's child pwsh runs: import the module, time Get-RefreshHistory -Last 20 once as the
    first command (cold) and then -Repeat times more (warm), and print "BENCH_JSON {...}" with the times and the
    number of entries each call returned.
    #>
    @'
param(
    [Parameter(Mandatory)] [string]$ModulePath,
    [Parameter(Mandatory)] [string]$Config,
    [int]$Last = 20,
    [int]$Repeat = 5
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$report = [ordered]@{ pid = $PID; last = $Last }
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$entries = @(Get-RefreshHistory -Config $Config -Last $Last)
$report.cold_ms = $clock.Elapsed.TotalMilliseconds
$report.cold_entries = $entries.Count
$report.newest = $(if ($entries.Count -gt 0) { $entries[0].StartedAt.ToString('o') } else { $null })
$warm = @()
for ($i = 0; $i -lt $Repeat; $i++) {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $entries = @(Get-RefreshHistory -Config $Config -Last $Last)
    $warm += [ordered]@{ ms = $clock.Elapsed.TotalMilliseconds; entries = $entries.Count }
}
$report.warm = $warm
'BENCH_JSON ' + ($report | ConvertTo-Json -Depth 4 -Compress)
'@
}

function Invoke-HistoryChild {
    <#
    .SYNOPSIS
    Runs the history child script in a fresh `dotnet pwsh -NoProfile` and returns its report plus wall_ms.
    #>
    param(
        [Parameter(Mandatory)] [string]$ChildScript,
        [Parameter(Mandatory)] [string]$ModulePath,
        [Parameter(Mandatory)] [string]$Config,
        [int]$Last = 20,
        [int]$Repeat = 5
    )
    $argv = @('pwsh', '-NoProfile', '-NonInteractive', '-File', $ChildScript, '-ModulePath', $ModulePath, '-Config', $Config, '-Last', "$Last", '-Repeat', "$Repeat")
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $out = @(& dotnet @argv 2>&1 | ForEach-Object { "$_" })
    $code = $LASTEXITCODE
    $clock.Stop()
    $json = $out | Where-Object { $_.StartsWith('BENCH_JSON ', [StringComparison]::Ordinal) } | Select-Object -Last 1
    if ($code -ne 0 -or -not $json) {
        throw "the history child pwsh failed (exit $code):$([Environment]::NewLine)$($out -join [Environment]::NewLine)"
    }
    $report = $json.Substring('BENCH_JSON '.Length) | ConvertFrom-Json
    $report | Add-Member -NotePropertyName wall_ms -NotePropertyValue $clock.Elapsed.TotalMilliseconds
    $report
}

function Get-BenchDashboardChildScript {
    <#
    .SYNOPSIS
    The script the dashboard line's child pwsh runs: import the module, make a local operator account with
    Set-RefreshDashboardUser, Start-RefreshDashboard -PassThru (Kestrel in that process), then for each path
    -Warmups untimed GETs and -Requests timed ones over HTTP Basic, reading each response's Server-Timing
    (app;dur=...) and the client's wall time; print "BENCH_JSON {...}".
    #>
    @'
param(
    [Parameter(Mandatory)] [string]$ModulePath,
    [Parameter(Mandatory)] [string]$Config,
    [Parameter(Mandatory)] [string]$UsersFile,
    [int]$Requests = 20,
    [int]$Warmups = 2
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$password = 'bench-dashboard-' + [guid]::NewGuid().ToString('n')
Set-RefreshDashboardUser -UsersFile $UsersFile -Name benchop -Password (ConvertTo-SecureString $password -AsPlainText -Force)
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$dashboard = @(Start-RefreshDashboard -Config $Config -PassThru) | Where-Object { $_ -and $_.PSObject.Properties['Url'] } | Select-Object -Last 1
$report = [ordered]@{ pid = $PID; start_ms = $clock.Elapsed.TotalMilliseconds; requests = $Requests; warmups = $Warmups; paths = [ordered]@{} }
$client = [System.Net.Http.HttpClient]::new()
try {
    $client.BaseAddress = [Uri]$dashboard.Url
    $client.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Basic',
        [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes("benchop:$password")))
    foreach ($path in '/', '/api/tables') {
        $runs = @()
        $body = ''
        for ($i = 0; $i -lt $Warmups + $Requests; $i++) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $response = $client.GetAsync($path).GetAwaiter().GetResult()
            $body = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            $clientMs = $clock.Elapsed.TotalMilliseconds
            if ([int]$response.StatusCode -ne 200) { throw "GET $path answered $([int]$response.StatusCode): $body" }
            $values = $null
            $serverMs = $null
            if ($response.Headers.TryGetValues('Server-Timing', [ref]$values)) {
                $m = [regex]::Match((@($values) -join ','), 'app;dur=([\d.]+)')
                if ($m.Success) { $serverMs = [double]::Parse($m.Groups[1].Value, [System.Globalization.CultureInfo]::InvariantCulture) }
            }
            if ($i -ge $Warmups) { $runs += [ordered]@{ server_ms = $serverMs; client_ms = $clientMs; bytes = $body.Length } }
            $response.Dispose()
        }
        $entry = [ordered]@{ runs = $runs }
        if ($path -eq '/api/tables') {
            $overview = $body | ConvertFrom-Json
            $entry.tables = @($overview.tables).Count
            $entry.tables_with_last_refresh = @($overview.tables | Where-Object { $null -ne $_.lastRefresh }).Count
            $entry.tables_with_source_rows = @($overview.tables | Where-Object { $null -ne $_.sourceRows }).Count
            $entry.tables_with_target_rows = @($overview.tables | Where-Object { $null -ne $_.targetRows }).Count
            $entry.errors = @($overview.errors)
        }
        $report.paths[$path] = $entry
    }
} finally {
    $client.Dispose()
    if ($dashboard) { $dashboard.Stop() }
}
'BENCH_JSON ' + ($report | ConvertTo-Json -Depth 6 -Compress)
'@
}

function Invoke-DashboardChild {
    <#
    .SYNOPSIS
    Runs the dashboard child script in a fresh `dotnet pwsh -NoProfile` and returns its report plus wall_ms.
    #>
    param(
        [Parameter(Mandatory)] [string]$ChildScript,
        [Parameter(Mandatory)] [string]$ModulePath,
        [Parameter(Mandatory)] [string]$Config,
        [Parameter(Mandatory)] [string]$UsersFile,
        [int]$Requests = 20,
        [int]$Warmups = 2
    )
    $argv = @('pwsh', '-NoProfile', '-NonInteractive', '-File', $ChildScript, '-ModulePath', $ModulePath, '-Config', $Config, '-UsersFile', $UsersFile,
        '-Requests', "$Requests", '-Warmups', "$Warmups")
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $out = @(& dotnet @argv 2>&1 | ForEach-Object { "$_" })
    $code = $LASTEXITCODE
    $clock.Stop()
    $json = $out | Where-Object { $_.StartsWith('BENCH_JSON ', [StringComparison]::Ordinal) } | Select-Object -Last 1
    if ($code -ne 0 -or -not $json) {
        throw "the dashboard child pwsh failed (exit $code):$([Environment]::NewLine)$($out -join [Environment]::NewLine)"
    }
    $report = $json.Substring('BENCH_JSON '.Length) | ConvertFrom-Json
    $report | Add-Member -NotePropertyName wall_ms -NotePropertyValue $clock.Elapsed.TotalMilliseconds
    $report
}

function Invoke-RefreshChild {
    <#
    .SYNOPSIS
    Runs the child script in a fresh `dotnet pwsh -NoProfile` and returns its report (elapsed_ms of
    Invoke-TableRefresh alone, vmhwm_kb, results...) plus wall_ms, the child's whole wall time.
    #>
    param(
        [Parameter(Mandatory)] [string]$ChildScript,
        [Parameter(Mandatory)] [string]$ModulePath,
        [string]$Config,
        [switch]$Diagnose,
        # Timestamped -Verbose messages in the report, without -Diagnose's extra Get-RefreshPlan calls.
        [switch]$VerboseLog,
        [switch]$ImportOnly,
        # Test-RefreshConfig in the child before the timed Invoke-TableRefresh.
        [switch]$Warm,
        # With -Warm: also one untimed Invoke-TableRefresh of this (small) config first.
        [string]$WarmupConfig
    )
    if ($Warm -and -not $Config) { throw '-Warm needs -Config' }
    $argv = @('pwsh', '-NoProfile', '-NonInteractive', '-File', $ChildScript, '-ModulePath', $ModulePath)
    if ($Config) { $argv += @('-Config', $Config) }
    if ($Diagnose) { $argv += '-Diagnose' }
    if ($VerboseLog) { $argv += '-VerboseLog' }
    if ($ImportOnly) { $argv += '-ImportOnly' }
    if ($Warm) { $argv += '-Warm' }
    if ($Warm -and $WarmupConfig) { $argv += @('-WarmupConfig', $WarmupConfig) }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $out = @(& dotnet @argv 2>&1 | ForEach-Object { "$_" })
    $code = $LASTEXITCODE
    $clock.Stop()
    $json = $out | Where-Object { $_.StartsWith('BENCH_JSON ', [StringComparison]::Ordinal) } | Select-Object -Last 1
    if ($code -ne 0 -or -not $json) {
        throw "the child pwsh failed (exit $code):$([Environment]::NewLine)$($out -join [Environment]::NewLine)"
    }
    $other = @($out | Where-Object { -not $_.StartsWith('BENCH_JSON ', [StringComparison]::Ordinal) -and $_.Trim() })
    $report = $json.Substring('BENCH_JSON '.Length) | ConvertFrom-Json
    $report | Add-Member -NotePropertyName wall_ms -NotePropertyValue $clock.Elapsed.TotalMilliseconds
    $report | Add-Member -NotePropertyName other_output -NotePropertyValue $other
    if ($Warm) {
        # A warm-up that did not reach both databases would leave the timed call cold.
        $bad = @($report.warmup_checks | Where-Object { $_.outcome -eq 'Failed' })
        $reached = @($report.warmup_checks | Where-Object { $_.check -eq 'Reachable' -and $_.outcome -eq 'Passed' })
        if ($bad.Count -gt 0 -or $reached.Count -lt 2) {
            throw "the warm-up Test-RefreshConfig did not pass: $(($report.warmup_checks | ForEach-Object { "$($_.check) $($_.side) $($_.outcome) $($_.message)" }) -join '; ')"
        }
    }
    if (-not $ImportOnly) {
        $failed = @($report.results | Where-Object { $_.status -ne 'Succeeded' })
        if (@($report.results).Count -eq 0 -or $failed.Count -gt 0) {
            throw "Invoke-TableRefresh did not succeed: $(($report.results | ForEach-Object { "$($_.table) $($_.status) $($_.error)" }) -join '; ') $($other -join ' ')"
        }
    }
    $report
}

function Get-Median {
    param([Parameter(Mandatory)] [double[]]$Values)
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n -eq 0) { return [double]::NaN }
    if ($n % 2 -eq 1) { return $sorted[($n - 1) / 2] }
    ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2
}

function Format-Seconds([double]$Ms) { ($Ms / 1000).ToString('0.00', $script:Inv) + ' s' }
function Format-Count([double]$Value) { $Value.ToString('#,0', $script:Inv) }
function Format-Mb([double]$Kb) { ($Kb / 1024).ToString('0', $script:Inv) + ' MB' }
function Format-Ratio([double]$Value) { $Value.ToString('0.00', $script:Inv) }

function Enable-PgStatementLog {
    <# Logs every statement with its duration, and every connection, with millisecond UTC timestamps. #>
    param([Parameter(Mandatory)] $Cluster)
    $null = Invoke-BenchPsql -Cluster $Cluster -Database postgres -Sql @(
        "ALTER SYSTEM SET log_min_duration_statement = 0",
        "ALTER SYSTEM SET log_connections = on",
        "ALTER SYSTEM SET log_timezone = 'UTC'",
        "ALTER SYSTEM SET log_line_prefix = '%m [%p] '",
        "SELECT pg_reload_conf()")
    Start-Sleep -Milliseconds 300   # the postmaster signals the reload; let the backends see it
}

function Disable-PgStatementLog {
    param([Parameter(Mandatory)] $Cluster)
    $null = Invoke-BenchPsql -Cluster $Cluster -Database postgres -Sql @(
        "ALTER SYSTEM RESET log_min_duration_statement", "ALTER SYSTEM RESET log_connections",
        "SELECT pg_reload_conf()")
}

function Get-PgLogLength {
    param([Parameter(Mandatory)] $Cluster)
    if (Test-Path -LiteralPath $Cluster.LogFile) { (Get-Item -LiteralPath $Cluster.LogFile).Length } else { 0 }
}

function Read-PgLogEvent {
    <#
    .SYNOPSIS
    The server log from byte offset $From on, as events: At (UTC), Pid, Kind (connection|statement),
    DurationMs and Sql (the first line of the statement; parse/bind/execute steps are folded into one text).
    #>
    param([Parameter(Mandatory)] $Cluster, [long]$From = 0, [string]$SaveTo)
    $stream = [System.IO.File]::Open($Cluster.LogFile, 'Open', 'Read', 'ReadWrite')
    try {
        $null = $stream.Seek($From, 'Begin')
        $text = [System.IO.StreamReader]::new($stream).ReadToEnd()
    } finally {
        $stream.Dispose()
    }
    if ($SaveTo) { [System.IO.File]::WriteAllText($SaveTo, $text) }
    $pattern = '^(?<ts>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) UTC \[(?<pid>\d+)\] (?<level>\w+):\s+(?<msg>.*)$'
    foreach ($line in $text -split "`r?`n") {
        if ($line -notmatch $pattern) { continue }
        $at = [DateTime]::SpecifyKind([DateTime]::ParseExact($Matches.ts, 'yyyy-MM-dd HH:mm:ss.fff', $script:Inv), 'Utc')
        $msg = $Matches.msg
        $procId = [int]$Matches.pid
        if ($msg -match '^duration: (?<d>[\d.]+) ms\s+(?<step>statement|parse|bind|execute)(?: [^:]*)?: (?<sql>.*)$') {
            [pscustomobject]@{ At = $at; Pid = $procId; Kind = 'statement'; Step = $Matches.step; DurationMs = [double]::Parse($Matches.d, $script:Inv); Sql = $Matches.sql.Trim() }
        } elseif ($msg -match '^connection authorized: (?<who>.*)$') {
            [pscustomobject]@{ At = $at; Pid = $procId; Kind = 'connection'; Step = $null; DurationMs = 0.0; Sql = $Matches.who }
        }
    }
}

function Get-PgStatementSummary {
    <#
    .SYNOPSIS
    Server time per statement text (parse+bind+execute summed), most expensive first.
    #>
    param([Parameter(Mandatory)] [AllowEmptyCollection()] [object[]]$Events, [int]$Top = 12, [int]$Width = 90)
    $Events | Where-Object Kind -EQ 'statement' | Group-Object {
        $sql = $_.Sql -replace '\s+', ' '
        if ($sql.Length -gt $Width) { $sql.Substring(0, $Width - 3) + '...' } else { $sql }
    } | ForEach-Object {
        [pscustomobject]@{
            TotalMs = ($_.Group | Measure-Object DurationMs -Sum).Sum
            Calls   = @($_.Group | Where-Object { $_.Step -in 'statement', 'execute' }).Count
            Sql     = $_.Name
        }
    } | Sort-Object TotalMs -Descending | Select-Object -First $Top
}

function Get-StagingStep {
    <#
    .SYNOPSIS
    The steps of one staging_partition_switch refresh, from the steps its result carries (the engine's StepFinished
    events: kind, start, duration), as ms since Invoke-TableRefresh started (-StartUnixMs): PrepareMs up to the end of
    the Decide step (lock, leftovers, decision), StageMs from there to the end of the last IndexBuild (every partition
    loaded and indexed aside), SwapMs from there to the end of the Swap step (per partition: count, DETACH, DROP,
    RENAME, ATTACH, tidy), FinishMs from there to the end of the call (identity, COMMIT, history, dropping staging).
    Throws unless every partition went the partition-wise way.
    #>
    param(
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]]$Steps,
        [Parameter(Mandatory)] [double]$StartUnixMs,
        [Parameter(Mandatory)] [double]$ElapsedMs,
        [Parameter(Mandatory)] [int]$ExpectedPartitions
    )
    $all = @($Steps)
    $end = { param($s) [double]$s.start_unix_ms + [double]$s.duration_ms - $StartUnixMs }
    $decide = @($all | Where-Object step -EQ 'Decide')
    $indexed = @($all | Where-Object step -EQ 'IndexBuild')
    $swap = @($all | Where-Object step -EQ 'Swap')
    if ($decide.Count -ne 1 -or $indexed.Count -ne $ExpectedPartitions -or $swap.Count -ne 1) {
        throw "expected one Decide, $ExpectedPartitions IndexBuild and one Swap step, got: $(($all | ForEach-Object { $_.step }) -join ', ')"
    }
    $decided = & $end $decide[0]
    $staged = & $end $indexed[-1]
    $swapped = & $end $swap[0]
    [pscustomobject]@{
        PrepareMs      = $decided
        StageMs        = $staged - $decided
        SwapMs         = $swapped - $staged
        FinishMs       = $ElapsedMs - $swapped
        LastStagedAtMs = $staged
        SwappedAtMs    = $swapped
    }
}

function Get-StagingSwapWindow {
    <#
    .SYNOPSIS
    The swap step of one staging_partition_switch refresh in the server's statement log: from the end of the last
    statement on a staging table in the loading session (its last index build) to the end of the refresh
    transaction's COMMIT, with the server time of the swap session's statements in that window by kind.
    -LastStagedUnixMs (the end of the last IndexBuild step, as Unix ms) also gives that step's end → COMMIT.
    #>
    param(
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]]$Events,
        [Nullable[double]]$LastStagedUnixMs
    )
    $statements = @($Events | Where-Object Kind -EQ 'statement')
    $detach = @($statements | Where-Object { $_.Sql -match '\bDETACH PARTITION\b' })
    if ($detach.Count -eq 0) { throw 'no ALTER TABLE … DETACH PARTITION in the server log' }
    $swapPid = $detach[0].Pid
    $firstDetach = $detach[0].At.AddMilliseconds(-$detach[0].DurationMs)
    $loading = @($statements | Where-Object { $_.Pid -ne $swapPid -and $_.Sql -match '_dr_stage_' -and $_.At -le $firstDetach.AddMilliseconds(1) })
    if ($loading.Count -eq 0) { throw 'no statement on a staging table before the swap in the server log' }
    $stagedEnd = ($loading | ForEach-Object At | Measure-Object -Maximum).Maximum
    $lastAttach = @($statements | Where-Object { $_.Pid -eq $swapPid -and $_.Sql -match '\bATTACH PARTITION\b' }) | Select-Object -Last 1
    if (-not $lastAttach) { throw 'no ALTER TABLE … ATTACH PARTITION in the server log' }
    $commit = @($statements | Where-Object { $_.Pid -eq $swapPid -and $_.Sql -match '^COMMIT\b' -and $_.At -ge $lastAttach.At }) | Select-Object -First 1
    if (-not $commit) { throw 'no COMMIT after the last ATTACH PARTITION in the server log' }
    $window = @($statements | Where-Object { $_.Pid -eq $swapPid -and $_.At -gt $stagedEnd -and $_.At -le $commit.At })
    $kinds = [ordered]@{ count_old = 0.0; detach = 0.0; drop = 0.0; rename = 0.0; attach = 0.0; commit = 0.0; other = 0.0 }
    foreach ($e in $window) {
        $kind = switch -Regex ($e.Sql) {
            '\bDETACH PARTITION\b' { 'detach'; break }
            '\bATTACH PARTITION\b' { 'attach'; break }
            '^DROP TABLE\b' { 'drop'; break }
            '\bRENAME TO\b' { 'rename'; break }
            '^COMMIT\b' { 'commit'; break }
            '(?i)^SELECT (COUNT_BIG|count)\(\*\)' { 'count_old'; break }
            default { 'other' }
        }
        $kinds[$kind] += $e.DurationMs
    }
    $fromVerbose = if ($null -ne $LastStagedUnixMs) {
        ($commit.At - [DateTimeOffset]::FromUnixTimeMilliseconds([long][math]::Round($LastStagedUnixMs)).UtcDateTime).TotalMilliseconds
    } else { $null }
    [ordered]@{
        window_ms                        = ($commit.At - $stagedEnd).TotalMilliseconds
        last_staged_verbose_to_commit_ms = $fromVerbose
        detach_to_commit_ms              = ($commit.At - $firstDetach).TotalMilliseconds
        server_ms                        = [double](@($window | ForEach-Object DurationMs) + 0 | Measure-Object -Sum).Sum
        server_ms_by_kind                = $kinds
        statements                       = @($window | Where-Object { $_.Step -in 'statement', 'execute' }).Count
        top_statements                   = @(Get-PgStatementSummary -Events $window -Top 8)
    }
}

function Write-BenchChart {
    <#
    .SYNOPSIS
    An SVG line chart of rows/s by table size, module against the psql pipe, written directly (no package needed).
    Points: objects with rows, module_rows_per_s, pipe_rows_per_s. The x axis is logarithmic in rows.
    #>
    param([Parameter(Mandatory)] [string]$Path, [Parameter(Mandatory)] [object[]]$Points)
    $inv = [System.Globalization.CultureInfo]::InvariantCulture
    $w = 640; $h = 400; $left = 80; $right = 150; $top = 40; $bottom = 60
    $pw = $w - $left - $right; $ph = $h - $top - $bottom
    $xs = @($Points | ForEach-Object { [math]::Log10([double]$_.rows) })
    $xMin = ($xs | Measure-Object -Minimum).Minimum; $xMax = ($xs | Measure-Object -Maximum).Maximum
    if ($xMax -le $xMin) { $xMin -= 0.5; $xMax += 0.5 }
    $yMax = (@($Points | ForEach-Object { [double]$_.module_rows_per_s; [double]$_.pipe_rows_per_s }) | Measure-Object -Maximum).Maximum * 1.15
    $px = { param($rows) $left + ([math]::Log10([double]$rows) - $xMin) / ($xMax - $xMin) * $pw }
    $py = { param($v) $top + $ph - [double]$v / $yMax * $ph }
    $f = { param($v) ([double]$v).ToString('0.0', $inv) }
    $sb = [System.Text.StringBuilder]::new()
    $null = $sb.AppendLine("<svg xmlns=""http://www.w3.org/2000/svg"" width=""$w"" height=""$h"" viewBox=""0 0 $w $h"" font-family=""sans-serif"" font-size=""12"">")
    $null = $sb.AppendLine("<rect width=""$w"" height=""$h"" fill=""white""/>")
    $null = $sb.AppendLine("<text x=""$($w / 2)"" y=""22"" text-anchor=""middle"" font-size=""14"">Full refresh into an empty table: rows/s by table size</text>")
    $null = $sb.AppendLine("<line x1=""$left"" y1=""$($top + $ph)"" x2=""$($left + $pw)"" y2=""$($top + $ph)"" stroke=""black""/><line x1=""$left"" y1=""$top"" x2=""$left"" y2=""$($top + $ph)"" stroke=""black""/>")
    for ($i = 0; $i -le 4; $i++) {
        $v = $yMax / 1.15 * $i / 4
        $y = & $py $v
        $null = $sb.AppendLine("<line x1=""$left"" y1=""$(& $f $y)"" x2=""$($left + $pw)"" y2=""$(& $f $y)"" stroke=""#ddd""/><text x=""$($left - 6)"" y=""$(& $f ($y + 4))"" text-anchor=""end"">$(([math]::Round($v / 1000)).ToString('#,0', $inv))k</text>")
    }
    foreach ($p in $Points) {
        $x = & $px $p.rows
        $null = $sb.AppendLine("<text x=""$(& $f $x)"" y=""$($top + $ph + 18)"" text-anchor=""middle"">$(([double]$p.rows / 1e6).ToString('0.#', $inv))M</text>")
    }
    $null = $sb.AppendLine("<text x=""$($left + $pw / 2)"" y=""$($h - 18)"" text-anchor=""middle"">rows in the table (log scale)</text>")
    $null = $sb.AppendLine("<text x=""18"" y=""$($top + $ph / 2)"" text-anchor=""middle"" transform=""rotate(-90 18 $($top + $ph / 2))"">rows/s</text>")
    foreach ($series in @(@{ Key = 'module_rows_per_s'; Color = '#1f77b4'; Name = 'Invoke-TableRefresh (cold)' }, @{ Key = 'pipe_rows_per_s'; Color = '#ff7f0e'; Name = 'psql COPY | COPY' })) {
        $pts = @($Points | ForEach-Object { "$(& $f (& $px $_.rows)),$(& $f (& $py $_.($series.Key)))" })
        $null = $sb.AppendLine("<polyline fill=""none"" stroke=""$($series.Color)"" stroke-width=""2"" points=""$($pts -join ' ')""/>")
        foreach ($pt in $pts) { $xy = $pt -split ','; $null = $sb.AppendLine("<circle cx=""$($xy[0])"" cy=""$($xy[1])"" r=""3"" fill=""$($series.Color)""/>") }
    }
    $ly = $top + 10
    foreach ($series in @(@('#1f77b4', 'Invoke-TableRefresh (cold)'), @('#ff7f0e', 'psql COPY | COPY'))) {
        $null = $sb.AppendLine("<line x1=""$($left + $pw + 10)"" y1=""$ly"" x2=""$($left + $pw + 30)"" y2=""$ly"" stroke=""$($series[0])"" stroke-width=""2""/><text x=""$($left + $pw + 35)"" y=""$($ly + 4)"">$($series[1])</text>")
        $ly += 20
    }
    $null = $sb.AppendLine('</svg>')
    [System.IO.File]::WriteAllText($Path, $sb.ToString(), [System.Text.UTF8Encoding]::new($false))
}

Export-ModuleMember -Function Get-BenchDashboardChildScript, Invoke-DashboardChild, Write-BenchChart, Get-LoadAverage, Invoke-BenchPsql, Get-BenchScalar, Get-BenchRowCount, Invoke-CopyPipe, Get-BenchChildScript,
    Get-BenchHistoryChildScript, Invoke-HistoryChild,
    Invoke-RefreshChild, Get-Median, Format-Seconds, Format-Count, Format-Mb, Format-Ratio, Enable-PgStatementLog,
    Disable-PgStatementLog, Get-PgLogLength, Read-PgLogEvent, Get-PgStatementSummary, Get-StagingStep, Get-StagingSwapWindow
