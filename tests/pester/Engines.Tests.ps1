# End to end through the cmdlets, one set of cases run per engine (as the xunit conformance suite is): PostgreSQL,
# SQL Server and SQLite each get fresh source and target databases with the same fixture (New-EnginePair in
# TestSupport.psm1: customers <- orders, events incremental by id, scores whose target has a CHECK constraint that
# some source rows break; SQL Server adds products and gadgets), made with setup SQL and dropped afterwards. What
# differs by engine lives in the descriptor (New-TestEngine); the few cases that only make sense on one engine are in
# blocks marked "Engine-specific", or in the Describe blocks after the shared ones.
#
# Where each engine comes from:
# - PostgreSQL: the throwaway cluster that build.ps1 test starts (DATAREFRESH_TEST_PG, trust authentication for
#   "postgres"). Without it the PostgreSQL cases skip, saying why; the CI script fails a run in which they did.
# - SQLite: files in a temp folder, setup SQL through build/DemoData (`sql <file>`). Always runs.
# - SQL Server: DATAREFRESH_TEST_SQLSERVER, a SqlClient connection string for a login that may CREATE DATABASE;
#   setup SQL through Microsoft.Data.SqlClient 5.2.2 (Invoke-SqlServerSql). Without it the SQL Server cases skip,
#   saying why (one SQL Server case needs no server and runs everywhere). The Pester tier starts no container itself.
#   With Docker, a contributor runs (in pwsh; the server needs ~20 s to start):
#
#     docker run -d -e ACCEPT_EULA=Y -e MSSQL_SA_PASSWORD='Str0ng!Passw0rd' -p 1433:1433 mcr.microsoft.com/mssql/server:2022-latest
#     $env:DATAREFRESH_TEST_SQLSERVER='Server=127.0.0.1,1433;User ID=sa;Password=Str0ng!Passw0rd;TrustServerCertificate=true'
#     dotnet pwsh ./build.ps1 test -Tier Pester,SqlServer
#
#   (in bash: export DATAREFRESH_TEST_SQLSERVER='...'). The same variable makes the xunit SqlServer tier use that
#   server. The configurations take SQL logins from SOURCE_DB_USER/SOURCE_DB_PASSWORD/TARGET_DB_USER/
#   TARGET_DB_PASSWORD, which the descriptor sets from the connection string (and restores afterwards); a connection
#   string with Integrated Security=true gives auth_type: windows instead.
#
# Run through `dotnet pwsh ./build.ps1 test -Tier Pester` (sets DATAREFRESH_MODULE and DATAREFRESH_TEST_PG).

BeforeDiscovery {
    $engines = @(
        @{ Name = 'PostgreSQL'; Key = 'postgresql'; Tag = 'PostgreSql' }
        @{ Name = 'SQL Server'; Key = 'sqlserver'; Tag = 'SqlServer' }
        @{ Name = 'SQLite'; Key = 'sqlite'; Tag = 'Sqlite' }
    )
}

BeforeAll {
    if (-not $env:DATAREFRESH_MODULE) { throw 'DATAREFRESH_MODULE is not set: run these tests through build.ps1 test' }
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    # Imported once per process and never removed: see Module.Tests.ps1 ('survives Remove-Module ...').
    Import-Module $env:DATAREFRESH_MODULE -ErrorAction Stop
}

