<#
.SYNOPSIS
The DataRefresh benchmark: Invoke-TableRefresh against PostgreSQL's own COPY pipe, on a throwaway cluster.

.DESCRIPTION
Run it with `dotnet pwsh ./build.ps1 bench`, which builds the module and passes its manifest as -ModulePath.

In a throwaway PostgreSQL cluster (build/PgCluster.psm1) it creates two databases, bench_src and bench_dst, each
with the tables bench_rows and bench_inc (id bigint identity primary key, qty int, label text of 41 chars,
amount numeric(12,2), created_at timestamptz, active boolean), generated with generate_series:
  bench_src.bench_rows  -Rows rows                bench_dst.bench_rows  empty
  bench_src.bench_inc   -Rows + -IncrementalRows  bench_dst.bench_inc   -Rows rows (the same first rows)
Then, alternating, -Runs rounds of (a) cold or warm, (b), (a) warm or cold, (c) cold or warm, (c) warm or cold
(odd rounds cold first, even rounds warm first), where:
  (a) Invoke-TableRefresh -Config full.yaml -Force (bench_rows, sync_mode: full_replace), in a fresh
      `dotnet pwsh -NoProfile` per run; only the cmdlet call is timed (Stopwatch inside the child), the child
      prints its VmHWM (peak resident memory). The target is TRUNCATEd first (untimed), so (a) and (b) both load
      an empty table.
      cold: Invoke-TableRefresh is the first command of the new pwsh, so it includes the one-time .NET/Npgsql
      start-up (JIT, first connection, type catalog).
      warm: the child first runs Test-RefreshConfig -Config and one Invoke-TableRefresh of a 100-row table
      (bench_warm), both untimed, as in a DBA's session or a job that refreshes several tables; then
      Invoke-TableRefresh is timed as for cold.
  (b) psql COPY bench_rows TO STDOUT (FORMAT binary) | psql COPY bench_rows FROM STDIN (FORMAT binary), a real
      OS pipe through bash, into the target TRUNCATEd first (untimed).
  (c) Invoke-TableRefresh -Config incremental.yaml -Force (bench_inc, incremental on id, identity): copies the
      -IncrementalRows source rows above the target's MAX(id). Before each run the target is reset (untimed) to
      exactly -Rows rows: DELETE WHERE id > Rows, VACUUM. Cold and warm as for (a).
Every load that is not timed is followed by VACUUM ANALYZE (untimed), and so is every timed load of the target.
Peak memory comes from the cold (a) runs. Afterwards, once each, cold, and for information only: (a) onto a stale target that already holds -Rows rows (the
module then counts and TRUNCATEs them); a diagnostic (a) and (c) with every server statement logged, to show
where the time goes; and (unless -SkipLarge) (a) with -LargeRows rows, to show peak memory does not grow with
the row count. Results: the summary at the end, and out/bench/results.json.

Strategy staging_partition_switch, line (s), on bench_part: the same columns and the same -Rows generated rows,
RANGE-partitioned on id into -Partitions equal ranges, created identically in both databases, the target holding
the same rows (so every refresh has old partitions to detach). -StagingRuns rounds, alternating which goes first, of
  (s1) Invoke-TableRefresh -Config staged.yaml -Force (strategy: staging_partition_switch, sync_mode: full_replace)
  (s2) Invoke-TableRefresh -Config partitioned-full.yaml -Force (strategy: simple_copy, sync_mode: full_replace):
       count and TRUNCATE the populated target, then COPY, in one transaction
both warm as for (a), with the -Verbose messages timestamped in the child (in both, so they cost the same), each
leaving the target populated again, then VACUUM ANALYZE (untimed). The swap step of (s1) is read from its verbose
messages: from the last partition's "… staged in … and indexed" to "… partition(s) swapped in" (count, DETACH, DROP,
RENAME, ATTACH per partition; the target's partitions are locked from the first DETACH). One more (s1), with every
server statement logged, times the swap step as the server saw it, up to the end of COMMIT.

History line, (h): -HistoryRows rows (default 1,000,000) are added to bench_dst's history table with one
INSERT … SELECT generate_series (50 table names, one attempt in ten Failed, one a minute from 2020 on, so the
bench's own rows stay the newest), then VACUUM ANALYZE; a fresh child pwsh times Get-RefreshHistory -Last 20 as
its first command (cold) and five times more (warm), and EXPLAIN ANALYZE shows the query the module sends
reading the newest-first index. -HistoryOnly runs just this line (on a history table made by one 100-row
refresh), for a quick check: `dotnet pwsh ./build.ps1 build`, then
`dotnet pwsh -NoProfile -File build/bench.ps1 -ModulePath out/DataRefresh/DataRefresh.psd1 -HistoryOnly`.

Dashboard line, (d): two more databases, bench_dash_src and bench_dash_dst, each with -DashboardTables small tables
(dash_t001…, made in one DO block; every fourth incremental on id), ANALYZEd; one refresh of dash_t001 creates the
target's history table (with the module's own DDL and indexes); then -DashboardHistoryRows rows are inserted into it
with one INSERT … SELECT generate_series shaped like the rows the history journal writes (spread over the tables and
over the last months, a twentieth of them the newest rows of dash_t001 alone, statuses Succeeded, Failed, Skipped,
Abandoned), then VACUUM ANALYZE. A fresh child pwsh makes a local operator with Set-RefreshDashboardUser, runs
Start-RefreshDashboard -PassThru and GETs / (the overview page) and /api/tables over HTTP Basic: 2 warm-ups, then
-DashboardRequests timed requests each; the server time is the response's Server-Timing header (app;dur=, measured
by the dashboard from the request's arrival to its response starting), the client time the HttpClient's wall time.
Goal: a median under 200 ms for both. -DashboardOnly runs just this line:
`dotnet pwsh -NoProfile -File build/bench.ps1 -ModulePath out/DataRefresh/DataRefresh.psd1 -DashboardOnly`.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string]$ModulePath,
    [ValidateRange(1, [int]::MaxValue)] [int]$Rows = 1000000,
    # Rounds; each has (a) cold and warm, (b), (c) cold and warm.
    [ValidateRange(1, 100)] [int]$Runs = 5,
    # Skip the -LargeRows memory check.
    [switch]$SkipLarge,
    [ValidateRange(1, [int]::MaxValue)] [int]$LargeRows = 3000000,
    [ValidateRange(1, [int]::MaxValue)] [int]$IncrementalRows = 10000,
    [ValidateRange(1, [int]::MaxValue)] [int]$BatchSize = 50000,
    # Rounds of the staging_partition_switch line; each has (s1) staged and (s2) simple_copy, both warm.
    [ValidateRange(1, 100)] [int]$StagingRuns = 3,
    # Partitions of bench_part (RANGE on id) for the staging_partition_switch line.
    [ValidateRange(2, 99)] [int]$Partitions = 10,
    # History rows generated for the Get-RefreshHistory -Last 20 line (h).
    [ValidateRange(1, [int]::MaxValue)] [int]$HistoryRows = 1000000,
    # Run only the history line (h): no bench tables, no refresh timings.
    [switch]$HistoryOnly,
    # The dashboard line (d): configured tables, history rows in the target's history table, timed GETs per path.
    [ValidateRange(1, 2000)] [int]$DashboardTables = 200,
    [ValidateRange(0, [int]::MaxValue)] [int]$DashboardHistoryRows = 100000,
    [ValidateRange(1, 1000)] [int]$DashboardRequests = 20,
    # Run only the dashboard line (d): no bench tables, no refresh timings.
    [switch]$DashboardOnly,
    # Table sizes for the memory and growth line (one cold (a) and one (b) each, and the chart); default: -LargeRows.
    [long[]]$Sizes = @()
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

