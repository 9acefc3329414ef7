# End to end through the cmdlets on PostgreSQL: fresh source/target databases made with psql on the throwaway
# cluster that build.ps1 starts (DATAREFRESH_TEST_PG, trust authentication for "postgres"), dropped afterwards.
# Run through `dotnet pwsh ./build.ps1 test -Tier Pester`.

BeforeAll {
    if (-not $env:DATAREFRESH_MODULE) { throw 'DATAREFRESH_MODULE is not set: run these tests through build.ps1 test' }
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    # Imported once per process and never removed: see Module.Tests.ps1 ('survives Remove-Module ...').
    Import-Module $env:DATAREFRESH_MODULE -ErrorAction Stop

    $pg = Get-PgTestServer
    $skipReason = if (-not $pg) { 'DATAREFRESH_TEST_PG is not set: run through build.ps1 test, which starts a throwaway PostgreSQL cluster (needs the PostgreSQL server binaries)' }
    $created = [System.Collections.Generic.List[string]]::new()
    $savedEnv = @{}
    $dir = $null
    if ($skipReason) { return }

    $dir = New-TestDirectory -Prefix 'datarefresh-pg'
    $prefix = "dr_pester_$([guid]::NewGuid().ToString('N').Substring(0, 8))"

    # auth_type: sql takes the login from the environment only; trust authentication ignores the password.
    foreach ($name in 'SOURCE_DB_USER', 'SOURCE_DB_PASSWORD', 'TARGET_DB_USER', 'TARGET_DB_PASSWORD') {
        $savedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:SOURCE_DB_USER = $pg.User
    $env:TARGET_DB_USER = $pg.User
    $env:SOURCE_DB_PASSWORD = 'unused-with-trust-auth'
    $env:TARGET_DB_PASSWORD = 'unused-with-trust-auth'

    function New-PgDatabase([string]$Name) {
        $null = Invoke-Psql -Sql "CREATE DATABASE $Name"
        $created.Add($Name)
        $Name
    }

    function Invoke-PgScalar([string]$Database, [string]$Sql) { (Invoke-Psql -Database $Database -Sql $Sql) -join "`n" }

    function New-PgPair {
        <#
        .SYNOPSIS
        Source and target databases: customers <- orders (a foreign key), events (incremental by id) and scores,
        whose target has a CHECK constraint that some source rows break. The target is an older, edited copy.
        #>
        param([Parameter(Mandatory)] [string]$Tag)
        $src = New-PgDatabase "${prefix}_${Tag}_src"
        $tgt = New-PgDatabase "${prefix}_${Tag}_tgt"
        $schema = @'
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), amount numeric(10,2) NOT NULL);
CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp NOT NULL, payload text);
'@
        $null = Invoke-Psql -Database $src -Sql ($schema + @'
CREATE TABLE scores (id integer PRIMARY KEY, score integer NOT NULL);
INSERT INTO customers SELECT i, 'customer ' || i, 'c' || i || '@example.com' FROM generate_series(1, 50) i;
INSERT INTO orders SELECT i, 1 + i % 50, (i * 1.25)::numeric(10,2) FROM generate_series(1, 200) i;
INSERT INTO events SELECT i, timestamp '2025-01-01' + i * interval '1 minute', 'event ' || i FROM generate_series(1, 1000) i;
INSERT INTO scores SELECT i, i * 15 FROM generate_series(1, 10) i;
'@)
        $null = Invoke-Psql -Database $tgt -Sql ($schema + @'
CREATE TABLE scores (id integer PRIMARY KEY, score integer NOT NULL CHECK (score < 100));
INSERT INTO customers SELECT i, 'customer ' || i || ' (test)', 'test+' || i || '@uat.invalid' FROM generate_series(1, 30) i;
INSERT INTO orders SELECT i, 1 + i % 30, 1.00 FROM generate_series(1, 100) i;
INSERT INTO events SELECT i, timestamp '2025-01-01' + i * interval '1 minute', 'event ' || i FROM generate_series(1, 600) i;
INSERT INTO scores SELECT i, 10 FROM generate_series(1, 3) i;
'@)
        [pscustomobject]@{ Source = $src; Target = $tgt }
    }

    function New-PgConfig {
        param([Parameter(Mandatory)] [string]$Name, [Parameter(Mandatory)] [string]$Source, [Parameter(Mandatory)] [string]$Target,
            [string[]]$Tables = @('orders', 'customers', 'events', 'scores'))
        $entries = @{
            orders    = "  - name: orders`n    sync_mode: full_replace`n"
            customers = "  - name: customers`n    sync_mode: full_replace`n"
            events    = "  - name: events`n    sync_mode: incremental`n    incremental_column: id`n    incremental_type: identity`n"
            scores    = "  - name: scores`n    sync_mode: full_replace`n"
        }
        $text = @"
databases:
  source:
    engine: postgresql
    server: $($pg.Host)
    port: $($pg.Port)
    database: $Source
    auth_type: sql
  target:
    engine: postgresql
    server: $($pg.Host)
    port: $($pg.Port)
    database: $Target
    auth_type: sql
tables:
$(($Tables | ForEach-Object { $entries[$_] }) -join '')settings:
  connection_timeout: 5
  max_retries: 0

"@
        Write-Utf8File (Join-Path $dir "$Name.yaml") $text
    }

    function Get-PgCount([string]$Database, [string[]]$Table = @('customers', 'orders', 'events', 'scores')) {
        $counts = [ordered]@{}
        foreach ($t in $Table) { $counts[$t] = [long](Invoke-PgScalar $Database "SELECT count(*) FROM $t") }
        $counts
    }

    function Get-TerminatingError([scriptblock]$Script) {
        try { $null = & $Script; $null } catch { $_ }
    }
}