foreach ($engineCase in $engines) {
    Describe "$($engineCase.Name): refresh through the cmdlets" -Tag $engineCase.Tag -ForEach @($engineCase) {
        BeforeAll {
            $e = New-TestEngine $Key
            if ($e.SkipReason) { return }
            $db = New-EnginePair $e 'main'
            $config = New-EngineConfig $e -Name 'main' -Source $db.Source -Target $db.Target
            $sourceCounts = Get-EngineCount $e $db.Source
            $targetCounts = Get-EngineCount $e $db.Target
            $missing = Get-EngineMissingDatabase $e $db.Source
        }

        AfterAll {
            Remove-TestEngine $e
        }

        BeforeEach {
            if ($e.SkipReason) { Set-ItResult -Skipped -Because $e.SkipReason }
        }

        Context 'Test-RefreshConfig online' {
            BeforeAll {
                if ($e.SkipReason) { return }
                $checks = @(Test-RefreshConfig -Config $config)
            }

            It 'returns the Configuration, Reachable, Authentication, TableExists, HistoryTable, SourceReadOnly and DistinctDatabases checks' {
                $checks[0].PSTypeNames | Should -Contain 'DataRefresh.Checks.ConfigCheck'
                @($checks | ForEach-Object Check | Sort-Object -Unique) -join ',' |
                    Should -Be 'Authentication,Configuration,DistinctDatabases,HistoryTable,Reachable,SourceReadOnly,TableExists'
            }

            It 'passes them all (a source login or file that could write is only a SourceReadOnly warning)' {
                $bad = @($checks | Where-Object { "$($_.Outcome)" -ne 'Passed' -and -not ($_.Check -eq 'SourceReadOnly' -and "$($_.Outcome)" -eq 'Warning') })
                ($bad | ForEach-Object { "$($_.Check) $($_.Side): $($_.Outcome) $($_.Message)" }) -join "`n" | Should -BeNullOrEmpty
                foreach ($side in 'Source', 'Target') {
                    @($checks | Where-Object { $_.Check -eq 'Reachable' -and $_.Side -eq $side }).Count | Should -Be 1
                    @($checks | Where-Object { $_.Check -eq 'Authentication' -and $_.Side -eq $side }).Count | Should -Be 1
                    @($checks | Where-Object { $_.Check -eq 'TableExists' -and $_.Side -eq $side }).Count | Should -Be $e.Tables.Count
                }
                @($checks | Where-Object Check -EQ 'SourceReadOnly').Count | Should -Be 1
                $distinct = @($checks | Where-Object Check -EQ 'DistinctDatabases')
                $distinct.Count | Should -Be 1
                "$($distinct[0].Outcome)" | Should -Be 'Passed'
                if ($e.UsesLogin) {
                    ($checks | Where-Object Check -EQ 'Authentication' | Select-Object -First 1).Message | Should -Match 'SOURCE_DB_USER'
                }
            }

            It 'reports a database that does not exist as a failed DatabaseExists check, the server as reachable, not an exception' {
                $wrong = New-EngineConfig $e -Name 'wrong-db' -Source $missing -Target $db.Target
                $c = @(Test-RefreshConfig -Config $wrong)
                $source = @($c | Where-Object Side -EQ 'Source')
                # A server answers for a database it does not have; a SQLite file that does not exist has no Reachable check.
                if ($Key -ne 'sqlite') { "$(($source | Where-Object Check -EQ 'Reachable').Outcome)" | Should -Be 'Passed' }
                "$(($c | Where-Object { $_.Check -eq 'Reachable' -and $_.Side -eq 'Target' }).Outcome)" | Should -Be 'Passed'
                $failed = @($source | Where-Object { "$($_.Outcome)" -eq 'Failed' })
                $failed.Count | Should -Be 1
                $failed[0].Check | Should -Be 'DatabaseExists'
                $failed[0].Message | Should -Match 'nosuch'
                $failed[0].Message | Should -Match (Get-EngineMissingDatabaseMessage $e $missing)
                if ($Key -eq 'sqlite') { Test-Path -LiteralPath $missing | Should -BeFalse -Because 'checking creates no file' }
            }

            if ($Key -eq 'postgresql') {
                # Engine-specific (PostgreSQL): a port nobody listens at; a history_table naming an ordinary table.
                It 'reports nothing listening at the port as connection refused' {
                    $refused = New-EngineConfig $e -Name 'refused' -Source $db.Source -Target $db.Target
                    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
                    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
                    (Get-Content -LiteralPath $refused -Raw) -replace '(?s)(target:.*?server: )\S+(\s+port: )\d+', "`${1}127.0.0.1`${2}$port" | Set-Content -LiteralPath $refused -NoNewline
                    $reach = @(Test-RefreshConfig -Config $refused) | Where-Object { $_.Check -eq 'Reachable' -and $_.Side -eq 'Target' }
                    "$($reach.Outcome)" | Should -Be 'Failed'
                    $reach.Message | Should -Match "\(postgresql\): connection refused: nothing is listening at 127\.0\.0\.1:$port"
                }

                It 'reports a history_table that names an ordinary table as a failed HistoryTable check' {
                    # orders is not in the run here: a configured table named as history_table is refused by validation.
                    $other = New-EngineConfig $e -Name 'history-is-orders' -Source $db.Source -Target $db.Target -Tables customers, events, scores
                    Add-Content -LiteralPath $other -Value '  history_table: orders'
                    $check = @(Test-RefreshConfig -Config $other) | Where-Object Check -EQ 'HistoryTable'
                    "$($check.Outcome)" | Should -Be 'Failed'
                    $check.Message | Should -Match 'public\.orders is not a DataRefresh history table'
                }
            }
        }

        Context 'Get-RefreshPlan' {
            BeforeAll {
                if ($e.SkipReason) { return }
                $plans = @(Get-RefreshPlan -Config $config)
                $byTable = @{}
                foreach ($p in $plans) { $byTable[$p.Table] = $p }
            }

            It 'returns typed plans, the parent before the child (config lists the child first)' {
                $plans.Count | Should -Be $e.Tables.Count
                foreach ($p in $plans) { $p.PSTypeNames | Should -Contain 'DataRefresh.Planning.RefreshPlan' }
                $names = @($plans | ForEach-Object Table)
                [array]::IndexOf($names, 'customers') | Should -BeLessThan ([array]::IndexOf($names, 'orders'))
            }

            It 'empties and reloads the foreign-key pair together, in one unit, estimating every source row' {
                "$($byTable.customers.Action)" | Should -Be 'Full'
                "$($byTable.orders.Action)" | Should -Be 'Full'
                $byTable.customers.Unit | Should -Be $byTable.orders.Unit
                $byTable.events.Unit | Should -Not -Be $byTable.customers.Unit
                $byTable.customers.EstimatedRows | Should -Be $sourceCounts.customers
                $byTable.orders.EstimatedRows | Should -Be $sourceCounts.orders
            }

            It 'copies only the identity values above the target MAX (the watermark)' {
                "$($byTable.events.Action)" | Should -Be 'Incremental'
                [long]$byTable.events.Watermark | Should -Be 600
                $byTable.events.Reason | Should -Match 'id > 600'
                $byTable.events.SourceFilter | Should -Match '\bid["\]]? > 600$'
                $byTable.events.EstimatedRows | Should -Be ($sourceCounts.events - $targetCounts.events)
            }

            It 'plans the table whose target has a CHECK constraint like any other (the server checks it at load)' {
                "$($byTable.scores.Action)" | Should -Be 'Full'
                $byTable.scores.EstimatedRows | Should -Be $sourceCounts.scores
            }

            if ($Key -eq 'sqlserver') {
                # Engine-specific (SQL Server): datetime2(7) watermarks; computed and rowversion columns.
                It 'smart_sync goes incremental from a datetime2(7) watermark, to the 100 ns' {
                    "$($byTable.products.Action)" | Should -Be 'Incremental'
                    $byTable.products.WatermarkValue | Should -BeOfType [datetime]
                    $byTable.products.Watermark | Should -Be '2025-01-01 01:00:00.1234567'
                    $byTable.products.Reason | Should -Match 'smart_sync chose incremental'
                    $byTable.products.Reason | Should -BeLike '*last_modified > 2025-01-01 01:00:00.1234567*'
                    $byTable.products.EstimatedRows | Should -Be 40
                }

                It 'copies neither the computed nor the rowversion column, and says so in Warnings' {
                    "$($byTable.gadgets.Action)" | Should -Be 'Full'
                    @($byTable.gadgets.Columns) -join ',' | Should -Be ($e.Copied.gadgets -join ',')
                    $warnings = @($byTable.gadgets.Warnings) -join "`n"
                    $warnings | Should -Match 'column total is computed in the target'
                    $warnings | Should -Match 'column rv is a rowversion in the target'
                    $byTable.gadgets.EstimatedRows | Should -Be $sourceCounts.gadgets
                }
            }

            It 'writes nothing' {
                $after = Get-EngineCount $e $db.Target
                foreach ($t in $after.Keys) { $after[$t] | Should -Be $targetCounts[$t] -Because $t }
                Test-EngineHistoryTable $e $db.Target | Should -BeFalse
            }
        }

        Context 'Invoke-TableRefresh -WhatIf' {
            It 'runs clean: no results, no errors, no warnings, nothing written, no history table' {
                $errs = @()
                $warns = @()
                $results = @(Invoke-TableRefresh -Config $config -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warns -WarningAction SilentlyContinue)
                @($errs | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }) -join "`n" | Should -BeNullOrEmpty
                @($warns) -join "`n" | Should -BeNullOrEmpty
                $results.Count | Should -Be 0
                $after = Get-EngineCount $e $db.Target
                foreach ($t in $after.Keys) { $after[$t] | Should -Be $targetCounts[$t] -Because $t }
                Get-EngineDigest $e $db.Target 'customers' | Should -Not -Be (Get-EngineDigest $e $db.Source 'customers')
                Test-EngineHistoryTable $e $db.Target | Should -BeFalse
                Test-EngineHistoryTable $e $db.Source | Should -BeFalse
                @(Get-RefreshHistory -Config $config).Count | Should -Be 0
            }
        }

        Context 'Invoke-TableRefresh -Force with one failing table' {
            BeforeAll {
                if ($e.SkipReason) { return }
                $errs = @()
                $results = @(Invoke-TableRefresh -Config $config -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
                $byTable = @{}
                foreach ($r in $results) { $byTable[$r.Table] = $r }
            }

            It 'returns a RefreshResult per table' {
                $results.Count | Should -Be $e.Tables.Count
                foreach ($r in $results) { $r.PSTypeNames | Should -Contain 'DataRefresh.Execution.RefreshResult' }
                @($results | ForEach-Object RunId | Sort-Object -Unique).Count | Should -Be 1
            }

            It 'reports the table that breaks a CHECK constraint as Failed, with the reason' {
                "$($byTable.scores.Status)" | Should -Be 'Failed'
                $byTable.scores.Error | Should -Match 'check constraint'
                $byTable.scores.RowsCopied | Should -Be 0
            }

            if ($Key -eq 'postgresql') {
                # Engine-specific (PostgreSQL): the server's DETAIL line, which Npgsql redacts unless told not to.
                It 'gives the server''s detail in the reason, unredacted' {
                    $byTable.scores.Error | Should -Match 'DETAIL: Failing row contains'
                    $byTable.scores.Error | Should -Not -Match 'redacted|Include Error Detail'
                }
            }

            It 'writes one non-terminating TableRefreshFailed error for it' {
                @($errs).Count | Should -Be 1
                $errs[0].FullyQualifiedErrorId | Should -BeLike 'TableRefreshFailed*'
                $errs[0].TargetObject | Should -Be 'scores'
                "$($errs[0].CategoryInfo.Category)" | Should -Be 'WriteError'
                $errs[0].Exception.Message | Should -Match 'scores'
                Test-StackTraceText $errs[0].Exception.Message | Should -BeFalse
            }

            It 'rolls the failed table back: it stays as it was' {
                Get-EngineScoreSummary $e $db.Target | Should -Be '3:30'
            }

            It 'still refreshes the other tables' {
                foreach ($t in $e.Tables | Where-Object { $_ -ne 'scores' }) {
                    "$($byTable[$t].Status)" | Should -Be 'Succeeded' -Because "$t`: $($byTable[$t].Error)"
                }
                $byTable.customers.RowsCopied | Should -Be $sourceCounts.customers
                $byTable.customers.RowsDeleted | Should -Be $targetCounts.customers
                $byTable.orders.RowsCopied | Should -Be $sourceCounts.orders
                $byTable.events.RowsCopied | Should -Be ($sourceCounts.events - $targetCounts.events)
                $byTable.events.WatermarkBefore | Should -Be '600'
                $byTable.events.WatermarkAfter | Should -Be '1000'
            }

            if ($Key -eq 'sqlserver') {
                # Engine-specific (SQL Server): the tables only its fixture has.
                It 'refreshes gadgets in full and products from its datetime2(7) watermark' {
                    $byTable.gadgets.RowsCopied | Should -Be $sourceCounts.gadgets
                    $byTable.products.RowsCopied | Should -Be 40
                    $byTable.products.WatermarkBefore | Should -Be '2025-01-01 01:00:00.1234567'
                    $byTable.products.WatermarkAfter | Should -Be '2025-01-01 01:40:00.1234567'
                }
            }

            It 'makes the target rows equal to the source rows (a digest of the copied columns)' {
                foreach ($t in $e.Copied.Keys) {
                    $sourceCounts[$t] | Should -BeGreaterThan 0
                    Get-EngineDigest $e $db.Target $t | Should -Be (Get-EngineDigest $e $db.Source $t) -Because $t
                }
            }

            if ($Key -eq 'sqlserver') {
                # Engine-specific (SQL Server): computed columns and IDENTITY.
                It 'lets the server compute the computed column from the copied ones' {
                    Get-EngineDigest $e $db.Target 'gadgets' 'id', 'total' | Should -Be (Get-EngineDigest $e $db.Source 'gadgets' 'id', 'total')
                }

                It 'reseeds the identity: the next row the target makes gets MAX + 1' {
                    [long](Invoke-EngineScalar $e $db.Target "SELECT IDENT_CURRENT(N'dbo.events')") | Should -Be 1000
                    # In a transaction that is rolled back: the row goes, the identity value it used stays used.
                    $next = Invoke-EngineScalar $e $db.Target @'
SET XACT_ABORT ON;
BEGIN TRANSACTION;
INSERT INTO dbo.events DEFAULT VALUES;
SELECT CAST(SCOPE_IDENTITY() AS bigint);
ROLLBACK TRANSACTION;
'@
                    [long]$next | Should -Be 1001
                    Invoke-EngineScalar $e $db.Target 'SELECT COUNT_BIG(*) FROM dbo.events' | Should -Be 1000
                }
            }

            It 'records the run in Get-RefreshHistory, filterable by -Status and -Table, in the target only' {
                $history = @(Get-RefreshHistory -Config $config)
                $history.Count | Should -Be $e.Tables.Count
                foreach ($h in $history) {
                    $h.PSTypeNames | Should -Contain 'DataRefresh.History.HistoryEntry'
                    $h.RunId | Should -Be $results[0].RunId
                    if ($e.Login) { $h.DatabaseLogin | Should -Be $e.Login }
                }
                $failed = @(Get-RefreshHistory -Config $config -Status Failed)
                @($failed | ForEach-Object Table) -join ',' | Should -Be 'scores'
                $failed[0].Error | Should -Match 'check constraint'
                @(Get-RefreshHistory -Config $config -Status Succeeded).Count | Should -Be ($e.Tables.Count - 1)
                $events = @(Get-RefreshHistory -Config $config -Table events)
                $events.Count | Should -Be 1
                $events[0].RowsCopied | Should -Be 400
                $events[0].WatermarkAfter | Should -Be '1000'
                Test-EngineHistoryTable $e $db.Source | Should -BeFalse -Because 'history is kept in the target only'
            }

            It 'copies only the new rows on the next incremental run' {
                $null = Invoke-EngineSql $e $db.Source $e.Sql.LateEvents
                $plan = @(Get-RefreshPlan -Config $config -Table events)
                $plan[0].EstimatedRows | Should -Be 50
                $again = @($plan | Invoke-TableRefresh -Force)
                @($again | ForEach-Object Table) -join ',' | Should -Be 'events'
                "$($again[0].Status)" | Should -Be 'Succeeded' -Because $again[0].Error
                $again[0].RowsCopied | Should -Be 50
                $again[0].WatermarkBefore | Should -Be '1000'
                $again[0].WatermarkAfter | Should -Be '1050'
                (Get-EngineCount $e $db.Target -Table events).events | Should -Be 1050
                Get-EngineDigest $e $db.Target 'events' | Should -Be (Get-EngineDigest $e $db.Source 'events')
                $newest = @(Get-RefreshHistory -Config $config -Last 1)
                $newest[0].RunId | Should -Be $again[0].RunId
                $newest[0].Table | Should -Be 'events'
            }

            if ($Key -eq 'sqlserver') {
                # Engine-specific (SQL Server): IDENTITY after an incremental run.
                It 'reseeds the identity after the incremental run too' {
                    [long](Invoke-EngineScalar $e $db.Target "SELECT IDENT_CURRENT(N'dbo.events')") | Should -Be 1050
                }
            }

            It 'lists history entries newest first' {
                $history = @(Get-RefreshHistory -Config $config)
                $history.Count | Should -Be ($e.Tables.Count + 1)
                $history[0].RunId | Should -Be (Get-RefreshHistory -Config $config -Table events -Last 1).RunId
                $history[0].RunId | Should -Not -Be $results[0].RunId
                @($history | Select-Object -Skip 1 | ForEach-Object RunId | Sort-Object -Unique) -join ',' | Should -Be $results[0].RunId
                $started = @($history | ForEach-Object StartedAt)
                for ($i = 1; $i -lt $started.Count; $i++) {
                    $started[$i] | Should -BeLessOrEqual $started[$i - 1] -Because "entry $i ($($history[$i].Table)) is older than entry $($i - 1) ($($history[$i - 1].Table))"
                }
            }
        }

        Context 'refusing to run' {
            It 'rejects a config whose target is the source (InvalidRefreshConfig), writing nothing' {
                $same = New-EngineConfig $e -Name 'same-config' -Source $db.Source -Target $db.Source
                $err = Get-TerminatingError { Invoke-TableRefresh -Config $same -Force }
                $err | Should -Not -BeNullOrEmpty
                $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRefreshConfig*'
                $err.Exception.Message | Should -Match 'same database as the source'
                Test-EngineHistoryTable $e $db.Source | Should -BeFalse
                (Get-EngineCount $e $db.Source -Table customers).customers | Should -Be $sourceCounts.customers
            }

            if ($Key -eq 'postgresql') {
                # Engine-specific (PostgreSQL): host names that reach the same server; history_table at run time.
                It 'rejects a config whose target is spelled differently but is the source (localhost = 127.0.0.1)' {
                    $same = New-EngineConfig $e -Name 'same-config-localhost' -Source $db.Source -Target $db.Source
                    (Get-Content -LiteralPath $same -Raw) -replace '(?s)(target:.*?server: )\S+', '${1}localhost' | Set-Content -LiteralPath $same -NoNewline
                    $err = Get-TerminatingError { Invoke-TableRefresh -Config $same -Force }
                    $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRefreshConfig*'
                    $err.Exception.Message | Should -Match 'same database as the source'
                    Test-EngineHistoryTable $e $db.Source | Should -BeFalse
                }

                It 'refuses (RefusedToRun) when only the servers can tell it is the same database (127.1 = 127.0.0.1)' {
                    if ($e.Server.Host -ne '127.0.0.1') { Set-ItResult -Skipped -Because "the test server is $($e.Server.Host), not 127.0.0.1 (which 127.1 also reaches)"; return }
                    $same = New-EngineConfig $e -Name 'same-server' -Source $db.Source -Target $db.Source
                    (Get-Content -LiteralPath $same -Raw) -replace '(?s)(target:.*?server: )\S+', '${1}127.1' | Set-Content -LiteralPath $same -NoNewline
                    $err = Get-TerminatingError { Invoke-TableRefresh -Config $same -Force }
                    $err | Should -Not -BeNullOrEmpty
                    $err.FullyQualifiedErrorId | Should -BeLike 'RefusedToRun*'
                    $err.Exception.Message | Should -Match 'same database'
                    $check = @(Test-RefreshConfig -Config $same) | Where-Object Check -EQ 'DistinctDatabases'
                    "$($check.Outcome)" | Should -Be 'Failed'
                    Test-EngineHistoryTable $e $db.Source | Should -BeFalse
                    (Get-EngineCount $e $db.Source -Table customers).customers | Should -Be $sourceCounts.customers
                }

                It 'stops with RefusedToRun, naming the table, when history_table names an ordinary table; nothing is written' {
                    $other = New-EngineConfig $e -Name 'history-is-customers' -Source $db.Source -Target $db.Target -Tables scores
                    Add-Content -LiteralPath $other -Value '  history_table: customers'
                    $before = (Get-EngineCount $e $db.Target -Table customers).customers
                    $scores = Get-EngineScoreSummary $e $db.Target
                    $err = Get-TerminatingError { Invoke-TableRefresh -Config $other -Force }
                    $err | Should -Not -BeNullOrEmpty
                    $err.FullyQualifiedErrorId | Should -BeLike 'RefusedToRun*'
                    $err.Exception.Message | Should -Match 'settings\.history_table: public\.customers is not a DataRefresh history table'
                    $err.Exception.Message | Should -Not -Match '42703'
                    (Get-EngineCount $e $db.Target -Table customers).customers | Should -Be $before
                    Get-EngineScoreSummary $e $db.Target | Should -Be $scores
                }
            }

            It 'stops with DatabaseConnectionFailed, without the password or a stack trace, for a database that does not exist' {
                $wrong = New-EngineConfig $e -Name 'wrong-db-run' -Source $missing -Target $db.Target
                $err = Get-TerminatingError { Invoke-TableRefresh -Config $wrong -Force }
                $err | Should -Not -BeNullOrEmpty
                $err.FullyQualifiedErrorId | Should -BeLike 'DatabaseConnectionFailed*'
                $err.Exception.Message | Should -Match 'nosuch'
                $err.Exception.Message | Should -Match '\bsource\b'
                $err.Exception.Message | Should -Match (Get-EngineMissingDatabaseMessage $e $missing -Run)
                $everything = $err.Exception.Message + "`n" + ($err | Out-String)
                if ($e.Password) { $everything.Contains($e.Password) | Should -BeFalse -Because 'no password value may reach the error' }
                Test-StackTraceText $everything | Should -BeFalse
                if ($Key -eq 'sqlite') { Test-Path -LiteralPath $missing | Should -BeFalse -Because 'a run creates no source file' }
            }
        }

        Context 'settings.dry_run: true from an overlay file' {
            BeforeAll {
                if ($e.SkipReason) { return }
                $dry = New-EnginePair $e 'dryrun'
                $dryConfig = New-EngineConfig $e -Name 'dryrun' -Source $dry.Source -Target $dry.Target
                $overlay = Write-Utf8File (Join-Path $e.Directory 'dry-run.yaml') "settings:`n  dry_run: true`n"
                $dryCounts = Get-EngineCount $e $dry.Target
                $files = { if ($Key -eq 'sqlite') { @(Get-FileHash -LiteralPath $dry.Source, $dry.Target -Algorithm SHA256 | ForEach-Object Hash) -join ',' } }
                $filesBefore = & $files
                $errs = @()
                $dryResults = @(Invoke-TableRefresh -Config $dryConfig, $overlay -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
            }

            It 'returns a Skipped result per table, saying it was a dry run' {
                @($errs) | Should -BeNullOrEmpty
                $dryResults.Count | Should -Be $e.Tables.Count
                foreach ($r in $dryResults) {
                    "$($r.Status)" | Should -Be 'Skipped' -Because $r.Table
                    $r.Note | Should -Match 'dry run'
                    $r.RowsCopied | Should -Be 0
                }
            }

            It 'writes nothing: counts and history unchanged' {
                $after = Get-EngineCount $e $dry.Target
                foreach ($t in $after.Keys) { $after[$t] | Should -Be $dryCounts[$t] -Because $t }
                Test-EngineHistoryTable $e $dry.Target | Should -BeFalse
                @(Get-RefreshHistory -Config $dryConfig).Count | Should -Be 0
                # Engine-specific (SQLite): not a byte of either file changed.
                if ($Key -eq 'sqlite') { & $files | Should -Be $filesBefore }
            }

            It 'without the overlay, the same base file refreshes for real' {
                # The overlay, not the base, carried dry_run: the merge is per run.
                $real = @(Invoke-TableRefresh -Config $dryConfig -Table events -Force)
                "$($real[0].Status)" | Should -Be 'Succeeded' -Because $real[0].Error
                (Get-EngineCount $e $dry.Target -Table events).events | Should -Be (Get-EngineCount $e $dry.Source -Table events).events
            }
        }

        Context 'Get-RefreshHistory filters' {
            BeforeAll {
                if ($e.SkipReason) { return }
                $h = New-EnginePair $e 'history'
                $historyTables = @('orders', 'customers', 'events')
                $historyConfig = New-EngineConfig $e -Name 'history' -Source $h.Source -Target $h.Target -Tables $historyTables
                $ghost = Write-Utf8File (Join-Path $e.Directory 'ghost.yaml') "tables:`n  - name: ghost`n"
                $runA = @(Invoke-TableRefresh -Config $historyConfig -Force)[0].RunId
                Start-Sleep -Milliseconds 50
                $between = Get-Date
                Start-Sleep -Milliseconds 50
                # ghost exists on neither side: blocked, so recorded as Skipped; events has nothing new.
                $runB = @(Invoke-TableRefresh -Config $historyConfig, $ghost -Table ghost, events -Force -WarningAction SilentlyContinue)[0].RunId
                $all = @(Get-RefreshHistory -Config $historyConfig)
            }

            It 'returns every attempt, newest first' {
                $all.Count | Should -Be ($historyTables.Count + 2)
                for ($i = 1; $i -lt $all.Count; $i++) {
                    $all[$i].StartedAt | Should -Not -BeGreaterThan $all[$i - 1].StartedAt
                }
                $all[0].RunId | Should -Be $runB
                $all[-1].RunId | Should -Be $runA
            }

            It '-Last 2 returns the two newest' {
                $last = @(Get-RefreshHistory -Config $historyConfig -Last 2)
                $last.Count | Should -Be 2
                @($last | ForEach-Object EntryId) -join ',' | Should -Be (@($all[0..1] | ForEach-Object EntryId) -join ',')
                @($last | Where-Object RunId -NE $runB).Count | Should -Be 0
            }

            It '-Table events returns that table only, newest first' {
                $events = @(Get-RefreshHistory -Config $historyConfig -Table events)
                @($events | ForEach-Object Table | Sort-Object -Unique) -join ',' | Should -Be 'events'
                @($events | ForEach-Object RunId) -join ',' | Should -Be "$runB,$runA"
                @(Get-RefreshHistory -Config $historyConfig -Table events, customers).Count | Should -Be 3
                @(Get-RefreshHistory -Config $historyConfig -Table events -Last 1 | ForEach-Object RunId) -join ',' | Should -Be $runB
            }

            It '-Status filters by outcome' {
                @(Get-RefreshHistory -Config $historyConfig -Status Skipped | ForEach-Object Table) -join ',' | Should -Be 'ghost'
                @(Get-RefreshHistory -Config $historyConfig -Status Succeeded).Count | Should -Be ($historyTables.Count + 1)
                @(Get-RefreshHistory -Config $historyConfig -Status Failed).Count | Should -Be 0
            }

            It '-Since returns what started after it' {
                $since = @(Get-RefreshHistory -Config $historyConfig -Since $between)
                @($since | ForEach-Object Table | Sort-Object) -join ',' | Should -Be 'events,ghost'
                @($since | Where-Object RunId -NE $runB).Count | Should -Be 0
            }

            It 'rejects -Last 0 and an unknown -Status' {
                { Get-RefreshHistory -Config $historyConfig -Last 0 } | Should -Throw
                { Get-RefreshHistory -Config $historyConfig -Status Sideways } | Should -Throw
            }
        }
    }
}

# ---- Engine-specific Describe blocks ----

Describe 'PostgreSQL: -WhatIf against read-only databases' -Tag PostgreSql {
    BeforeAll {
        $e = New-TestEngine postgresql
        if ($e.SkipReason) { return }
        # Databases of their own: no pooled session from other tests can predate the read-only default.
        $ro = New-EnginePair $e 'ro'
        $roConfig = New-EngineConfig $e -Name 'readonly' -Source $ro.Source -Target $ro.Target -Tables orders, customers, events
        $roCounts = Get-EngineCount $e $ro.Target -Table customers, orders, events
        foreach ($name in $ro.Source, $ro.Target) {
            $null = Invoke-Psql -Sql "ALTER DATABASE $name SET default_transaction_read_only = on"
        }
    }

    AfterAll {
        if ($e -and -not $e.SkipReason) {
            foreach ($name in $ro.Source, $ro.Target) {
                $null = Invoke-Psql -Sql "ALTER DATABASE $name RESET default_transaction_read_only"
            }
        }
        Remove-TestEngine $e
    }

    BeforeEach {
        if ($e.SkipReason) { Set-ItResult -Skipped -Because $e.SkipReason }
    }

    It 'the databases really are read-only for new sessions' {
        Invoke-EngineScalar $e $ro.Target 'SHOW default_transaction_read_only' | Should -Be 'on'
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
        $after = Get-EngineCount $e $ro.Target -Table customers, orders, events
        foreach ($t in $after.Keys) { $after[$t] | Should -Be $roCounts[$t] -Because $t }
        Test-EngineHistoryTable $e $ro.Target | Should -BeFalse
        @(Get-RefreshHistory -Config $roConfig).Count | Should -Be 0
    }

    It 'whereas a real run is refused by the read-only target (so -WhatIf really attempted no write)' {
        $errs = @()
        $results = @(Invoke-TableRefresh -Config $roConfig -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $results.Count | Should -Be 3
        foreach ($r in $results) { "$($r.Status)" | Should -Be 'Failed' -Because $r.Table }
        ($results | ForEach-Object Error) -join "`n" | Should -Match 'read-only'
        @($errs | Where-Object FullyQualifiedErrorId -Like 'TableRefreshFailed*').Count | Should -Be 3
        $after = Get-EngineCount $e $ro.Target -Table customers, orders, events
        foreach ($t in $after.Keys) { $after[$t] | Should -Be $roCounts[$t] -Because $t }
    }
}

Describe 'SQL Server: an unreachable server (runs everywhere, no server needed)' -Tag SqlServer {
    BeforeAll {
        $dir = New-TestDirectory -Prefix 'datarefresh-mssql'
        # Nothing listens on port 1: connecting fails fast (connection_timeout 2).
        $unreachable = Write-Utf8File (Join-Path $dir 'unreachable.yaml') (Get-UnreachableSqlServerConfigText)
    }

    AfterAll {
        Remove-TestDirectory $dir
    }

    It 'Get-RefreshPlan stops with DatabaseConnectionFailed naming the source and the server, without the password or a stack trace' {
        $secret = "Pester-Secret-$([guid]::NewGuid().ToString('N'))"
        $before = @{}
        foreach ($name in 'SOURCE_DB_USER', 'SOURCE_DB_PASSWORD', 'TARGET_DB_USER', 'TARGET_DB_PASSWORD') { $before[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            $env:SOURCE_DB_USER = 'datarefresh_pester'
            $env:TARGET_DB_USER = 'datarefresh_pester'
            $env:SOURCE_DB_PASSWORD = "source-$secret"
            $env:TARGET_DB_PASSWORD = "target-$secret"
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $err = Get-TerminatingError { Get-RefreshPlan -Config $unreachable }
            $watch.Stop()
        } finally {
            foreach ($name in $before.Keys) { [Environment]::SetEnvironmentVariable($name, $before[$name]) }
        }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'DatabaseConnectionFailed*'
        "$($err.CategoryInfo.Category)" | Should -Be 'ConnectionError'
        $message = $err.Exception.Message
        $message | Should -Match '\bsource\b'
        $message | Should -Match '127\.0\.0\.1'
        $message | Should -Match '\(sqlserver\): connection refused: nothing is listening at 127\.0\.0\.1,1'
        $everything = $message + "`n" + ($err | Out-String)
        $everything.Contains($secret) | Should -BeFalse -Because 'no password value may reach the error'
        Test-StackTraceText $everything | Should -BeFalse
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60 -Because 'connection_timeout is 2 s and max_retries 0'
    }
}