$root = Split-Path -Parent $PSScriptRoot
Set-Location -LiteralPath $root   # `dotnet pwsh` (the tool manifest) in the children needs the repository root
Import-Module (Join-Path $PSScriptRoot 'PgCluster.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$benchDir = Join-Path $root 'out/bench'
$null = New-Item -ItemType Directory -Path $benchDir -Force
$childScript = Join-Path $benchDir 'refresh-child.ps1'
[System.IO.File]::WriteAllText($childScript, (Get-BenchChildScript), [System.Text.UTF8Encoding]::new($false))

$srcDb = 'bench_src'
$dstDb = 'bench_dst'
$inv = [System.Globalization.CultureInfo]::InvariantCulture
$benchClock = [System.Diagnostics.Stopwatch]::StartNew()

function Write-Step([string]$Title) {
    Write-Host ''
    Write-Host "== $Title ($([math]::Round($benchClock.Elapsed.TotalSeconds)) s) ==" -ForegroundColor Cyan
}

function Write-Line([string]$Text) { Write-Host "  $Text" }

$tableDdl = @'
CREATE TABLE {0} (
    id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    qty        integer NOT NULL,
    label      text NOT NULL,
    amount     numeric(12,2) NOT NULL,
    created_at timestamptz NOT NULL,
    active     boolean NOT NULL
)
'@

# bench_part: bench_rows' columns, RANGE-partitioned on id (the primary key must hold the partition key) into
# $Partitions equal ranges named bench_part_p01…, covering ids 1..$Rows.
$partitionWidth = [long][math]::Ceiling($Rows / $Partitions)
$partitionedDdl = @(
    (($tableDdl -f 'bench_part') -replace 'IDENTITY PRIMARY KEY', 'IDENTITY' -replace '\r?\n\)\s*$', ",`n    PRIMARY KEY (id)`n) PARTITION BY RANGE (id)")
    for ($p = 0; $p -lt $Partitions; $p++) {
        'CREATE TABLE bench_part_p{0:d2} PARTITION OF bench_part FOR VALUES FROM ({1}) TO ({2})' -f ($p + 1), (1 + $p * $partitionWidth), (1 + ($p + 1) * $partitionWidth)
    }
)

# bench_idx: bench_rows' columns, shaped like a real table: the primary key plus three secondary indexes (an int,
# a timestamptz and a text column), in both databases; the target starts empty.
$indexedDdl = @(
    ($tableDdl -f 'bench_idx'),
    'CREATE INDEX bench_idx_qty ON bench_idx (qty)',
    'CREATE INDEX bench_idx_created_at ON bench_idx (created_at)',
    'CREATE INDEX bench_idx_label ON bench_idx (label)'
)

# bench_mask: bench_rows' columns and an email column, for the masking line (x); the target starts empty.
$maskDdl = ($tableDdl -f 'bench_mask') -replace '\r?\n\)\s*$', ",`n    email      text NOT NULL`n)"

function Get-MaskGenerateSql([long]$Rows) {
    # As Get-GenerateSql, plus an address in a shape no masked value has (user<i>@corp.example).
    "INSERT INTO bench_mask (id, qty, label, amount, created_at, active, email) " +
    "SELECT i, (i * 37) % 100000, 'customer-' || md5(i::text), ((i * 7919) % 100000000) / 100.0, " +
    "timestamptz '2020-01-01 00:00:00+00' + i * interval '17 seconds', i % 4 <> 0, 'user' || i || '@corp.example' " +
    "FROM generate_series(1::bigint, $Rows::bigint) AS g(i)"
}

function Get-GenerateSql([string]$Table, [long]$From, [long]$To) {
    # Deterministic, so the same ids hold the same values in both databases. label is 41 characters.
    "INSERT INTO $Table (id, qty, label, amount, created_at, active) " +
    "SELECT i, (i * 37) % 100000, 'customer-' || md5(i::text), ((i * 7919) % 100000000) / 100.0, " +
    "timestamptz '2020-01-01 00:00:00+00' + i * interval '17 seconds', i % 4 <> 0 " +
    "FROM generate_series($From::bigint, $To::bigint) AS g(i)"
}

function Write-Config([string]$Name, [string]$TableYaml, [string]$ExtraSettings = '', [string]$SourceDb = $srcDb, [string]$TargetDb = $dstDb, [string]$Tail = '') {
    $path = Join-Path $benchDir $Name
    $yaml = @"
# Written by build/bench.ps1 for one bench run; the cluster is gone afterwards.
databases:
  source:
    engine: postgresql
    server: $($pg.Host)
    port: $($pg.Port)
    database: $SourceDb
    auth_type: sql
  target:
    engine: postgresql
    server: $($pg.Host)
    port: $($pg.Port)
    database: $TargetDb
    auth_type: sql
tables:
$TableYaml
settings:
  default_batch_size: $BatchSize
$ExtraSettings
$Tail
"@
    [System.IO.File]::WriteAllText($path, $yaml, [System.Text.UTF8Encoding]::new($false))
    $path
}

function Assert-RowCount([string]$Database, [string]$Table, [long]$Expected, [string]$After) {
    $count = Get-BenchRowCount -Cluster $pg -Database $Database -Table $Table
    if ($count -ne $Expected) { throw "after $After, $Database.$Table holds $count rows, expected $Expected" }
}

function Reset-FullTarget {
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'TRUNCATE TABLE bench_rows'
}

function Reset-IncrementalTarget {
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql "DELETE FROM bench_inc WHERE id > $Rows", 'VACUUM ANALYZE bench_inc'
    Assert-RowCount $dstDb 'bench_inc' $Rows 'the incremental reset'
}

function Assert-PartitionedTarget([string]$After) {
    # Every row back, every partition attached again under its name, no staging table left behind.
    $state = Get-BenchScalar -Cluster $pg -Database $dstDb -Sql ("SELECT (SELECT count(*) FROM bench_part) || ' ' || " +
        "(SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'bench_part'::regclass AND c.relname LIKE 'bench\_part\_p%') || ' ' || " +
        "(SELECT count(*) FROM pg_class WHERE relname LIKE '\_dr\_stage\_%')")
    $expected = "$Rows $Partitions 0"
    if ($state -ne $expected) { throw "after $After, $dstDb.bench_part holds '$state' (rows, partitions, staging tables left), expected '$expected'" }
}

function Invoke-RunS([string]$Label, [string]$Config, [switch]$Staged) {
    # Warm, verbose timestamped; the target starts and ends populated with the same -Rows rows.
    $load = Get-LoadAverage
    $r = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $Config -Warm -WarmupConfig $warmupConfig -VerboseLog
    Assert-PartitionedTarget $Label
    $copied = ($r.results | Measure-Object rows_copied -Sum).Sum
    $deleted = ($r.results | Measure-Object rows_deleted -Sum).Sum
    if ($copied -ne $Rows -or $deleted -ne $Rows) { throw "$Label reported $copied rows copied and $deleted deleted, expected $Rows and $Rows" }
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'VACUUM ANALYZE bench_part'
    $r | Add-Member -NotePropertyName load1 -NotePropertyValue $load
    $steps = ''
    if ($Staged) {
        $s = Get-StagingStep -Steps @($r.results[0].steps) -StartUnixMs $r.start_unix_ms -ElapsedMs $r.elapsed_ms -ExpectedPartitions $Partitions
        $r | Add-Member -NotePropertyName steps -NotePropertyValue $s
        $steps = "; prepare {0} | stage {1} | swap {2} | finish {3}" -f (Format-Seconds $s.PrepareMs), (Format-Seconds $s.StageMs), (Format-Ms $s.SwapMs), (Format-Seconds $s.FinishMs)
    }
    Write-Line ("{0}: {1}  ({2} rows/s; table {3}{4}; module CPU {5}; child wall {6}; load {7})" -f $Label, (Format-Seconds $r.elapsed_ms),
        (Format-Count ($Rows / ($r.elapsed_ms / 1000))), (Format-Seconds $r.results[0].duration_ms), $steps, (Format-Seconds $r.cpu_ms),
        (Format-Seconds $r.wall_ms), $load)
    $r
}

function Format-Ms([double]$Ms) { $Ms.ToString('0.0', $inv) + ' ms' }

function Get-WarmupText($Report) {
    if ($Report.PSObject.Properties['warmup_ms']) { "; Test-RefreshConfig before it $(Format-Seconds $Report.warmup_ms)" } else { '' }
}

function Invoke-RunA([string]$Label, [long]$ExpectedRows, [switch]$Warm) {
    $load = Get-LoadAverage
    $r = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $fullConfig -Warm:$Warm -WarmupConfig $warmupConfig
    Assert-RowCount $dstDb 'bench_rows' $ExpectedRows $Label
    $copied = ($r.results | Measure-Object rows_copied -Sum).Sum
    if ($copied -ne $ExpectedRows) { throw "$Label reported $copied rows copied, expected $ExpectedRows" }
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'VACUUM ANALYZE bench_rows'
    $r | Add-Member -NotePropertyName load1 -NotePropertyValue $load
    Write-Line ("{0}: {1}  ({2} rows/s; table {3}; module CPU {4}; child wall {5}; VmHWM {6}; load {7}{8})" -f $Label, (Format-Seconds $r.elapsed_ms),
        (Format-Count ($ExpectedRows / ($r.elapsed_ms / 1000))), (Format-Seconds $r.results[0].duration_ms), (Format-Seconds $r.cpu_ms),
        (Format-Seconds $r.wall_ms), (Format-Mb $r.vmhwm_kb), $load, (Get-WarmupText $r))
    $r
}

function Invoke-RunB([string]$Label, [string]$Table = 'bench_rows', [long]$ExpectedRows = $Rows) {
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql "TRUNCATE TABLE $Table"
    $load = Get-LoadAverage
    $r = Invoke-CopyPipe -Cluster $pg -SourceDatabase $srcDb -TargetDatabase $dstDb -Table $Table
    Assert-RowCount $dstDb $Table $ExpectedRows $Label
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql "VACUUM ANALYZE $Table"
    $r | Add-Member -NotePropertyName Load1 -NotePropertyValue $load
    Write-Line ("{0}: {1}  ({2} rows/s; psql CPU {3}; load {4})" -f $Label, (Format-Seconds $r.ElapsedMs), (Format-Count ($ExpectedRows / ($r.ElapsedMs / 1000))),
        $(if ($null -ne $r.CpuMs) { Format-Seconds $r.CpuMs } else { '?' }), $load)
    $r
}

function Invoke-RunI([string]$Label, [string]$Config) {
    # (i): bench_idx (primary key + three secondary indexes), warm, into the target TRUNCATEd first (untimed), as (j).
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'TRUNCATE TABLE bench_idx'
    $load = Get-LoadAverage
    $r = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $Config -Warm -WarmupConfig $warmupConfig
    Assert-RowCount $dstDb 'bench_idx' $Rows $Label
    $copied = ($r.results | Measure-Object rows_copied -Sum).Sum
    if ($copied -ne $Rows) { throw "$Label reported $copied rows copied, expected $Rows" }
    $indexes = [long](Get-BenchScalar -Cluster $pg -Database $dstDb -Sql "SELECT count(*) FROM pg_index WHERE indrelid = 'bench_idx'::regclass AND indisvalid")
    if ($indexes -ne 4) { throw "after $Label, bench_idx has $indexes valid indexes, expected 4" }
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'VACUUM ANALYZE bench_idx'
    $r | Add-Member -NotePropertyName load1 -NotePropertyValue $load
    Write-Line ("{0}: {1}  ({2} rows/s; table {3}; module CPU {4}; VmHWM {5}; load {6})" -f $Label, (Format-Seconds $r.elapsed_ms),
        (Format-Count ($Rows / ($r.elapsed_ms / 1000))), (Format-Seconds $r.results[0].duration_ms), (Format-Seconds $r.cpu_ms), (Format-Mb $r.vmhwm_kb), $load)
    $r
}

function Invoke-RunC([string]$Label, [switch]$Warm) {
    Reset-IncrementalTarget
    $load = Get-LoadAverage
    $r = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $incConfig -Warm:$Warm -WarmupConfig $warmupConfig
    $r | Add-Member -NotePropertyName load1 -NotePropertyValue $load
    Assert-RowCount $dstDb 'bench_inc' ($Rows + $IncrementalRows) $Label
    $copied = ($r.results | Measure-Object rows_copied -Sum).Sum
    if ($copied -ne $IncrementalRows) { throw "$Label reported $copied rows copied, expected $IncrementalRows" }
    Write-Line ("{0}: {1}  ({2} rows; action {3}; table {4}; module CPU {5}; child wall {6}; VmHWM {7}; load {8}{9})" -f $Label, (Format-Seconds $r.elapsed_ms),
        (Format-Count $copied), $r.results[0].action, (Format-Seconds $r.results[0].duration_ms), (Format-Seconds $r.cpu_ms), (Format-Seconds $r.wall_ms),
        (Format-Mb $r.vmhwm_kb), $load, (Get-WarmupText $r))
    $r
}

function Get-Diagnosis([object]$Report, [object[]]$Events) {
    # Where the time of one Invoke-TableRefresh went, from the server's statement log.
    $start = [DateTimeOffset]::FromUnixTimeMilliseconds([long]$Report.start_unix_ms).UtcDateTime
    $end = [DateTimeOffset]::FromUnixTimeMilliseconds([long]$Report.end_unix_ms).UtcDateTime
    $inWindow = @($Events | Where-Object { $_.At -ge $start.AddMilliseconds(-5) -and $_.At -le $end.AddMilliseconds(5) })
    $copies = @($inWindow | Where-Object { $_.Kind -eq 'statement' -and $_.Sql -match '^COPY ' })
    $phases = $null
    if ($copies.Count -gt 0) {
        $copyStart = ($copies | ForEach-Object { $_.At.AddMilliseconds(-$_.DurationMs) } | Measure-Object -Minimum).Minimum
        $copyEnd = ($copies | ForEach-Object At | Measure-Object -Maximum).Maximum
        $phases = [ordered]@{
            before_copy_ms = ($copyStart - $start).TotalMilliseconds
            copy_ms        = ($copyEnd - $copyStart).TotalMilliseconds
            after_copy_ms  = ($end - $copyEnd).TotalMilliseconds
        }
    }
    $statements = @($inWindow | Where-Object Kind -EQ 'statement')
    [ordered]@{
        elapsed_ms                = $Report.elapsed_ms
        table_duration_ms         = $Report.results[0].duration_ms
        plan1_ms                  = $Report.plan1_ms
        plan2_ms                  = $Report.plan2_ms
        plan_estimated_rows       = $Report.plan[0].estimated_rows
        phases                    = $phases
        connections               = @($inWindow | Where-Object Kind -EQ 'connection').Count
        statements                = @($statements | Where-Object { $_.Step -in 'statement', 'execute' }).Count
        server_ms_excluding_copy  = [double](@($statements | Where-Object { $_.Sql -notmatch '^COPY ' } | ForEach-Object DurationMs) + 0 | Measure-Object -Sum).Sum
        log_events                = $Events.Count
        top_statements            = @(Get-PgStatementSummary -Events $statements -Top 10)
        verbose                   = $Report.verbose
    }
}

function Invoke-HistoryLine {
    # (h): $HistoryRows generated rows in bench_dst's history table (made by an earlier refresh), then
    # Get-RefreshHistory -Last 20 in a fresh child pwsh: once cold, five times warm.
    $before = [long](Get-BenchScalar -Cluster $pg -Database $dstDb -Sql 'SELECT count(*) FROM datarefresh_history')
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql ("INSERT INTO datarefresh_history (entry_id, run_id, table_name, attempt, sync_mode, action, status, " +
        "started_at, ended_at, rows_copied, rows_deleted, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated) " +
        "SELECT 'bench-' || i, 'bench-run-' || (i / 50), 'bench_t' || (i % 50), 1, 'FullReplace', 'Full', CASE WHEN i % 10 = 0 THEN 'Failed' ELSE 'Succeeded' END, " +
        "timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute', timestamptz '2020-01-01 00:00:30+00' + i * interval '1 minute', " +
        "CASE WHEN i % 10 = 0 THEN 0 ELSE i % 100000 END, 0, CASE WHEN i % 10 = 0 THEN 'generated failure ' || i END, 'bench', 'postgres', 'bench-host', 1, 'bench', NULL, NULL " +
        "FROM generate_series(1, $HistoryRows) AS g(i)"), 'VACUUM ANALYZE datarefresh_history'
    $generatedMs = $clock.Elapsed.TotalMilliseconds
    $total = $before + $HistoryRows
    $indexes = @(Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql "SELECT indexname FROM pg_indexes WHERE tablename = 'datarefresh_history' ORDER BY indexname")
    Write-Line "history: $(Format-Count $HistoryRows) rows generated in $(Format-Seconds $generatedMs) (table now $(Format-Count $total) rows; indexes: $($indexes -join ', '))"
    $plan = @(Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql ("EXPLAIN (ANALYZE, COSTS OFF) SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, " +
        "rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated " +
        "FROM public.datarefresh_history ORDER BY started_at DESC, entry_id LIMIT 20"))
    $scan = ($plan | Where-Object { $_ -match 'Scan' } | Select-Object -First 1)
    $serverMs = ($plan | Where-Object { $_ -match '^Execution Time: ([\d.]+) ms' } | ForEach-Object { [double]$Matches[1] } | Select-Object -First 1)
    $r = Invoke-HistoryChild -ChildScript $historyChildScript -ModulePath $ModulePath -Config $warmupConfig -Last 20 -Repeat 5
    if ($r.cold_entries -ne 20 -or @($r.warm | Where-Object entries -NE 20).Count -gt 0) { throw "Get-RefreshHistory -Last 20 returned $($r.cold_entries) entries, expected 20" }
    $warmMedian = Get-Median -Values @($r.warm | ForEach-Object { [double]$_.ms })
    Write-Line ("(h) Get-RefreshHistory -Last 20 over {0} history rows: cold {1}, warm {2} (median of {3}); server {4} ({5})" -f (Format-Count $total),
        (Format-Ms $r.cold_ms), (Format-Ms $warmMedian), @($r.warm).Count, $(if ($null -ne $serverMs) { Format-Ms $serverMs } else { '?' }), "$scan".Trim())
    [ordered]@{ history_rows = $total; generated_ms = $generatedMs; indexes = $indexes; cold_ms = $r.cold_ms; warm_median_ms = $warmMedian
        warm_ms = @($r.warm | ForEach-Object ms); server_execution_ms = $serverMs; plan = $plan; child_wall_ms = $r.wall_ms }
}

function Invoke-DashboardLine {
    # (d): $DashboardTables configured tables in bench_dash_src/bench_dash_dst, $DashboardHistoryRows history rows in
    # the target's history table, then the dashboard in a child pwsh: GET / and GET /api/tables, server and client time.
    $dashSrc = 'bench_dash_src'
    $dashDst = 'bench_dash_dst'
    $n = $DashboardTables
    $null = Invoke-BenchPsql -Cluster $pg -Database postgres -Sql "CREATE DATABASE $dashSrc", "CREATE DATABASE $dashDst"
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    # Small tables, made cheaply: one DO block per side (the target holds a few rows fewer, as after a while).
    foreach ($side in @(@($dashSrc, 0), @($dashDst, 3))) {
        $null = Invoke-BenchPsql -Cluster $pg -Database $side[0] -Sql ("DO `$`$ BEGIN FOR i IN 1..$n LOOP " +
            "EXECUTE format('CREATE TABLE dash_t%s (id bigint PRIMARY KEY, label text NOT NULL, created_at timestamptz NOT NULL)', lpad(i::text, 3, '0')); " +
            "EXECUTE format('INSERT INTO dash_t%s SELECT g, ''row '' || g, timestamptz ''2024-01-01 00:00:00+00'' + g * interval ''1 hour'' FROM generate_series(1, %s) g', lpad(i::text, 3, '0'), greatest(i * 5 - $($side[1]), 0)); " +
            "END LOOP; END `$`$"), 'ANALYZE'
    }
    $names = 1..$n | ForEach-Object { 'dash_t{0:d3}' -f $_ }
    $tableYaml = ($names | ForEach-Object -Begin { $k = 0 } -Process {
            $k++
            if ($k % 4 -eq 0) { "  - name: $_`n    sync_mode: incremental`n    incremental_column: id`n    incremental_type: identity" } else { "  - name: $_`n    sync_mode: full_replace" }
        }) -join "`n"
    $usersFile = Join-Path $benchDir 'dashboard-users.json'
    if (Test-Path -LiteralPath $usersFile) { Remove-Item -LiteralPath $usersFile }
    $dashboardYaml = "dashboard:`n  listen: `"http://127.0.0.1:0`"`n  users_file: dashboard-users.json`n  roles:`n    operators: [benchop]"
    $dashConfig = Write-Config 'dashboard.yaml' $tableYaml -SourceDb $dashSrc -TargetDb $dashDst -Tail $dashboardYaml
    # One real refresh creates the history table with the module's own DDL and indexes.
    $seedConfig = Write-Config 'dashboard-seed.yaml' "  - name: dash_t001`n    sync_mode: full_replace" -SourceDb $dashSrc -TargetDb $dashDst
    $null = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $seedConfig
    # Rows shaped like the journal's (HistorySql.CreateTable, RefreshRunner.NewEntry): a run of $n attempts every
    # minute-ish going back from now; the newest twentieth all dash_t001's (a table run far more often than the
    # others), so the newest rows alone do not name every table.
    if ($DashboardHistoryRows -gt 0) {
        $hot = [long][math]::Floor($DashboardHistoryRows * 0.95)
        $null = Invoke-BenchPsql -Cluster $pg -Database $dashDst -Sql ("INSERT INTO datarefresh_history (entry_id, run_id, table_name, attempt, sync_mode, action, status, " +
            "started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) " +
            "SELECT md5('dash' || i), md5('run' || (i / $n)), t.name, CASE WHEN i % 31 = 0 THEN 2 ELSE 1 END, CASE WHEN t.k % 4 = 0 THEN 'Incremental' ELSE 'FullReplace' END, " +
            "CASE WHEN s.status = 'Skipped' THEN 'Skip' WHEN t.k % 4 = 0 THEN 'Incremental' ELSE 'Full' END, s.status, " +
            "now() - ($DashboardHistoryRows - i) * interval '1 minute' - interval '1 hour', " +
            "CASE WHEN s.status = 'Abandoned' THEN NULL ELSE now() - ($DashboardHistoryRows - i) * interval '1 minute' - interval '1 hour' + (i % 90) * interval '1 second' END, " +
            "CASE WHEN s.status = 'Succeeded' THEN (i % 5000) ELSE 0 END, CASE WHEN s.status = 'Succeeded' AND t.k % 4 <> 0 THEN (i % 5000) ELSE 0 END, " +
            "CASE WHEN t.k % 4 = 0 THEN (i % 1000)::text END, CASE WHEN t.k % 4 = 0 AND s.status = 'Succeeded' THEN (i % 1000 + 10)::text END, " +
            "CASE s.status WHEN 'Failed' THEN 'generated failure ' || i WHEN 'Skipped' THEN 'the source table has no rows above the watermark' WHEN 'Abandoned' THEN 'the process running this refresh ended without recording an outcome' END, " +
            "'bench', 'postgres', 'bench-host', 4242, 'bench', NULL, NULL, CASE WHEN s.status = 'Succeeded' THEN 'Passed' END, NULL, NULL " +
            "FROM generate_series(1, $DashboardHistoryRows) AS g(i) " +
            "CROSS JOIN LATERAL (SELECT CASE WHEN i > $hot THEN 1 ELSE (i * 7919) % $n + 1 END AS k) AS kk " +
            "CROSS JOIN LATERAL (SELECT kk.k, 'dash_t' || lpad(kk.k::text, 3, '0') AS name) AS t " +
            "CROSS JOIN LATERAL (SELECT CASE WHEN i % 17 = 0 THEN 'Failed' WHEN i % 53 = 0 THEN 'Skipped' WHEN i % 997 = 0 THEN 'Abandoned' ELSE 'Succeeded' END AS status) AS s"),
            'VACUUM ANALYZE datarefresh_history'
    }
    $total = [long](Get-BenchScalar -Cluster $pg -Database $dashDst -Sql 'SELECT count(*) FROM datarefresh_history')
    $indexes = @(Invoke-BenchPsql -Cluster $pg -Database $dashDst -Sql "SELECT indexname FROM pg_indexes WHERE tablename = 'datarefresh_history' ORDER BY indexname")
    Write-Line ("dashboard: {0} tables per side and {1} history rows made in {2} (indexes: {3})" -f $n, (Format-Count $total), (Format-Seconds $clock.Elapsed.TotalMilliseconds), ($indexes -join ', '))
    $childPath = Join-Path $benchDir 'dashboard-child.ps1'
    [System.IO.File]::WriteAllText($childPath, (Get-BenchDashboardChildScript), [System.Text.UTF8Encoding]::new($false))
    $load = Get-LoadAverage
    $r = Invoke-DashboardChild -ChildScript $childPath -ModulePath $ModulePath -Config $dashConfig -UsersFile $usersFile -Requests $DashboardRequests -Warmups 2
    $line = [ordered]@{ tables = $n; history_rows = $total; indexes = $indexes; requests = $DashboardRequests; warmups = 2; load1 = $load; child_wall_ms = $r.wall_ms; start_ms = $r.start_ms; goal_ms = 200; paths = [ordered]@{} }
    foreach ($path in '/', '/api/tables') {
        $p = $r.paths.$path
        $server = @($p.runs | ForEach-Object { $_.server_ms } | Where-Object { $null -ne $_ } | ForEach-Object { [double]$_ })
        if ($server.Count -ne @($p.runs).Count) { throw "GET $path answered without a Server-Timing header" }
        $clientMs = @($p.runs | ForEach-Object { [double]$_.client_ms })
        $entry = [ordered]@{
            server_median_ms = (Get-Median $server); server_max_ms = ($server | Measure-Object -Maximum).Maximum
            client_median_ms = (Get-Median $clientMs); client_max_ms = ($clientMs | Measure-Object -Maximum).Maximum
            bytes = @($p.runs)[0].bytes; server_ms = $server; client_ms = $clientMs
        }
        if ($path -eq '/api/tables') {
            foreach ($k in 'tables', 'tables_with_last_refresh', 'tables_with_source_rows', 'tables_with_target_rows', 'errors') { $entry[$k] = $p.$k }
            if (@($p.errors).Count -gt 0) { throw "GET /api/tables reported errors: $($p.errors -join '; ')" }
        }
        $line.paths[$path] = $entry
        $label = if ($path -eq '/') { 'dashboard overview (GET /)' } else { 'dashboard /api/tables' }
        Write-Line ("(d) {0,-34} server median {1}, max {2}; client median {3}, max {4}; {5} requests after 2 warm-ups (goal < 200 ms: {6})" -f $label,
            (Format-Ms $entry.server_median_ms), (Format-Ms $entry.server_max_ms), (Format-Ms $entry.client_median_ms), (Format-Ms $entry.client_max_ms), $DashboardRequests,
            $(if ($entry.server_median_ms -lt 200) { 'met' } else { 'not met' }))
    }
    $api = $line.paths['/api/tables']
    Write-Line ("    /api/tables: {0} tables, {1} with a last refresh, {2}/{3} with source/target estimates; {4} bytes; load {5}" -f $api.tables, $api.tables_with_last_refresh,
        $api.tables_with_source_rows, $api.tables_with_target_rows, (Format-Count $api.bytes), $load)
    $line
}

function Get-DashboardSummary($Line) {
    foreach ($path in '/', '/api/tables') {
        $e = $Line.paths[$path]
        $label = if ($path -eq '/') { '(d) dashboard overview (GET /)' } else { '(d) dashboard /api/tables' }
        " {0,-38}server median {1}, max {2}   client median {3}   {4} tables, {5} history rows (goal < 200 ms: {6})" -f $label, (Format-Ms $e.server_median_ms),
            (Format-Ms $e.server_max_ms), (Format-Ms $e.client_median_ms), $Line.tables, (Format-Count $Line.history_rows), $(if ($e.server_median_ms -lt 200) { 'met' } else { 'not met' })
    }
}

function Write-Diagnosis([string]$Title, $D) {
    Write-Line "$($Title): Invoke-TableRefresh $(Format-Seconds $D.elapsed_ms) (result Duration, i.e. empty+copy+identity: $(Format-Seconds $D.table_duration_ms))"
    Write-Line ("  Get-RefreshPlan alone: first call {0}, second call {1}; plan EstimatedRows {2}" -f (Format-Seconds $D.plan1_ms), (Format-Seconds $D.plan2_ms), (Format-Count $D.plan_estimated_rows))
    if ($D.phases) {
        Write-Line ("  timeline (server log): before first COPY {0} | COPY {1} | after COPY {2}" -f (Format-Seconds $D.phases.before_copy_ms),
            (Format-Seconds $D.phases.copy_ms), (Format-Seconds $D.phases.after_copy_ms))
    }
    Write-Line ("  {0} new server connections, {1} statements, {2} ms of server time outside COPY" -f $D.connections, $D.statements,
        ([double]$D.server_ms_excluding_copy).ToString('0.0', $inv))
    foreach ($v in $D.verbose) { Write-Line ("  verbose at {0,8:0.0} ms: {1}" -f $v.ms, $v.message) }
    Write-Line '  server time per statement (top 10):'
    foreach ($s in $D.top_statements) { Write-Line ("    {0,9:0.0} ms  x{1,-3} {2}" -f $s.TotalMs, $s.Calls, $s.Sql) }
}

$pg = $null
$exitCode = 0
$summary = [System.Collections.Generic.List[string]]::new()
$env:SOURCE_DB_USER = 'postgres'
$env:SOURCE_DB_PASSWORD = 'bench'
$env:TARGET_DB_USER = 'postgres'
$env:TARGET_DB_PASSWORD = 'bench'
try {
    Write-Step 'Starting a throwaway PostgreSQL cluster'
    $pg = Start-PgCluster
    Write-Line "PostgreSQL $($pg.ServerVersion) on $($pg.Host):$($pg.Port) ($($pg.BinDir)); fsync=off, synchronous_commit=off"
    $fullConfig = Write-Config 'full.yaml' "  - name: bench_rows`n    sync_mode: full_replace"
    $incConfig = Write-Config 'incremental.yaml' "  - name: bench_inc`n    sync_mode: incremental`n    incremental_column: id`n    incremental_type: identity"
    $stagedConfig = Write-Config 'staged.yaml' "  - name: bench_part`n    strategy: staging_partition_switch`n    sync_mode: full_replace"
    $partFullConfig = Write-Config 'partitioned-full.yaml' "  - name: bench_part`n    strategy: simple_copy`n    sync_mode: full_replace"
    $idxConfig = Write-Config 'indexed.yaml' "  - name: bench_idx`n    sync_mode: full_replace"
    $idxKeepConfig = Write-Config 'indexed-keep.yaml' "  - name: bench_idx`n    sync_mode: full_replace" '  index_build_memory_mb: 0'
    $warmupConfig = Write-Config 'warmup.yaml' "  - name: bench_warm`n    sync_mode: full_replace"
    $historyChildScript = Join-Path $benchDir 'history-child.ps1'
    [System.IO.File]::WriteAllText($historyChildScript, (Get-BenchHistoryChildScript), [System.Text.UTF8Encoding]::new($false))

    if ($DashboardOnly) {
        Write-Step "Dashboard line only: $DashboardTables tables, $(Format-Count $DashboardHistoryRows) history rows, GET / and GET /api/tables"
        $dashboardLine = Invoke-DashboardLine
        [System.IO.File]::WriteAllText((Join-Path $benchDir 'results-dashboard.json'), ([ordered]@{ generated_utc = [DateTime]::UtcNow.ToString('o'); postgresql_version = $pg.ServerVersion; d_dashboard = $dashboardLine } | ConvertTo-Json -Depth 6), [System.Text.UTF8Encoding]::new($false))
        Write-Host ''
        Get-DashboardSummary $dashboardLine | ForEach-Object { Write-Host $_ }
        return   # the finally below stops the cluster
    }

    if ($HistoryOnly) {
        # Only line (h): a history table made by one small refresh, then the generated rows.
        Write-Step "History line only: $(Format-Count $HistoryRows) generated history rows, Get-RefreshHistory -Last 20"
        $null = Invoke-BenchPsql -Cluster $pg -Database postgres -Sql "CREATE DATABASE $srcDb", "CREATE DATABASE $dstDb"
        foreach ($db in $srcDb, $dstDb) { $null = Invoke-BenchPsql -Cluster $pg -Database $db -Sql ($tableDdl -f 'bench_warm') }
        $null = Invoke-BenchPsql -Cluster $pg -Database $srcDb -Sql (Get-GenerateSql 'bench_warm' 1 100)
        $null = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $warmupConfig
        $historyLine = Invoke-HistoryLine
        [System.IO.File]::WriteAllText((Join-Path $benchDir 'results-history.json'), ([ordered]@{ generated_utc = [DateTime]::UtcNow.ToString('o'); postgresql_version = $pg.ServerVersion; h_history_last_20 = $historyLine } | ConvertTo-Json -Depth 6), [System.Text.UTF8Encoding]::new($false))
        Write-Host ''
        Write-Host (" (h) Get-RefreshHistory -Last 20 over {0} history rows: cold {1}, warm {2} (PostgreSQL {3})" -f (Format-Count $historyLine.history_rows),
            (Format-Ms $historyLine.cold_ms), (Format-Ms $historyLine.warm_median_ms), ($pg.ServerVersion -split '\s+')[0])
        return   # the finally below stops the cluster
    }

    Write-Step "Creating $srcDb and $dstDb ($(Format-Count $Rows) rows; generate_series; VACUUM ANALYZE)"
    $null = Invoke-BenchPsql -Cluster $pg -Database postgres -Sql "CREATE DATABASE $srcDb", "CREATE DATABASE $dstDb"
    foreach ($db in $srcDb, $dstDb) {
        $null = Invoke-BenchPsql -Cluster $pg -Database $db -Sql (@(($tableDdl -f 'bench_rows'), ($tableDdl -f 'bench_inc'), ($tableDdl -f 'bench_warm'), $maskDdl) + $partitionedDdl + $indexedDdl)
    }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $null = Invoke-BenchPsql -Cluster $pg -Database $srcDb -Sql (Get-GenerateSql 'bench_rows' 1 $Rows), (Get-GenerateSql 'bench_inc' 1 ($Rows + $IncrementalRows)), (Get-GenerateSql 'bench_warm' 1 100),
        "SELECT setval(pg_get_serial_sequence('bench_rows', 'id'), $Rows)", "SELECT setval(pg_get_serial_sequence('bench_inc', 'id'), $($Rows + $IncrementalRows))",
        'VACUUM ANALYZE bench_rows', 'VACUUM ANALYZE bench_inc', (Get-GenerateSql 'bench_idx' 1 $Rows), 'VACUUM ANALYZE bench_idx', (Get-MaskGenerateSql $Rows), 'VACUUM ANALYZE bench_mask'
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql (Get-GenerateSql 'bench_inc' 1 $Rows),
        "SELECT setval(pg_get_serial_sequence('bench_inc', 'id'), $Rows)", 'VACUUM ANALYZE bench_inc', 'VACUUM ANALYZE bench_rows'
    foreach ($db in $srcDb, $dstDb) {
        $null = Invoke-BenchPsql -Cluster $pg -Database $db -Sql (Get-GenerateSql 'bench_part' 1 $Rows),
            "SELECT setval(pg_get_serial_sequence('bench_part', 'id'), $Rows)", 'VACUUM ANALYZE bench_part'
    }
    Assert-PartitionedTarget 'the set-up'
    $size = Get-BenchScalar -Cluster $pg -Database $srcDb -Sql "SELECT pg_size_pretty(pg_table_size('bench_rows')) || ' heap, ' || pg_size_pretty(pg_indexes_size('bench_rows')) || ' index'"
    $avgLabel = Get-BenchScalar -Cluster $pg -Database $srcDb -Sql "SELECT round(avg(length(label)), 1) FROM bench_rows"
    Write-Line "generated in $(Format-Seconds $clock.Elapsed.TotalMilliseconds); $srcDb.bench_rows: $size; avg label length $avgLabel"
    Write-Line "$srcDb.bench_inc $(Format-Count ($Rows + $IncrementalRows)) rows, $dstDb.bench_inc $(Format-Count $Rows) rows, $dstDb.bench_rows empty"
    Write-Line "bench_part in both: $(Format-Count $Rows) rows, RANGE-partitioned on id into $Partitions partitions of $(Format-Count $partitionWidth) ids"

    Write-Step 'Memory baseline: a child pwsh that only imports the module'
    $baseline = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -ImportOnly
    Write-Line "Import-Module $(Format-Seconds $baseline.import_ms); VmHWM $(Format-Mb $baseline.vmhwm_kb); child wall $(Format-Seconds $baseline.wall_ms)"

    Write-Step 'Warm-up, not counted: one (a) (creates the history table) and one (b)'
    Reset-FullTarget
    $null = Invoke-RunA 'warm-up (a)' $Rows
    $null = Invoke-RunB 'warm-up (b)'

    $runsA = [System.Collections.Generic.List[object]]::new()       # cold
    $runsAWarm = [System.Collections.Generic.List[object]]::new()
    $runsB = [System.Collections.Generic.List[object]]::new()
    $runsC = [System.Collections.Generic.List[object]]::new()       # cold
    $runsCWarm = [System.Collections.Generic.List[object]]::new()
    $runsI = [System.Collections.Generic.List[object]]::new()       # indexed table, module (indexes set aside and rebuilt)
    $runsIKeep = [System.Collections.Generic.List[object]]::new()   # indexed table, module with index_build_memory_mb: 0
    $runsJ = [System.Collections.Generic.List[object]]::new()       # indexed table, psql pipe into the indexed empty table
    $labelWidth = 36
    for ($i = 1; $i -le $Runs; $i++) {
        # Odd rounds cold first, even rounds warm first, so neither always follows (b) or the other.
        $warmFirst = ($i % 2) -eq 0
        Write-Step "Round $i of $Runs ($(if ($warmFirst) { 'warm' } else { 'cold' }) first)"
        foreach ($warm in $warmFirst, (-not $warmFirst)) {
            Reset-FullTarget
            $r = Invoke-RunA ("{0,-$labelWidth}" -f "(a) full_replace, empty target, $(if ($warm) { 'warm' } else { 'cold' })") $Rows -Warm:$warm
            if ($warm) { $runsAWarm.Add($r) } else { $runsA.Add($r) }
            if ($warm -eq $warmFirst) { $runsB.Add((Invoke-RunB ("{0,-$labelWidth}" -f '(b) psql COPY binary pipe'))) }
        }
        foreach ($warm in $warmFirst, (-not $warmFirst)) {
            $r = Invoke-RunC ("{0,-$labelWidth}" -f "(c) incremental +$(Format-Count $IncrementalRows), $(if ($warm) { 'warm' } else { 'cold' })") -Warm:$warm
            if ($warm) { $runsCWarm.Add($r) } else { $runsC.Add($r) }
        }
        # (i) and (j): the indexed table, side by side; the order turns with the round.
        $order = if ($warmFirst) { 'j', 'i', 'k' } else { 'i', 'k', 'j' }
        foreach ($line in $order) {
            switch ($line) {
                'i' { $runsI.Add((Invoke-RunI ("{0,-$labelWidth}" -f '(i) indexed table, module, warm') $idxConfig)) }
                'k' { $runsIKeep.Add((Invoke-RunI ("{0,-$labelWidth}" -f '(i0) same, index_build_memory_mb: 0') $idxKeepConfig)) }
                'j' { $runsJ.Add((Invoke-RunB ("{0,-$labelWidth}" -f '(j) psql pipe into indexed table') 'bench_idx')) }
            }
        }
    }

    Write-Step 'For information: (a), cold, onto a stale target that already holds every row (left by the last (a))'
    Assert-RowCount $dstDb 'bench_rows' $Rows 'the last (a)'
    $stale = Invoke-RunA '(a) full_replace, stale target' $Rows

    Write-Step '(m) load_method: merge onto a target that holds every row: nothing changed, then 1% changed, vs a reload (warm, one each)'
    $mergeConfig = Write-Config 'merge.yaml' "  - name: bench_rows`n    sync_mode: full_replace`n    load_method: merge"
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'VACUUM ANALYZE bench_rows'
    $written = { param($r) [long](($r.results | Measure-Object rows_inserted -Sum).Sum + ($r.results | Measure-Object rows_updated -Sum).Sum + ($r.results | Measure-Object rows_deleted -Sum).Sum) }
    $statsSql = "SELECT n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relname = 'bench_rows'"
    $statsBefore = [long](Get-BenchScalar -Cluster $pg -Database $dstDb -Sql $statsSql)
    $merge0 = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $mergeConfig -Warm -WarmupConfig $warmupConfig
    Start-Sleep -Seconds 2   # the child's backend has exited; its statistics reach pg_stat_user_tables
    $statsAfter = [long](Get-BenchScalar -Cluster $pg -Database $dstDb -Sql $statsSql)
    $merge0Written = & $written $merge0
    if ($merge0Written -ne 0) { throw "(m0) merge with nothing changed reported $merge0Written rows written, expected 0" }
    Write-Line ("(m0) merge, nothing changed: {0}  (rows written {1}; n_tup_ins+upd+del moved by {2}; {3} rows staged)" -f (Format-Seconds $merge0.elapsed_ms), $merge0Written,
        ($statsAfter - $statsBefore), (Format-Count $merge0.results[0].rows_copied))
    $changedRows = [long][math]::Floor($Rows / 100)
    $null = Invoke-BenchPsql -Cluster $pg -Database $srcDb -Sql "UPDATE bench_rows SET label = label || '*' WHERE id % 100 = 0", 'VACUUM ANALYZE bench_rows'
    $merge1 = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $mergeConfig -Warm -WarmupConfig $warmupConfig
    if ([long]$merge1.results[0].rows_updated -ne $changedRows) { throw "(m1) merge with 1% changed updated $($merge1.results[0].rows_updated) rows, expected $changedRows" }
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'VACUUM ANALYZE bench_rows'
    $reload1 = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $fullConfig -Warm -WarmupConfig $warmupConfig
    Assert-RowCount $dstDb 'bench_rows' $Rows '(r1) reload'
    $null = Invoke-BenchPsql -Cluster $pg -Database $srcDb -Sql "UPDATE bench_rows SET label = left(label, -1) WHERE id % 100 = 0", 'VACUUM ANALYZE bench_rows'
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'VACUUM ANALYZE bench_rows'
    $mergeRatio = $merge1.elapsed_ms / $reload1.elapsed_ms
    Write-Line ("(m1) merge, 1% changed: {0}  ({1} updated)   (r1) reload of the same table: {2}   m1/r1 = {3} (goal <= 0.5)" -f (Format-Seconds $merge1.elapsed_ms),
        (Format-Count $changedRows), (Format-Seconds $reload1.elapsed_ms), (Format-Ratio $mergeRatio))

    Write-Step "(x) masking: bench_mask full refresh with id: hash, label: full_name, email: email, against the same refresh unmasked (warm, $StagingRuns rounds)"
    $maskedConfig = Write-Config 'masked.yaml' "  - name: bench_mask`n    sync_mode: full_replace`n    masking:`n      id: hash`n      label: full_name`n      email: email"
    $unmaskedConfig = Write-Config 'unmasked.yaml' "  - name: bench_mask`n    sync_mode: full_replace"
    $env:DATAREFRESH_MASKING_KEY = 'bench-masking-key-' + [guid]::NewGuid().ToString('n')   # the children inherit it
    $runsX = [System.Collections.Generic.List[object]]::new()    # masked
    $runsX0 = [System.Collections.Generic.List[object]]::new()   # unmasked
    for ($i = 1; $i -le $StagingRuns; $i++) {
        $maskedFirst = ($i % 2) -eq 1
        foreach ($masked in $maskedFirst, (-not $maskedFirst)) {
            $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'TRUNCATE TABLE bench_mask'
            $label = if ($masked) { '(x) masked (3 columns), warm' } else { '(x0) same table unmasked, warm' }
            $load = Get-LoadAverage
            $r = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $(if ($masked) { $maskedConfig } else { $unmaskedConfig }) -Warm -WarmupConfig $warmupConfig
            $r | Add-Member -NotePropertyName load1 -NotePropertyValue $load
            Assert-RowCount $dstDb 'bench_mask' $Rows $label
            $copied = ($r.results | Measure-Object rows_copied -Sum).Sum
            if ($copied -ne $Rows) { throw "$label reported $copied rows copied, expected $Rows" }
            $plain = [long](Get-BenchScalar -Cluster $pg -Database $dstDb -Sql "SELECT count(*) FROM bench_mask WHERE email LIKE 'user%@corp.example' OR label LIKE 'customer-%'")
            if ($masked -and $plain -ne 0) { throw "$label left $plain production values of label or email in the target" }
            if (-not $masked -and $plain -ne $Rows) { throw "${label}: $plain rows hold their production values, expected $Rows" }
            Write-Line ("{0,-$labelWidth}: {1}  ({2} rows/s; table {3}; module CPU {4}; VmHWM {5})" -f $label, (Format-Seconds $r.elapsed_ms), (Format-Count ($Rows / ($r.elapsed_ms / 1000))),
                (Format-Seconds $r.results[0].duration_ms), (Format-Seconds $r.cpu_ms), (Format-Mb $r.vmhwm_kb))
            if ($masked) { $runsX.Add($r) } else { $runsX0.Add($r) }
        }
    }
    Remove-Item Env:DATAREFRESH_MASKING_KEY
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'TRUNCATE TABLE bench_mask'
    $medX = Get-Median -Values @($runsX | ForEach-Object { [double]$_.elapsed_ms })
    $medX0 = Get-Median -Values @($runsX0 | ForEach-Object { [double]$_.elapsed_ms })
    Write-Line ("masked/unmasked = {0} (goal <= 1.5)" -f (Format-Ratio ($medX / $medX0)))

    Write-Step '(k) Compare-TableState on bench_rows: identical (Checksum), 10 scattered changed rows (Rows), vs the naive psql checksum on each side in turn'
    # The target equals the source again: undo the (m) step's change on the target side too.
    $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql "UPDATE bench_rows SET label = left(label, -1) WHERE id % 100 = 0 AND label LIKE '%*'", 'VACUUM ANALYZE bench_rows'
    $compareConfig = Write-Config 'compare.yaml' "  - name: bench_rows`n    sync_mode: full_replace`n  - name: bench_warm`n    sync_mode: full_replace"
    $compareChild = Join-Path $benchDir 'compare-child.ps1'
    [System.IO.File]::WriteAllText($compareChild, @'
param([string]$ModulePath, [string]$Config, [string]$Method)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$null = Compare-TableState -Config $Config -Table bench_warm -Method $Method   # warm: assemblies, connections, JIT
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$c = @(Compare-TableState -Config $Config -Table bench_rows -Method $Method)
$ms = $clock.Elapsed.TotalMilliseconds
$hwm = if (Test-Path /proc/self/status) { [long]((Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM*' }) -replace '\D', '') } else { 0 }
'BENCH_JSON ' + ([ordered]@{ elapsed_ms = $ms; status = "$($c[0].Status)"; differences = @($c[0].Differences).Count; segments = $c[0].SegmentsChecked; vmhwm_kb = $hwm } | ConvertTo-Json -Compress)
'@, [System.Text.UTF8Encoding]::new($false))
    $invokeCompare = {
        param([string]$Method)
        $out = @(& dotnet pwsh -NoProfile -NonInteractive -File $compareChild -ModulePath $ModulePath -Config $compareConfig -Method $Method 2>&1 | ForEach-Object { "$_" })
        $json = $out | Where-Object { $_.StartsWith('BENCH_JSON ', [StringComparison]::Ordinal) } | Select-Object -Last 1
        if ($LASTEXITCODE -ne 0 -or -not $json) { throw "Compare-TableState child failed: $($out -join ' ')" }
        $json.Substring('BENCH_JSON '.Length) | ConvertFrom-Json
    }
    $runsKa = [System.Collections.Generic.List[object]]::new()
    $runsKb = [System.Collections.Generic.List[object]]::new()
    $runsKc = [System.Collections.Generic.List[double]]::new()
    $naive = "SELECT sum(('x' || substr(md5(t::text), 1, 16))::bit(64)::bigint) FROM bench_rows t"
    $changedIds = @(1..10 | ForEach-Object { [long][math]::Floor($_ * $Rows / 11) })
    for ($i = 1; $i -le $StagingRuns; $i++) {
        $ka = & $invokeCompare 'Checksum'
        if ($ka.status -ne 'Equal') { throw "(k-a) identical tables compared $($ka.status)" }
        $runsKa.Add($ka)
        Write-Line ("(k-a) identical, Checksum: {0}  ({1} segments; VmHWM {2})" -f (Format-Seconds $ka.elapsed_ms), $ka.segments, (Format-Mb $ka.vmhwm_kb))
        $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql "UPDATE bench_rows SET qty = qty + 1 WHERE id IN ($($changedIds -join ', '))"
        $kb = & $invokeCompare 'Rows'
        $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql "UPDATE bench_rows SET qty = qty - 1 WHERE id IN ($($changedIds -join ', '))"
        if ($kb.status -ne 'Different' -or $kb.differences -ne 10) { throw "(k-b) 10 changed rows: $($kb.status), $($kb.differences) differences" }
        $runsKb.Add($kb)
        Write-Line ("(k-b) 10 changed rows, Rows: {0}  ({1} named; {2} segments; VmHWM {3})" -f (Format-Seconds $kb.elapsed_ms), $kb.differences, $kb.segments, (Format-Mb $kb.vmhwm_kb))
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $left = Get-BenchScalar -Cluster $pg -Database $srcDb -Sql $naive
        $right = Get-BenchScalar -Cluster $pg -Database $dstDb -Sql $naive
        $runsKc.Add($clock.Elapsed.TotalMilliseconds)
        if ($left -ne $right) { throw "(k-c) the naive checksums differ: $left vs $right" }
        Write-Line ("(k-c) naive psql md5 sum, source then target: {0}" -f (Format-Seconds $runsKc[-1]))
    }
    $medKa = Get-Median -Values @($runsKa | ForEach-Object { [double]$_.elapsed_ms })
    $medKb = Get-Median -Values @($runsKb | ForEach-Object { [double]$_.elapsed_ms })
    $medKc = Get-Median -Values @($runsKc)
    Write-Line ("a/c = {0} (goal <= 1.0)   b/a = {1} (goal <= 1.5)" -f (Format-Ratio ($medKa / $medKc)), (Format-Ratio ($medKb / $medKa)))

    Write-Step 'Diagnostics, not counted: one (a) and one (c) with every server statement and connection logged'
    Enable-PgStatementLog -Cluster $pg
    try {
        Reset-FullTarget
        $logFrom = Get-PgLogLength -Cluster $pg
        $diagA = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $fullConfig -Diagnose
        Assert-RowCount $dstDb 'bench_rows' $Rows 'the diagnostic (a)'
        $diagnosisA = Get-Diagnosis $diagA @(Read-PgLogEvent -Cluster $pg -From $logFrom -SaveTo (Join-Path $benchDir 'server-log-a.txt'))
        Reset-IncrementalTarget
        $logFrom = Get-PgLogLength -Cluster $pg
        $diagC = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $incConfig -Diagnose
        Assert-RowCount $dstDb 'bench_inc' ($Rows + $IncrementalRows) 'the diagnostic (c)'
        $diagnosisC = Get-Diagnosis $diagC @(Read-PgLogEvent -Cluster $pg -From $logFrom -SaveTo (Join-Path $benchDir 'server-log-c.txt'))
    } finally {
        Disable-PgStatementLog -Cluster $pg
    }
    Write-Diagnosis '(a) full_replace' $diagnosisA
    Write-Diagnosis "(c) incremental +$(Format-Count $IncrementalRows)" $diagnosisC

    # ---- (s) staging_partition_switch against simple_copy on the partitioned copy ----
    # A failure here is reported in the summary (with the module's own error) rather than ending the bench.
    $runsS = [System.Collections.Generic.List[object]]::new()
    $runsS2 = [System.Collections.Generic.List[object]]::new()
    $diagnosisS = $null
    $swapWindow = $null
    $stagingError = $null
    try {
        for ($i = 1; $i -le $StagingRuns; $i++) {
            $stagedFirst = ($i % 2) -eq 1
            Write-Step "staging_partition_switch round $i of $StagingRuns (bench_part, $Partitions partitions, warm; $(if ($stagedFirst) { 'staged' } else { 'simple_copy' }) first)"
            foreach ($staged in $stagedFirst, (-not $stagedFirst)) {
                if ($staged) {
                    $runsS.Add((Invoke-RunS ("{0,-$labelWidth}" -f '(s1) staging_partition_switch full') $stagedConfig -Staged))
                } else {
                    $runsS2.Add((Invoke-RunS ("{0,-$labelWidth}" -f '(s2) simple_copy full_replace') $partFullConfig))
                }
            }
        }

        Write-Step 'Diagnostics, not counted: one (s1) with every server statement and connection logged'
        Enable-PgStatementLog -Cluster $pg
        try {
            $logFrom = Get-PgLogLength -Cluster $pg
            $diagS = Invoke-RefreshChild -ChildScript $childScript -ModulePath $ModulePath -Config $stagedConfig -Diagnose
            Assert-PartitionedTarget 'the diagnostic (s1)'
            $events = @(Read-PgLogEvent -Cluster $pg -From $logFrom -SaveTo (Join-Path $benchDir 'server-log-s.txt'))
        } finally {
            Disable-PgStatementLog -Cluster $pg
        }
        $null = Invoke-BenchPsql -Cluster $pg -Database $dstDb -Sql 'VACUUM ANALYZE bench_part'
        $diagSteps = Get-StagingStep -Steps @($diagS.results[0].steps) -StartUnixMs $diagS.start_unix_ms -ElapsedMs $diagS.elapsed_ms -ExpectedPartitions $Partitions
        $diagnosisS = Get-Diagnosis $diagS $events
        $diagnosisS.plan_reason = $diagS.plan[0].reason
        $swapWindow = Get-StagingSwapWindow -Events $events -LastStagedUnixMs ([double]$diagS.start_unix_ms + $diagSteps.LastStagedAtMs)
        $diagnosisS.steps = $diagSteps
        $diagnosisS.swap = $swapWindow
        Write-Diagnosis '(s1) staging_partition_switch full' $diagnosisS
        Write-Line ("  swap step in the server log: end of the last staging index build -> end of COMMIT {0} (from the last 'staged … and indexed' message {1}; parent locked ACCESS EXCLUSIVE from the first DETACH to COMMIT: {2})" -f
            (Format-Ms $swapWindow.window_ms), (Format-Ms $swapWindow.last_staged_verbose_to_commit_ms), (Format-Ms $swapWindow.detach_to_commit_ms))
        $k = $swapWindow.server_ms_by_kind
        Write-Line ("    server time {0} in {1} statements: count(*) of the old partitions {2}, DETACH {3}, DROP {4}, RENAME {5}, ATTACH {6}, COMMIT {7}, other {8}" -f
            (Format-Ms $swapWindow.server_ms), $swapWindow.statements, (Format-Ms $k.count_old), (Format-Ms $k.detach), (Format-Ms $k.drop), (Format-Ms $k.rename),
            (Format-Ms $k.attach), (Format-Ms $k.commit), (Format-Ms $k.other))
    } catch {
        $stagingError = "$($_.Exception.Message)"
        Write-Host "staging_partition_switch line failed: $stagingError" -ForegroundColor Red
        Write-Host $_.ScriptStackTrace -ForegroundColor DarkGray
    }

    $large = $null
    $growth = [System.Collections.Generic.List[object]]::new()
    if (-not $SkipLarge) {
        # One cold (a) and one (b) per size: peak memory of the module and rows/s of both, for the growth table and the chart.
        $growthSizes = if ($Sizes.Count -gt 0) { $Sizes } else { @($LargeRows) }
        foreach ($size in $growthSizes) {
            Write-Step "Peak memory and growth with $(Format-Count $size) rows: one (a) cold and one (b)"
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $null = Invoke-BenchPsql -Cluster $pg -Database $srcDb -Sql 'TRUNCATE TABLE bench_rows', (Get-GenerateSql 'bench_rows' 1 $size), 'VACUUM ANALYZE bench_rows'
            Reset-FullTarget
            Write-Line "generated in $(Format-Seconds $clock.Elapsed.TotalMilliseconds)"
            $ra = Invoke-RunA "(a) full_replace, $(Format-Count $size) rows" $size
            $rb = Invoke-RunB "(b) psql pipe, $(Format-Count $size) rows" 'bench_rows' $size
            $growth.Add([ordered]@{ rows = $size; module_ms = $ra.elapsed_ms; module_rows_per_s = $size / ($ra.elapsed_ms / 1000); module_vmhwm_kb = $ra.vmhwm_kb
                pipe_ms = $rb.ElapsedMs; pipe_rows_per_s = $size / ($rb.ElapsedMs / 1000); load1 = $ra.load1 })
            if ($size -eq $LargeRows -or $null -eq $large) { $large = $ra }
        }
        $chartPath = Join-Path $benchDir 'module-vs-pipe.svg'
        Write-BenchChart -Path $chartPath -Points @($growth | ForEach-Object { [pscustomobject]$_ })
        Write-Line "chart: $chartPath"
    }

    Write-Step "(d) the dashboard: $DashboardTables tables, $(Format-Count $DashboardHistoryRows) history rows, GET / and GET /api/tables"
    $dashboardLine = Invoke-DashboardLine

    # Last, so the million generated history rows do not touch the lines above.
    Write-Step "(h) Get-RefreshHistory -Last 20 over $(Format-Count $HistoryRows) generated history rows (cold, then warm)"
    $historyLine = Invoke-HistoryLine

    # ---- summary ----
    # cold = the first command of a new pwsh; warm = after Test-RefreshConfig in the same process (see the help above).
    function Get-RunMedian([object[]]$RunList, [scriptblock]$Value) {
        $values = @($RunList | ForEach-Object $Value | ForEach-Object { [double]$_ })
        if ($values.Count -eq 0) { return [double]::NaN }   # e.g. the (s) line failed before any run
        Get-Median $values
    }
    function Get-RunJson([object[]]$RunList) {
        @($RunList | ForEach-Object {
                $j = [ordered]@{ elapsed_ms = $_.elapsed_ms; table_duration_ms = $_.results[0].duration_ms; module_cpu_ms = $_.cpu_ms; child_wall_ms = $_.wall_ms; vmhwm_kb = $_.vmhwm_kb; load1 = $_.load1 }
                if ($_.PSObject.Properties['warmup_ms']) { $j.warmup_test_refreshconfig_ms = $_.warmup_ms }
                $j
            })
    }
    $medA = Get-RunMedian $runsA { $_.elapsed_ms }
    $medAWarm = Get-RunMedian $runsAWarm { $_.elapsed_ms }
    $medB = Get-Median @($runsB | ForEach-Object { [double]$_.ElapsedMs })
    $medC = Get-RunMedian $runsC { $_.elapsed_ms }
    $medCWarm = Get-RunMedian $runsCWarm { $_.elapsed_ms }
    $medI = Get-RunMedian $runsI { $_.elapsed_ms }
    $medIKeep = Get-RunMedian $runsIKeep { $_.elapsed_ms }
    $medJ = Get-Median @($runsJ | ForEach-Object { [double]$_.ElapsedMs })
    $cpuA = Get-RunMedian $runsA { $_.cpu_ms }
    $cpuAWarm = Get-RunMedian $runsAWarm { $_.cpu_ms }
    $cpuC = Get-RunMedian $runsC { $_.cpu_ms }
    $cpuCWarm = Get-RunMedian $runsCWarm { $_.cpu_ms }
    $cpuBValues = @($runsB | Where-Object { $null -ne $_.CpuMs } | ForEach-Object { [double]$_.CpuMs })
    $cpuB = if ($cpuBValues.Count -gt 0) { Get-Median $cpuBValues } else { $null }
    $loads = @(@($runsA) + @($runsAWarm) + @($runsC) + @($runsCWarm) + @($runsS) + @($runsS2) + @($runsI) + @($runsIKeep) | ForEach-Object { $_.load1 }) + @(@($runsB) + @($runsJ) | ForEach-Object { $_.Load1 }) |
        Where-Object { $null -ne $_ } | ForEach-Object { [double]$_ }
    $loadMin = if ($loads) { ($loads | Measure-Object -Minimum).Minimum } else { $null }
    $loadMax = if ($loads) { ($loads | Measure-Object -Maximum).Maximum } else { $null }
    $medWallA = Get-RunMedian $runsA { $_.wall_ms }
    $medWallAWarm = Get-RunMedian $runsAWarm { $_.wall_ms }
    $medWallC = Get-RunMedian $runsC { $_.wall_ms }
    $medWallCWarm = Get-RunMedian $runsCWarm { $_.wall_ms }
    $warmupA = Get-RunMedian $runsAWarm { $_.warmup_ms }
    $warmupC = Get-RunMedian $runsCWarm { $_.warmup_ms }
    # Peak memory from the cold (a) runs, as before; the warm ones are in results.json.
    $hwmA = ($runsA | ForEach-Object { [double]$_.vmhwm_kb } | Measure-Object -Maximum).Maximum
    $hwmAWarm = ($runsAWarm | ForEach-Object { [double]$_.vmhwm_kb } | Measure-Object -Maximum).Maximum
    $hwmC = ($runsC | ForEach-Object { [double]$_.vmhwm_kb } | Measure-Object -Maximum).Maximum
    $hwmCWarm = ($runsCWarm | ForEach-Object { [double]$_.vmhwm_kb } | Measure-Object -Maximum).Maximum
    $ab = $medA / $medB
    $abWarm = $medAWarm / $medB
    $ca = $medC / $medA
    $caWarm = $medCWarm / $medAWarm
    $overA = Get-RunMedian $runsA { [double]$_.elapsed_ms - [double]$_.results[0].duration_ms }
    $overAWarm = Get-RunMedian $runsAWarm { [double]$_.elapsed_ms - [double]$_.results[0].duration_ms }
    $overC = Get-RunMedian $runsC { [double]$_.elapsed_ms - [double]$_.results[0].duration_ms }
    $overCWarm = Get-RunMedian $runsCWarm { [double]$_.elapsed_ms - [double]$_.results[0].duration_ms }
    $serverVersion = ($pg.ServerVersion -split '\s+')[0]
    # (s): medians over the rounds that completed; a failure leaves NaN and its error.
    $medS = Get-RunMedian $runsS { $_.elapsed_ms }
    $medS2 = Get-RunMedian $runsS2 { $_.elapsed_ms }
    $medSwap = Get-RunMedian $runsS { $_.steps.SwapMs }
    $medStage = Get-RunMedian $runsS { $_.steps.StageMs }
    $medFinish = Get-RunMedian $runsS { $_.steps.FinishMs }
    $medPrepare = Get-RunMedian $runsS { $_.steps.PrepareMs }
    $stagingJson = [ordered]@{
        table                 = 'bench_part'
        layout                = "RANGE on id, $Partitions partitions of $partitionWidth ids, identical in source and target"
        partitions            = $Partitions
        rows                  = $Rows
        runs                  = $StagingRuns
        process               = 'warm, -Verbose timestamped (both)'
        target_before         = "populated with the same $Rows rows (left by the previous run)"
        error                 = $stagingError
        staged                = [ordered]@{
            config = 'strategy: staging_partition_switch, sync_mode: full_replace'; median_ms = $medS; median_rows_per_s = $Rows / ($medS / 1000)
            median_child_wall_ms = (Get-RunMedian $runsS { $_.wall_ms }); median_module_cpu_ms = (Get-RunMedian $runsS { $_.cpu_ms })
            median_prepare_ms = $medPrepare; median_stage_ms = $medStage; median_swap_ms = $medSwap; median_finish_ms = $medFinish
            runs = @($runsS | ForEach-Object {
                    [ordered]@{ elapsed_ms = $_.elapsed_ms; table_duration_ms = $_.results[0].duration_ms; prepare_ms = $_.steps.PrepareMs; stage_ms = $_.steps.StageMs
                        swap_ms = $_.steps.SwapMs; finish_ms = $_.steps.FinishMs; module_cpu_ms = $_.cpu_ms; child_wall_ms = $_.wall_ms; vmhwm_kb = $_.vmhwm_kb; load1 = $_.load1
                        warmup_test_refreshconfig_ms = $_.warmup_ms; verbose = $_.verbose }
                })
        }
        simple_copy           = [ordered]@{
            config = 'strategy: simple_copy, sync_mode: full_replace (count, TRUNCATE, COPY)'; median_ms = $medS2; median_rows_per_s = $Rows / ($medS2 / 1000)
            median_child_wall_ms = (Get-RunMedian $runsS2 { $_.wall_ms }); median_module_cpu_ms = (Get-RunMedian $runsS2 { $_.cpu_ms }); runs = @(Get-RunJson $runsS2)
        }
        ratio_staged_over_simple_copy = $medS / $medS2
        swap_step             = [ordered]@{
            definition = "verbose: the last partition's '… staged in … and indexed' -> '… partition(s) swapped in' (per partition: count(*), DETACH, DROP, RENAME, ATTACH, tidy)"
            median_ms  = $medSwap
            runs_ms    = @($runsS | ForEach-Object { $_.steps.SwapMs })
            server_log = $swapWindow
        }
        diagnostics           = $diagnosisS
    }
    $coldMeaning = 'cold: Invoke-TableRefresh is the first command of a new pwsh (one-time .NET/Npgsql start-up included)'
    $warmMeaning = 'warm: the same, after Test-RefreshConfig -Config (untimed, read-only) in the same pwsh, as in a session or a job that runs several commands'

    $results = [ordered]@{
        generated_utc        = [DateTime]::UtcNow.ToString('o')
        postgresql_version   = $pg.ServerVersion
        rows                 = $Rows
        incremental_rows     = $IncrementalRows
        runs                 = $Runs
        batch_size           = $BatchSize
        processors           = [Environment]::ProcessorCount
        target_before_a      = 'empty (TRUNCATE, untimed), as for (b)'
        cold                 = $coldMeaning
        warm                 = $warmMeaning
        a_full_replace       = [ordered]@{
            process = 'cold'; median_ms = $medA; median_rows_per_s = $Rows / ($medA / 1000); median_child_wall_ms = $medWallA; median_module_cpu_ms = $cpuA; max_vmhwm_kb = $hwmA
            median_outside_table_ms = $overA; runs = @(Get-RunJson $runsA)
        }
        a_full_replace_warm  = [ordered]@{
            process = 'warm'; median_ms = $medAWarm; median_rows_per_s = $Rows / ($medAWarm / 1000); median_child_wall_ms = $medWallAWarm; median_module_cpu_ms = $cpuAWarm; max_vmhwm_kb = $hwmAWarm
            median_outside_table_ms = $overAWarm; median_warmup_test_refreshconfig_ms = $warmupA; runs = @(Get-RunJson $runsAWarm)
        }
        b_psql_copy_pipe     = [ordered]@{ median_ms = $medB; median_rows_per_s = $Rows / ($medB / 1000); median_psql_cpu_ms = $cpuB; runs = @($runsB | ForEach-Object { [ordered]@{ elapsed_ms = $_.ElapsedMs; psql_cpu_ms = $_.CpuMs; load1 = $_.Load1 } }) }
        c_incremental        = [ordered]@{
            process = 'cold'; median_ms = $medC; median_child_wall_ms = $medWallC; median_module_cpu_ms = $cpuC; max_vmhwm_kb = $hwmC
            median_outside_table_ms = $overC; runs = @(Get-RunJson $runsC)
        }
        c_incremental_warm   = [ordered]@{
            process = 'warm'; median_ms = $medCWarm; median_child_wall_ms = $medWallCWarm; median_module_cpu_ms = $cpuCWarm; max_vmhwm_kb = $hwmCWarm
            median_outside_table_ms = $overCWarm; median_warmup_test_refreshconfig_ms = $warmupC; runs = @(Get-RunJson $runsCWarm)
        }
        load1_min            = $loadMin
        load1_max            = $loadMax
        ratio_a_over_b       = $ab
        ratio_a_over_b_warm  = $abWarm
        ratio_c_over_a       = $ca
        ratio_c_over_a_warm  = $caWarm
        goal_a_over_b        = 1.0
        goal_a_over_b_warm   = 0.9
        i_indexed_module     = [ordered]@{ process = 'warm'; table = 'bench_idx: primary key + indexes on qty (int), created_at (timestamptz), label (text)'; median_ms = $medI; runs = @(Get-RunJson $runsI) }
        i_indexed_module_keep_indexes = [ordered]@{ process = 'warm'; config = 'index_build_memory_mb: 0'; median_ms = $medIKeep; runs = @(Get-RunJson $runsIKeep) }
        j_indexed_psql_pipe  = [ordered]@{ median_ms = $medJ; runs = @($runsJ | ForEach-Object { [ordered]@{ elapsed_ms = $_.ElapsedMs; psql_cpu_ms = $_.CpuMs; load1 = $_.Load1 } }) }
        ratio_i_over_j       = $medI / $medJ
        ratio_i0_over_j      = $medIKeep / $medJ
        goal_i_over_j        = 0.7
        growth               = @($growth)
        goal_c_over_a        = 0.1
        m_merge              = [ordered]@{ process = 'warm'; nothing_changed_ms = $merge0.elapsed_ms; nothing_changed_rows_written = $merge0Written; nothing_changed_n_tup_delta = $statsAfter - $statsBefore
            one_percent_changed_ms = $merge1.elapsed_ms; one_percent_rows_updated = $changedRows; reload_same_table_ms = $reload1.elapsed_ms; ratio_merge_over_reload = $mergeRatio; goal_merge_over_reload = 0.5 }
        x_masking            = [ordered]@{ process = 'warm'; table = 'bench_mask: bench_rows + email; masked id: hash, label: full_name, email: email'; masked_median_ms = $medX; unmasked_median_ms = $medX0
            ratio_masked_over_unmasked = $medX / $medX0; goal_masked_over_unmasked = 1.5; masked = @(Get-RunJson $runsX); unmasked = @(Get-RunJson $runsX0) }
        k_compare            = [ordered]@{ process = 'warm'; identical_checksum_ms = $medKa; ten_changed_rows_ms = $medKb; naive_psql_ms = $medKc; ratio_a_over_c = $medKa / $medKc; ratio_b_over_a = $medKb / $medKa
            goal_a_over_c = 1.0; goal_b_over_a = 1.5; vmhwm_kb = @($runsKa | ForEach-Object vmhwm_kb) }
        a_stale_target       = [ordered]@{ process = 'cold'; elapsed_ms = $stale.elapsed_ms; table_duration_ms = $stale.results[0].duration_ms; vmhwm_kb = $stale.vmhwm_kb; rows_deleted = $stale.results[0].rows_deleted }
        baseline_import_only = [ordered]@{ import_ms = $baseline.import_ms; vmhwm_kb = $baseline.vmhwm_kb; child_wall_ms = $baseline.wall_ms }
        large                = $(if ($large) { [ordered]@{ process = 'cold'; rows = $LargeRows; elapsed_ms = $large.elapsed_ms; rows_per_s = $LargeRows / ($large.elapsed_ms / 1000); vmhwm_kb = $large.vmhwm_kb; child_wall_ms = $large.wall_ms } } else { $null })
        s_staging_partition_switch = $stagingJson
        h_history_last_20    = $historyLine
        d_dashboard          = $dashboardLine
        diagnostics          = [ordered]@{ a = $diagnosisA; c = $diagnosisC }
        bench_seconds        = $benchClock.Elapsed.TotalSeconds
    }
    $jsonPath = Join-Path $benchDir 'results.json'
    [System.IO.File]::WriteAllText($jsonPath, ($results | ConvertTo-Json -Depth 8), [System.Text.UTF8Encoding]::new($false))

    $memory = "peak memory (VmHWM, cold (a)): $(Format-Count $Rows) rows $(Format-Mb $hwmA)"
    if ($large) { $memory += ", $(Format-Count $LargeRows) rows $(Format-Mb $large.vmhwm_kb)" } else { $memory += " (large check skipped)" }
    $memory += "   (import only: $(Format-Mb $baseline.vmhwm_kb))"
    Write-Host ''
    Write-Host "Results: $jsonPath; bench took $([math]::Round($benchClock.Elapsed.TotalSeconds)) s"
    Write-Host ''
    $summary.Add("DataRefresh bench (PostgreSQL $serverVersion, $(Format-Count $Rows) rows, $Runs runs each, median)")
    $labelC = "(c) incremental +$(Format-Count $IncrementalRows) rows"
    $rate = { param($ms) "($(Format-Count ($Rows / ($ms / 1000))) rows/s)" }
    $summary.Add((" {0,-38}{1,-32}{2}" -f '(a) Invoke-TableRefresh full_replace', "warm $(Format-Seconds $medAWarm) $(& $rate $medAWarm)",
        "cold $(Format-Seconds $medA) $(& $rate $medA)"))
    $summary.Add((" {0,-38}     {1}" -f '(b) psql COPY binary | COPY binary', "$(Format-Seconds $medB) $(& $rate $medB)"))
    $summary.Add((" {0,-38}{1,-32}{2}" -f $labelC, "warm $(Format-Seconds $medCWarm)", "cold $(Format-Seconds $medC)"))
    $summary.Add((" {0,-38}module {1} {2}   indexes kept (index_build_memory_mb: 0) {3}   psql pipe into the indexed table {4} {5}" -f '(i)/(j) bench_idx, PK + 3 indexes, warm',
        (Format-Seconds $medI), (& $rate $medI), (Format-Seconds $medIKeep), (Format-Seconds $medJ), (& $rate $medJ)))
    $summary.Add((" i/j = {0} (goal <= 0.7)   i0/j = {1}" -f (Format-Ratio ($medI / $medJ)), (Format-Ratio ($medIKeep / $medJ))))
    foreach ($g in $growth) {
        $summary.Add((" growth {0,12} rows: module (cold) {1} ({2} rows/s, VmHWM {3})   pipe {4} ({5} rows/s)   module/pipe {6}" -f (Format-Count $g.rows), (Format-Seconds $g.module_ms),
            (Format-Count $g.module_rows_per_s), (Format-Mb $g.module_vmhwm_kb), (Format-Seconds $g.pipe_ms), (Format-Count $g.pipe_rows_per_s), (Format-Ratio ($g.module_ms / $g.pipe_ms))))
    }
    if ($runsS.Count -gt 0 -and $runsS2.Count -gt 0) {
        $summary.Add((" {0}   whole {1}   swap step {2}   vs simple_copy full_replace {3}" -f "(s) staging_partition_switch full, $Partitions partitions",
            (Format-Seconds $medS), (Format-Seconds $medSwap), (Format-Seconds $medS2)))
        $detail = "     bench_part = the same rows RANGE-partitioned on id, target populated; warm, median of $($runsS.Count)/$($runsS2.Count); s/simple = $(Format-Ratio ($medS / $medS2)); staged: prepare $(Format-Seconds $medPrepare), stage aside $(Format-Seconds $medStage), swap $(Format-Ms $medSwap) ('staged … indexed' -> 'swapped in'), finish (identity, COMMIT, history) $(Format-Seconds $medFinish)"
        $summary.Add($detail)
        if ($swapWindow) {
            $k = $swapWindow.server_ms_by_kind
            $summary.Add(("     swap step to COMMIT, server log of one logged (s1): {0} (last index build -> COMMIT; parent locked from the first DETACH: {1}); server time: count(*) of old partitions {2}, DETACH {3}, DROP {4}, RENAME {5}, ATTACH {6}, COMMIT {7}, other {8}" -f
                (Format-Ms $swapWindow.window_ms), (Format-Ms $swapWindow.detach_to_commit_ms), (Format-Ms $k.count_old), (Format-Ms $k.detach), (Format-Ms $k.drop),
                (Format-Ms $k.rename), (Format-Ms $k.attach), (Format-Ms $k.commit), (Format-Ms $k.other)))
        }
    }
    if ($stagingError) { $summary.Add(" (s) staging_partition_switch FAILED: $stagingError") }
    $summary.Add((" {0,-38}nothing changed {1}, rows written {2}   1% changed {3} vs reload {4}: m1/r1 = {5} (goal <= 0.5)" -f '(m) load_method: merge (warm, one each)',
        (Format-Seconds $merge0.elapsed_ms), $merge0Written, (Format-Seconds $merge1.elapsed_ms), (Format-Seconds $reload1.elapsed_ms), (Format-Ratio $mergeRatio)))
    $summary.Add((" {0,-38}masked {1} {2}   unmasked {3} {4}   masked/unmasked = {5} (goal <= 1.5)" -f '(x) masking id, label, email (warm)',
        (Format-Seconds $medX), (& $rate $medX), (Format-Seconds $medX0), (& $rate $medX0), (Format-Ratio ($medX / $medX0))))
    $summary.Add((" {0,-38}identical (Checksum) {1}   10 changed rows (Rows) {2}   naive psql md5 sum, one side then the other {3}   a/c = {4} (goal <= 1.0)   b/a = {5} (goal <= 1.5)" -f '(k) Compare-TableState bench_rows',
        (Format-Seconds $medKa), (Format-Seconds $medKb), (Format-Seconds $medKc), (Format-Ratio ($medKa / $medKc)), (Format-Ratio ($medKb / $medKa))))
    $summary.Add((" {0,-38}cold {1}, warm {2}, over {3} history rows" -f '(h) Get-RefreshHistory -Last 20', (Format-Ms $historyLine.cold_ms),
        (Format-Ms $historyLine.warm_median_ms), (Format-Count $historyLine.history_rows)))
    Get-DashboardSummary $dashboardLine | ForEach-Object { $summary.Add($_) }
    $summary.Add((" a/b = {0} warm (goal <= 0.9), {1} cold (goal <= 1.0)   c/a = {2} warm, {3} cold (goal <= 0.1)" -f (Format-Ratio $abWarm), (Format-Ratio $ab),
        (Format-Ratio $caWarm), (Format-Ratio $ca)))
    $summary.Add(" warm: the process had already run Test-RefreshConfig and one refresh of a 100-row table (untimed), as in a DBA's session or a job that refreshes several tables; cold: the first command of a new pwsh")
    $summary.Add(" $memory")
    $summary.Add(" target before (a): empty (TRUNCATE, untimed); onto a stale $(Format-Count $Rows)-row target (a, cold) took $(Format-Seconds $stale.elapsed_ms)")
    $summary.Add((" child pwsh wall (median): (a) warm {0}, cold {1}; (c) warm {2}, cold {3}; of which the warm-up (Test-RefreshConfig + a 100-row refresh): (a) {4}, (c) {5}" -f
        (Format-Seconds $medWallAWarm), (Format-Seconds $medWallA), (Format-Seconds $medWallCWarm), (Format-Seconds $medWallC), (Format-Seconds $warmupA), (Format-Seconds $warmupC)))
    $summary.Add((" client CPU (median): module process (a) warm {0}, cold {1}; (c) warm {2}, cold {3}; the two psql of (b) {4}" -f (Format-Seconds $cpuAWarm), (Format-Seconds $cpuA),
        (Format-Seconds $cpuCWarm), (Format-Seconds $cpuC), $(if ($null -ne $cpuB) { Format-Seconds $cpuB } else { '?' })))
    $summary.Add((" outside the table's own work (empty+copy+identity), per call (median): (a) warm {0}, cold {1}; (c) warm {2}, cold {3}" -f
        (Format-Seconds $overAWarm), (Format-Seconds $overA), (Format-Seconds $overCWarm), (Format-Seconds $overC)))
    if ($null -ne $loadMax) {
        $busy = if ($loadMax -gt [Environment]::ProcessorCount) { '  WARNING: the machine was busy with other work; timings are noisy' } else { '' }
        $summary.Add((" 1-min load average at run starts: {0}-{1} on {2} cores{3}" -f $loadMin, $loadMax, [Environment]::ProcessorCount, $busy))
    }
    if ($stagingError) { $exitCode = 1 }
} catch {
    Write-Host "bench failed: $($_.Exception.Message)" -ForegroundColor Red
    Write-Host $_.ScriptStackTrace -ForegroundColor DarkGray
    $exitCode = 1
} finally {
    if ($pg) {
        Write-Host ''
        Write-Host "Stopping the PostgreSQL cluster on port $($pg.Port)"
        Stop-PgCluster $pg
    }
}
if ($summary.Count -gt 0) {
    Write-Host ''
    $summary | ForEach-Object { Write-Host $_ }
}
exit $exitCode