AfterAll {
    foreach ($name in $savedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnv[$name]) }
    foreach ($db in $created) {
        # WITH (FORCE): the module's pooled connections may still be open on it.
        try { $null = Invoke-Psql -Sql "DROP DATABASE IF EXISTS $db WITH (FORCE)" } catch { Write-Warning "could not drop $db`: $_" }
    }
    if ($dir) { Remove-TestDirectory $dir }
}

Describe 'PostgreSQL: refresh through the cmdlets' -Tag PostgreSql {
    BeforeAll {
        if ($skipReason) { return }
        $db = New-PgPair 'main'
        $config = New-PgConfig -Name 'main' -Source $db.Source -Target $db.Target
        $sourceCounts = Get-PgCount $db.Source
        $targetCounts = Get-PgCount $db.Target
    }

    BeforeEach {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason }
    }

    Context 'Test-RefreshConfig online' {
        BeforeAll {
            if ($skipReason) { return }
            $checks = @(Test-RefreshConfig -Config $config)
        }

        It 'returns the Configuration, Reachable, Authentication, TableExists, HistoryTable, SourceReadOnly and DistinctDatabases checks' {
            $checks[0].PSTypeNames | Should -Contain 'DataRefresh.Checks.ConfigCheck'
            @($checks | ForEach-Object Check | Sort-Object -Unique) -join ',' |
                Should -Be 'Authentication,Configuration,DistinctDatabases,HistoryTable,Reachable,SourceReadOnly,TableExists'
        }

        It 'passes them all (the superuser source login may only warn that it could write)' {
            $bad = @($checks | Where-Object { "$($_.Outcome)" -ne 'Passed' -and -not ($_.Check -eq 'SourceReadOnly' -and "$($_.Outcome)" -eq 'Warning') })
            ($bad | ForEach-Object { "$($_.Check) $($_.Side): $($_.Outcome) $($_.Message)" }) -join "`n" | Should -BeNullOrEmpty
            foreach ($side in 'Source', 'Target') {
                @($checks | Where-Object { $_.Check -eq 'Reachable' -and $_.Side -eq $side }).Count | Should -Be 1
                @($checks | Where-Object { $_.Check -eq 'Authentication' -and $_.Side -eq $side }).Count | Should -Be 1
                @($checks | Where-Object { $_.Check -eq 'TableExists' -and $_.Side -eq $side }).Count | Should -Be 4
            }
            ($checks | Where-Object Check -EQ 'Authentication' | Select-Object -First 1).Message | Should -Match 'SOURCE_DB_USER'
        }

        It 'reports a database that does not exist as a failed DatabaseExists check, the server as reachable, not an exception' {
            $wrong = New-PgConfig -Name 'wrong-db' -Source "$($db.Source)_nosuch" -Target $db.Target
            $c = @(Test-RefreshConfig -Config $wrong)
            $source = @($c | Where-Object Side -EQ 'Source')
            "$(($source | Where-Object Check -EQ 'Reachable').Outcome)" | Should -Be 'Passed'
            $missing = @($source | Where-Object { "$($_.Outcome)" -eq 'Failed' })
            $missing.Count | Should -Be 1
            $missing[0].Check | Should -Be 'DatabaseExists'
            $missing[0].Message | Should -Match "database `"$($db.Source)_nosuch`" does not exist"
        }

        It 'reports nothing listening at the port as connection refused' {
            $refused = New-PgConfig -Name 'refused' -Source $db.Source -Target $db.Target
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
            (Get-Content -LiteralPath $refused -Raw) -replace '(?s)(target:.*?server: )\S+(\s+port: )\d+', "`${1}127.0.0.1`${2}$port" | Set-Content -LiteralPath $refused -NoNewline
            $reach = @(Test-RefreshConfig -Config $refused) | Where-Object { $_.Check -eq 'Reachable' -and $_.Side -eq 'Target' }
            "$($reach.Outcome)" | Should -Be 'Failed'
            $reach.Message | Should -Match "\(postgresql\): connection refused: nothing is listening at 127\.0\.0\.1:$port"
        }

        It 'reports a history_table that names an ordinary table as a failed HistoryTable check' {
            # orders is not in the run here: a configured table named as history_table is refused by validation.
            $other = New-PgConfig -Name 'history-is-orders' -Source $db.Source -Target $db.Target -Tables customers, events, scores
            Add-Content -LiteralPath $other -Value '  history_table: orders'
            $check = @(Test-RefreshConfig -Config $other) | Where-Object Check -EQ 'HistoryTable'
            "$($check.Outcome)" | Should -Be 'Failed'
            $check.Message | Should -Match 'public\.orders is not a DataRefresh history table'
        }
    }

    Context 'Get-RefreshPlan' {
        BeforeAll {
            if ($skipReason) { return }
            $plans = @(Get-RefreshPlan -Config $config)
            $byTable = @{}
            foreach ($p in $plans) { $byTable[$p.Table] = $p }
        }

        It 'returns typed plans, the parent before the child (config lists the child first)' {
            $plans.Count | Should -Be 4
            foreach ($p in $plans) { $p.PSTypeNames | Should -Contain 'DataRefresh.Planning.RefreshPlan' }
            $names = @($plans | ForEach-Object Table)
            [array]::IndexOf($names, 'customers') | Should -BeLessThan ([array]::IndexOf($names, 'orders'))
        }

        It 'empties and reloads the foreign-key pair together, in one unit' {
            "$($byTable.customers.Action)" | Should -Be 'Full'
            "$($byTable.orders.Action)" | Should -Be 'Full'
            $byTable.customers.Unit | Should -Be $byTable.orders.Unit
            $byTable.events.Unit | Should -Not -Be $byTable.customers.Unit
        }

        It 'estimates the rows of each table' {
            $byTable.customers.EstimatedRows | Should -Be $sourceCounts.customers
            $byTable.orders.EstimatedRows | Should -Be $sourceCounts.orders
            "$($byTable.events.Action)" | Should -Be 'Incremental'
            $byTable.events.Reason | Should -Match 'id > 600'
            $byTable.events.EstimatedRows | Should -Be ($sourceCounts.events - $targetCounts.events)
            $byTable.scores.EstimatedRows | Should -Be $sourceCounts.scores
        }

        It 'writes nothing' {
            $after = Get-PgCount $db.Target
            foreach ($t in $after.Keys) { $after[$t] | Should -Be $targetCounts[$t] -Because $t }
            Invoke-PgScalar $db.Target "SELECT to_regclass('public.datarefresh_history') IS NULL" | Should -Be 't'
        }
    }

    Context 'Invoke-TableRefresh -Force with one failing table' {
        BeforeAll {
            if ($skipReason) { return }
            $errs = @()
            $results = @(Invoke-TableRefresh -Config $config -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
            $byTable = @{}
            foreach ($r in $results) { $byTable[$r.Table] = $r }
        }

        It 'returns a RefreshResult per table' {
            $results.Count | Should -Be 4
            foreach ($r in $results) { $r.PSTypeNames | Should -Contain 'DataRefresh.Execution.RefreshResult' }
            @($results | ForEach-Object RunId | Sort-Object -Unique).Count | Should -Be 1
        }

        It 'reports the table that breaks a CHECK constraint as Failed, with the reason and the server''s detail' {
            "$($byTable.scores.Status)" | Should -Be 'Failed'
            $byTable.scores.Error | Should -Match 'check constraint'
            $byTable.scores.Error | Should -Match 'DETAIL: Failing row contains'
            $byTable.scores.Error | Should -Not -Match 'redacted|Include Error Detail'
            $byTable.scores.RowsCopied | Should -Be 0
        }

        It 'writes one non-terminating TableRefreshFailed error for it' {
            @($errs).Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'TableRefreshFailed*'
            $errs[0].TargetObject | Should -Be 'scores'
            "$($errs[0].CategoryInfo.Category)" | Should -Be 'WriteError'
            $errs[0].Exception.Message | Should -Match 'scores'
            Test-StackTraceText $errs[0].Exception.Message | Should -BeFalse
        }

        It 'rolls the failed table back' {
            Invoke-PgScalar $db.Target 'SELECT count(*) || '':'' || sum(score) FROM scores' | Should -Be '3:30'
        }

        It 'still refreshes the other tables' {
            foreach ($t in 'customers', 'orders', 'events') {
                "$($byTable[$t].Status)" | Should -Be 'Succeeded' -Because "$t`: $($byTable[$t].Error)"
            }
            $byTable.customers.RowsCopied | Should -Be $sourceCounts.customers
            $byTable.customers.RowsDeleted | Should -Be $targetCounts.customers
            $byTable.events.RowsCopied | Should -Be ($sourceCounts.events - $targetCounts.events)
            $byTable.events.WatermarkBefore | Should -Be '600'
            $byTable.events.WatermarkAfter | Should -Be '1000'
        }

        It 'makes the target rows equal to the source rows' {
            $digest = @{
                customers = "SELECT md5(string_agg(id || '|' || name || '|' || coalesce(email, ''), ',' ORDER BY id)) FROM customers"
                orders    = "SELECT md5(string_agg(id || '|' || customer_id || '|' || amount, ',' ORDER BY id)) FROM orders"
                events    = "SELECT md5(string_agg(id || '|' || happened_at || '|' || coalesce(payload, ''), ',' ORDER BY id)) FROM events"
            }
            foreach ($t in $digest.Keys) {
                Invoke-PgScalar $db.Target $digest[$t] | Should -Be (Invoke-PgScalar $db.Source $digest[$t]) -Because $t
            }
        }

        It 'records the run in Get-RefreshHistory, newest first, filterable by -Status and -Table' {
            $history = @(Get-RefreshHistory -Config $config)
            $history.Count | Should -Be 4
            foreach ($h in $history) {
                $h.PSTypeNames | Should -Contain 'DataRefresh.History.HistoryEntry'
                $h.RunId | Should -Be $results[0].RunId
                $h.DatabaseLogin | Should -Be $pg.User
            }
            $failed = @(Get-RefreshHistory -Config $config -Status Failed)
            @($failed | ForEach-Object Table) -join ',' | Should -Be 'scores'
            $failed[0].Error | Should -Match 'check constraint'
            @(Get-RefreshHistory -Config $config -Status Succeeded).Count | Should -Be 3
            $events = @(Get-RefreshHistory -Config $config -Table events)
            $events.Count | Should -Be 1
            $events[0].RowsCopied | Should -Be 400
            $events[0].WatermarkAfter | Should -Be '1000'
        }

        It 'copies only the new rows on the next incremental run' {
            $null = Invoke-Psql -Database $db.Source -Sql "INSERT INTO events SELECT i, timestamp '2025-02-01' + i * interval '1 minute', 'late ' || i FROM generate_series(1001, 1050) i"
            $plan = @(Get-RefreshPlan -Config $config -Table events)
            $plan[0].EstimatedRows | Should -Be 50
            $again = @($plan | Invoke-TableRefresh -Force)
            @($again | ForEach-Object Table) -join ',' | Should -Be 'events'
            "$($again[0].Status)" | Should -Be 'Succeeded'
            $again[0].RowsCopied | Should -Be 50
            $again[0].WatermarkAfter | Should -Be '1050'
            Invoke-PgScalar $db.Target 'SELECT count(*) FROM events' | Should -Be '1050'
            $newest = @(Get-RefreshHistory -Config $config -Last 1)
            $newest[0].RunId | Should -Be $again[0].RunId
            $newest[0].Table | Should -Be 'events'
        }
    }

    Context 'refusing to run' {
        It 'rejects a config whose target is spelled differently but is the source (localhost = 127.0.0.1)' {
            $same = New-PgConfig -Name 'same-config' -Source $db.Source -Target $db.Source
            (Get-Content -LiteralPath $same -Raw) -replace '(?s)(target:.*?server: )\S+', '${1}localhost' | Set-Content -LiteralPath $same -NoNewline
            $err = Get-TerminatingError { Invoke-TableRefresh -Config $same -Force }
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRefreshConfig*'
            $err.Exception.Message | Should -Match 'same database as the source'
            Invoke-PgScalar $db.Source "SELECT to_regclass('public.datarefresh_history') IS NULL" | Should -Be 't'
        }

        It 'refuses (RefusedToRun) when only the servers can tell it is the same database (127.1 = 127.0.0.1)' {
            if ($pg.Host -ne '127.0.0.1') { Set-ItResult -Skipped -Because "the test server is $($pg.Host), not 127.0.0.1 (which 127.1 also reaches)"; return }
            $same = New-PgConfig -Name 'same-server' -Source $db.Source -Target $db.Source
            (Get-Content -LiteralPath $same -Raw) -replace '(?s)(target:.*?server: )\S+', '${1}127.1' | Set-Content -LiteralPath $same -NoNewline
            $err = Get-TerminatingError { Invoke-TableRefresh -Config $same -Force }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'RefusedToRun*'
            $err.Exception.Message | Should -Match 'same database'
            $check = @(Test-RefreshConfig -Config $same) | Where-Object Check -EQ 'DistinctDatabases'
            "$($check.Outcome)" | Should -Be 'Failed'
            Invoke-PgScalar $db.Source "SELECT to_regclass('public.datarefresh_history') IS NULL" | Should -Be 't'
            Invoke-PgScalar $db.Source 'SELECT count(*) FROM customers' | Should -Be "$($sourceCounts.customers)"
        }

        It 'stops with RefusedToRun, naming the table, when history_table names an ordinary table; nothing is written' {
            $other = New-PgConfig -Name 'history-is-customers' -Source $db.Source -Target $db.Target -Tables scores
            Add-Content -LiteralPath $other -Value '  history_table: customers'
            $before = Invoke-PgScalar $db.Target 'SELECT count(*) FROM customers'
            $scores = Invoke-PgScalar $db.Target 'SELECT count(*) || '':'' || sum(score) FROM scores'
            $err = Get-TerminatingError { Invoke-TableRefresh -Config $other -Force }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'RefusedToRun*'
            $err.Exception.Message | Should -Match 'settings\.history_table: public\.customers is not a DataRefresh history table'
            $err.Exception.Message | Should -Not -Match '42703'
            Invoke-PgScalar $db.Target 'SELECT count(*) FROM customers' | Should -Be $before
            Invoke-PgScalar $db.Target 'SELECT count(*) || '':'' || sum(score) FROM scores' | Should -Be $scores
        }

        It 'stops with DatabaseConnectionFailed and no stack trace for a database that does not exist' {
            $wrong = New-PgConfig -Name 'wrong-db-plan' -Source "$($db.Source)_nosuch" -Target $db.Target
            $err = Get-TerminatingError { Invoke-TableRefresh -Config $wrong -Force }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'DatabaseConnectionFailed*'
            $err.Exception.Message | Should -Match "\(postgresql\): database `"$($db.Source)_nosuch`" does not exist"
            Test-StackTraceText ($err.Exception.Message + "`n" + ($err | Out-String)) | Should -BeFalse
        }
    }
}

Describe 'PostgreSQL: -WhatIf against read-only databases' -Tag PostgreSql {
    BeforeAll {
        if ($skipReason) { return }
        # Databases of their own: no pooled session from other tests can predate the read-only default.
        $ro = New-PgPair 'ro'
        $roConfig = New-PgConfig -Name 'readonly' -Source $ro.Source -Target $ro.Target -Tables orders, customers, events
        $roCounts = Get-PgCount $ro.Target -Table customers, orders, events
        foreach ($name in $ro.Source, $ro.Target) {
            $null = Invoke-Psql -Sql "ALTER DATABASE $name SET default_transaction_read_only = on"
        }
    }

    AfterAll {
        if ($skipReason) { return }
        foreach ($name in $ro.Source, $ro.Target) {
            $null = Invoke-Psql -Sql "ALTER DATABASE $name RESET default_transaction_read_only"
        }
    }

    BeforeEach {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason }
    }

    It 'the databases really are read-only for new sessions' {
        Invoke-PgScalar $ro.Target 'SHOW default_transaction_read_only' | Should -Be 'on'
        { Invoke-Psql -Database $ro.Target -Sql 'CREATE TABLE should_fail (id int)' } | Should -Throw '*read-only*'
    }

    It 'Get-RefreshPlan works (it only reads)' {
        $errs = @()
        $plans = @(Get-RefreshPlan -Config $roConfig -ErrorVariable errs -ErrorAction SilentlyContinue)
        @($errs) | Should -BeNullOrEmpty
        $plans.Count | Should -Be 3
    }

    It 'Invoke-TableRefresh -WhatIf runs clean: no results, no errors, no warnings, nothing written' {
        $errs = @()
        $warns = @()
        $results = @(Invoke-TableRefresh -Config $roConfig -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warns -WarningAction SilentlyContinue)
        @($errs | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }) -join "`n" | Should -BeNullOrEmpty
        @($warns) -join "`n" | Should -BeNullOrEmpty
        $results.Count | Should -Be 0
        $after = Get-PgCount $ro.Target -Table customers, orders, events
        foreach ($t in $after.Keys) { $after[$t] | Should -Be $roCounts[$t] -Because $t }
        Invoke-PgScalar $ro.Target "SELECT to_regclass('public.datarefresh_history') IS NULL" | Should -Be 't'
        @(Get-RefreshHistory -Config $roConfig).Count | Should -Be 0
    }

    It 'whereas a real run is refused by the read-only target (so -WhatIf really attempted no write)' {
        $errs = @()
        $results = @(Invoke-TableRefresh -Config $roConfig -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $results.Count | Should -Be 3
        foreach ($r in $results) { "$($r.Status)" | Should -Be 'Failed' -Because $r.Table }
        ($results | ForEach-Object Error) -join "`n" | Should -Match 'read-only'
        @($errs | Where-Object FullyQualifiedErrorId -Like 'TableRefreshFailed*').Count | Should -Be 3
        $after = Get-PgCount $ro.Target -Table customers, orders, events
        foreach ($t in $after.Keys) { $after[$t] | Should -Be $roCounts[$t] -Because $t }
    }
}
