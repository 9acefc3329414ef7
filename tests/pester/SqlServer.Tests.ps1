# End to end through the cmdlets on SQL Server, under the same conditions as the xunit SqlServer tier: the tests run
# where a SQL Server is available and are skipped, saying why, where none is. Each run makes fresh source and target
# databases (random names) with setup SQL through Microsoft.Data.SqlClient 5.2.2 (Invoke-SqlServerSql in
# TestSupport.psm1) and drops them afterwards. One test needs no server and runs everywhere.
#
# The server: DATAREFRESH_TEST_SQLSERVER, a SqlClient connection string for a login that may CREATE DATABASE. The
# Pester tier starts no container itself. With Docker, a contributor runs (in pwsh; the server needs ~20 s to start):
#
#   docker run -d -e ACCEPT_EULA=Y -e MSSQL_SA_PASSWORD='Str0ng!Passw0rd' -p 1433:1433 mcr.microsoft.com/mssql/server:2022-latest
#   $env:DATAREFRESH_TEST_SQLSERVER='Server=127.0.0.1,1433;User ID=sa;Password=Str0ng!Passw0rd;TrustServerCertificate=true'
#   dotnet pwsh ./build.ps1 test -Tier Pester,SqlServer
#
# (in bash: export DATAREFRESH_TEST_SQLSERVER='...'). The same variable makes the xunit SqlServer tier use that server.
# The configurations take SQL logins from SOURCE_DB_USER/SOURCE_DB_PASSWORD/TARGET_DB_USER/TARGET_DB_PASSWORD, which
# these tests set from the connection string (and restore afterwards); a connection string with Integrated
# Security=true gives auth_type: windows instead.

BeforeAll {
    if (-not $env:DATAREFRESH_MODULE) { throw 'DATAREFRESH_MODULE is not set: run these tests through build.ps1 test' }
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    # Imported once per process and never removed: see Module.Tests.ps1 ('survives Remove-Module ...').
    Import-Module $env:DATAREFRESH_MODULE -ErrorAction Stop

    $skipReason = if (-not $env:DATAREFRESH_TEST_SQLSERVER) {
        'no SQL Server: DATAREFRESH_TEST_SQLSERVER is not set (the top of tests/pester/SqlServer.Tests.ps1 shows how to run SQL Server 2022 in Docker for it)'
    }
    $created = [System.Collections.Generic.List[string]]::new()
    $credentialVariables = 'SOURCE_DB_USER', 'SOURCE_DB_PASSWORD', 'TARGET_DB_USER', 'TARGET_DB_PASSWORD'
    $savedEnv = @{}
    foreach ($name in $credentialVariables) { $savedEnv[$name] = [Environment]::GetEnvironmentVariable($name) }
    $dir = New-TestDirectory -Prefix 'datarefresh-mssql'
    $prefix = "dr_pester_$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $mssql = $null
    $admin = $null

    function Get-TerminatingError([scriptblock]$Script) {
        try { $null = & $Script; $null } catch { $_ }
    }

    function ConvertTo-YamlText([string]$Value) { "'" + $Value.Replace("'", "''") + "'" }

    # Rows 1..N as column g, on any SQL Server version (GENERATE_SERIES needs 2022 and level 160).
    function Get-Series([int]$Last) {
        "(SELECT TOP ($Last) CAST(ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS int) AS g FROM sys.all_objects AS a CROSS JOIN sys.all_objects AS b) AS series"
    }

    function Invoke-MsSql([string]$Database, [string]$Sql) { Invoke-SqlServerSql -ConnectionString $admin -Database $Database -Sql $Sql }

    function Invoke-MsScalar([string]$Database, [string]$Sql) { @(Invoke-MsSql $Database $Sql)[0] }

    function New-MsDatabase([string]$Name) {
        $null = Invoke-MsSql master "CREATE DATABASE [$Name]"
        $created.Add($Name)
        $Name
    }

    function Test-HistoryTableAbsent([string]$Database) {
        [int](Invoke-MsScalar $Database "SELECT CASE WHEN OBJECT_ID(N'dbo.datarefresh_history', N'U') IS NULL THEN 1 ELSE 0 END") -eq 1
    }

    function New-MsPair {
        <#
        .SYNOPSIS
        Source and target databases: customers <- orders (a foreign key), events (identity, incremental by id),
        products (smart_sync on a datetime2(7) column), gadgets (a computed and a rowversion column) and scores, whose
        target has a CHECK constraint that some source rows break. The target is an older, edited copy.
        #>
        param([Parameter(Mandatory)] [string]$Tag)
        $src = New-MsDatabase "${prefix}_${Tag}_src"
        $tgt = New-MsDatabase "${prefix}_${Tag}_tgt"
        $schema = @'
CREATE TABLE dbo.customers (id int NOT NULL PRIMARY KEY, name nvarchar(100) NOT NULL, email nvarchar(200) NULL);
CREATE TABLE dbo.orders (id int NOT NULL PRIMARY KEY, customer_id int NOT NULL CONSTRAINT fk_orders_customers REFERENCES dbo.customers (id), amount decimal(10,2) NOT NULL);
CREATE TABLE dbo.events (id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY, happened_at datetime2(7) NOT NULL CONSTRAINT df_events_happened_at DEFAULT SYSUTCDATETIME(), payload nvarchar(100) NULL);
CREATE TABLE dbo.products (id int NOT NULL PRIMARY KEY, name nvarchar(100) NOT NULL, price decimal(10,2) NOT NULL, last_modified datetime2(7) NOT NULL);
CREATE TABLE dbo.gadgets (id int NOT NULL PRIMARY KEY, name nvarchar(50) NOT NULL, price decimal(10,2) NOT NULL, qty int NOT NULL, total AS (price * qty), rv rowversion);
'@
        $null = Invoke-MsSql $src ($schema + 'CREATE TABLE dbo.scores (id int NOT NULL PRIMARY KEY, score int NOT NULL);')
        $null = Invoke-MsSql $tgt ($schema + 'CREATE TABLE dbo.scores (id int NOT NULL PRIMARY KEY, score int NOT NULL CONSTRAINT ck_scores_score CHECK (score < 100));')
        $null = Invoke-MsSql $src @"
INSERT INTO dbo.customers (id, name, email) SELECT g, CONCAT(N'customer ', g), CONCAT(N'c', g, N'@example.com') FROM $(Get-Series 50);
INSERT INTO dbo.orders (id, customer_id, amount) SELECT g, 1 + g % 50, CAST(g * 1.25 AS decimal(10,2)) FROM $(Get-Series 200);
SET IDENTITY_INSERT dbo.events ON;
INSERT INTO dbo.events (id, happened_at, payload) SELECT g, DATEADD(minute, g, CAST('2025-01-01T00:00:00' AS datetime2(7))), CONCAT(N'event ', g) FROM $(Get-Series 1000);
SET IDENTITY_INSERT dbo.events OFF;
INSERT INTO dbo.products (id, name, price, last_modified) SELECT g, CONCAT(N'product ', g), CAST(g * 2.5 AS decimal(10,2)), DATEADD(minute, g, CAST('2025-01-01T00:00:00.1234567' AS datetime2(7))) FROM $(Get-Series 100);
INSERT INTO dbo.gadgets (id, name, price, qty) SELECT g, CONCAT(N'gadget ', g), CAST(g * 0.75 AS decimal(10,2)), g % 7 FROM $(Get-Series 25);
INSERT INTO dbo.scores (id, score) SELECT g, g * 15 FROM $(Get-Series 10);
"@
        $null = Invoke-MsSql $tgt @"
INSERT INTO dbo.customers (id, name, email) SELECT g, CONCAT(N'customer ', g, N' (test)'), CONCAT(N'test+', g, N'@uat.invalid') FROM $(Get-Series 30);
INSERT INTO dbo.orders (id, customer_id, amount) SELECT g, 1 + g % 30, 1.00 FROM $(Get-Series 100);
SET IDENTITY_INSERT dbo.events ON;
INSERT INTO dbo.events (id, happened_at, payload) SELECT g, DATEADD(minute, g, CAST('2025-01-01T00:00:00' AS datetime2(7))), CONCAT(N'event ', g) FROM $(Get-Series 600);
SET IDENTITY_INSERT dbo.events OFF;
INSERT INTO dbo.products (id, name, price, last_modified) SELECT g, CONCAT(N'product ', g), CAST(g * 2.5 AS decimal(10,2)), DATEADD(minute, g, CAST('2025-01-01T00:00:00.1234567' AS datetime2(7))) FROM $(Get-Series 60);
INSERT INTO dbo.gadgets (id, name, price, qty) SELECT g, CONCAT(N'stale gadget ', g), 9.99, 1 FROM $(Get-Series 5);
INSERT INTO dbo.scores (id, score) SELECT g, 10 FROM $(Get-Series 3);
"@
        [pscustomobject]@{ Source = $src; Target = $tgt }
    }

    function New-MsConfig {
        param([Parameter(Mandatory)] [string]$Name, [Parameter(Mandatory)] [string]$Source, [Parameter(Mandatory)] [string]$Target,
            [string[]]$Tables = @('orders', 'customers', 'events', 'products', 'gadgets', 'scores'))
        $entries = @{
            orders    = "  - name: orders`n    sync_mode: full_replace`n"
            customers = "  - name: customers`n    sync_mode: full_replace`n"
            events    = "  - name: events`n    sync_mode: incremental`n    incremental_column: id`n    incremental_type: identity`n"
            products  = "  - name: products`n    sync_mode: smart_sync`n    incremental_column: last_modified`n    incremental_type: datetime`n"
            gadgets   = "  - name: gadgets`n    sync_mode: full_replace`n"
            scores    = "  - name: scores`n    sync_mode: full_replace`n"
        }
        $side = {
            param([string]$Database)
            $lines = @("    engine: sqlserver", "    server: $(ConvertTo-YamlText $mssql.Server)")
            if ($null -ne $mssql.Port) { $lines += "    port: $($mssql.Port)" }
            $lines += "    database: $Database"
            $lines += "    auth_type: $(if ($mssql.IntegratedSecurity) { 'windows' } else { 'sql' })"
            $lines += '    trust_server_certificate: true'
            ($lines -join "`n") + "`n"
        }
        $text = @"
databases:
  source:
$(& $side $Source)  target:
$(& $side $Target)tables:
$(($Tables | ForEach-Object { $entries[$_] }) -join '')settings:
  connection_timeout: 15
  max_retries: 0

"@
        Write-Utf8File (Join-Path $dir "$Name.yaml") $text
    }

    function Get-MsCount([string]$Database, [string[]]$Table = @('customers', 'orders', 'events', 'products', 'gadgets', 'scores')) {
        $counts = [ordered]@{}
        foreach ($t in $Table) { $counts[$t] = [long](Invoke-MsScalar $Database "SELECT COUNT_BIG(*) FROM dbo.[$t]") }
        $counts
    }

    # Row count and CHECKSUM_AGG(BINARY_CHECKSUM(...)) over the given (copied) columns: equal digests, equal rows.
    function Get-MsDigest([string]$Database, [string]$Table, [string[]]$Columns) {
        $list = ($Columns | ForEach-Object { "[$_]" }) -join ', '
        "$(Invoke-MsScalar $Database "SELECT CONCAT(COUNT_BIG(*), ':', CHECKSUM_AGG(BINARY_CHECKSUM($list))) FROM dbo.[$Table]")"
    }

    if ($skipReason) { return }

    # Taking the connection string apart connects to nothing: a server that does not answer fails the tests that need
    # it (in their Describe's BeforeAll), not the one that runs everywhere.
    $mssql = Get-SqlServerTestServer
    $admin = $mssql.ConnectionString

    # auth_type: sql takes the login from the environment only.
    if (-not $mssql.IntegratedSecurity) {
        $env:SOURCE_DB_USER = $mssql.User
        $env:TARGET_DB_USER = $mssql.User
        $env:SOURCE_DB_PASSWORD = $mssql.Password
        $env:TARGET_DB_PASSWORD = $mssql.Password
    }
}

AfterAll {
    foreach ($name in $savedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnv[$name]) }
    foreach ($db in $created) {
        # SINGLE_USER WITH ROLLBACK IMMEDIATE: the module's pooled connections may still be open on it.
        try { Remove-SqlServerTestDatabase -ConnectionString $admin -Name $db } catch { Write-Warning "could not drop $db`: $_" }
    }
    if ($dir) { Remove-TestDirectory $dir }
}

Describe 'SQL Server: an unreachable server (runs everywhere, no server needed)' -Tag SqlServer {
    BeforeAll {
        # Nothing listens on port 1: connecting fails fast (connection_timeout 2).
        $unreachable = Write-Utf8File (Join-Path $dir 'unreachable.yaml') (Get-UnreachableSqlServerConfigText)
    }

    It 'Get-RefreshPlan stops with DatabaseConnectionFailed naming the source and the server, without the password or a stack trace' {
        $secret = "Pester-Secret-$([guid]::NewGuid().ToString('N'))"
        $before = @{}
        foreach ($name in $credentialVariables) { $before[$name] = [Environment]::GetEnvironmentVariable($name) }
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

Describe 'SQL Server: refresh through the cmdlets' -Tag SqlServer {
    BeforeAll {
        if ($skipReason) { return }
        Write-Host "  SQL Server: $($mssql.DataSource); setup SQL through $((Initialize-SqlServerClient).Description)"
        try {
            $version = Invoke-MsScalar master "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128))"
        } catch {
            throw "DATAREFRESH_TEST_SQLSERVER is set, but its server ($($mssql.DataSource)) does not answer: $($_.Exception.Message)"
        }
        Write-Host "  SQL Server $version"
        $db = New-MsPair 'main'
        $config = New-MsConfig -Name 'main' -Source $db.Source -Target $db.Target
        $sourceCounts = Get-MsCount $db.Source
        $targetCounts = Get-MsCount $db.Target
        # The columns each table copies (gadgets: not the computed total nor the rowversion rv).
        $copied = [ordered]@{
            customers = 'id', 'name', 'email'
            orders    = 'id', 'customer_id', 'amount'
            events    = 'id', 'happened_at', 'payload'
            products  = 'id', 'name', 'price', 'last_modified'
            gadgets   = 'id', 'name', 'price', 'qty'
        }
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

        It 'passes them all (the admin source login may only warn that it could write)' {
            $bad = @($checks | Where-Object { "$($_.Outcome)" -ne 'Passed' -and -not ($_.Check -eq 'SourceReadOnly' -and "$($_.Outcome)" -eq 'Warning') })
            ($bad | ForEach-Object { "$($_.Check) $($_.Side): $($_.Outcome) $($_.Message)" }) -join "`n" | Should -BeNullOrEmpty
            foreach ($side in 'Source', 'Target') {
                @($checks | Where-Object { $_.Check -eq 'Reachable' -and $_.Side -eq $side }).Count | Should -Be 1
                @($checks | Where-Object { $_.Check -eq 'Authentication' -and $_.Side -eq $side }).Count | Should -Be 1
                @($checks | Where-Object { $_.Check -eq 'TableExists' -and $_.Side -eq $side }).Count | Should -Be 6
            }
            @($checks | Where-Object Check -EQ 'SourceReadOnly').Count | Should -Be 1
            $distinct = @($checks | Where-Object Check -EQ 'DistinctDatabases')
            $distinct.Count | Should -Be 1
            "$($distinct[0].Outcome)" | Should -Be 'Passed'
            if (-not $mssql.IntegratedSecurity) {
                ($checks | Where-Object Check -EQ 'Authentication' | Select-Object -First 1).Message | Should -Match 'SOURCE_DB_USER'
            }
        }

        It 'reports a database that does not exist as a failed check, not an exception' {
            $wrong = New-MsConfig -Name 'wrong-db' -Source "$($db.Source)_nosuch" -Target $db.Target
            $c = @(Test-RefreshConfig -Config $wrong)
            # SQL Server answers "Cannot open database ... The login failed." (4060): a failed DatabaseExists check, the server reachable.
            $failed = @($c | Where-Object { $_.Side -eq 'Source' -and "$($_.Outcome)" -eq 'Failed' })
            $failed.Count | Should -Be 1
            $failed[0].Check | Should -Be 'DatabaseExists'
            "$(($c | Where-Object { $_.Check -eq 'Reachable' -and $_.Side -eq 'Source' }).Outcome)" | Should -Be 'Passed'
            $failed[0].Message | Should -Match 'nosuch'
            "$(($c | Where-Object { $_.Check -eq 'Reachable' -and $_.Side -eq 'Target' }).Outcome)" | Should -Be 'Passed'
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
            $plans.Count | Should -Be 6
            foreach ($p in $plans) { $p.PSTypeNames | Should -Contain 'DataRefresh.Planning.RefreshPlan' }
            $names = @($plans | ForEach-Object Table)
            [array]::IndexOf($names, 'customers') | Should -BeLessThan ([array]::IndexOf($names, 'orders'))
        }

        It 'empties and reloads the foreign-key pair together, in one unit' {
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
            $byTable.events.SourceFilter | Should -Match '\bid\]? > 600$'
            $byTable.events.EstimatedRows | Should -Be ($sourceCounts.events - $targetCounts.events)
        }

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
            @($byTable.gadgets.Columns) -join ',' | Should -Be ($copied.gadgets -join ',')
            $warnings = @($byTable.gadgets.Warnings) -join "`n"
            $warnings | Should -Match 'column total is computed in the target'
            $warnings | Should -Match 'column rv is a rowversion in the target'
            $byTable.gadgets.EstimatedRows | Should -Be $sourceCounts.gadgets
        }

        It 'plans the table whose target has a CHECK constraint like any other (the server checks it at load)' {
            "$($byTable.scores.Action)" | Should -Be 'Full'
            $byTable.scores.EstimatedRows | Should -Be $sourceCounts.scores
        }

        It 'writes nothing' {
            $after = Get-MsCount $db.Target
            foreach ($t in $after.Keys) { $after[$t] | Should -Be $targetCounts[$t] -Because $t }
            Test-HistoryTableAbsent $db.Target | Should -BeTrue
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
            $after = Get-MsCount $db.Target
            foreach ($t in $after.Keys) { $after[$t] | Should -Be $targetCounts[$t] -Because $t }
            Get-MsDigest $db.Target 'customers' $copied.customers | Should -Not -Be (Get-MsDigest $db.Source 'customers' $copied.customers)
            Test-HistoryTableAbsent $db.Target | Should -BeTrue
            Test-HistoryTableAbsent $db.Source | Should -BeTrue
            @(Get-RefreshHistory -Config $config).Count | Should -Be 0
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
            $results.Count | Should -Be 6
            foreach ($r in $results) { $r.PSTypeNames | Should -Contain 'DataRefresh.Execution.RefreshResult' }
            @($results | ForEach-Object RunId | Sort-Object -Unique).Count | Should -Be 1
        }

        It 'reports the table that breaks a CHECK constraint as Failed, with the reason' {
            "$($byTable.scores.Status)" | Should -Be 'Failed'
            $byTable.scores.Error | Should -Match 'CHECK constraint'
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

        It 'leaves the failed table as it was' {
            Invoke-MsScalar $db.Target 'SELECT CONCAT(COUNT(*), '':'', SUM(score)) FROM dbo.scores' | Should -Be '3:30'
        }

        It 'still refreshes the other tables' {
            foreach ($t in 'customers', 'orders', 'events', 'products', 'gadgets') {
                "$($byTable[$t].Status)" | Should -Be 'Succeeded' -Because "$t`: $($byTable[$t].Error)"
            }
            $byTable.customers.RowsCopied | Should -Be $sourceCounts.customers
            $byTable.customers.RowsDeleted | Should -Be $targetCounts.customers
            $byTable.orders.RowsCopied | Should -Be $sourceCounts.orders
            $byTable.gadgets.RowsCopied | Should -Be $sourceCounts.gadgets
            $byTable.events.RowsCopied | Should -Be ($sourceCounts.events - $targetCounts.events)
            $byTable.events.WatermarkBefore | Should -Be '600'
            $byTable.events.WatermarkAfter | Should -Be '1000'
            $byTable.products.RowsCopied | Should -Be 40
            $byTable.products.WatermarkBefore | Should -Be '2025-01-01 01:00:00.1234567'
            $byTable.products.WatermarkAfter | Should -Be '2025-01-01 01:40:00.1234567'
        }

        It 'makes the target rows equal to the source rows (count and CHECKSUM_AGG of the copied columns)' {
            foreach ($t in $copied.Keys) {
                $sourceCounts[$t] | Should -BeGreaterThan 0
                Get-MsDigest $db.Target $t $copied[$t] | Should -Be (Get-MsDigest $db.Source $t $copied[$t]) -Because $t
            }
            # The server computed total from the copied price and qty.
            Get-MsDigest $db.Target 'gadgets' 'id', 'total' | Should -Be (Get-MsDigest $db.Source 'gadgets' 'id', 'total')
        }

        It 'reseeds the identity: the next row the target makes gets MAX + 1' {
            [long](Invoke-MsScalar $db.Target "SELECT IDENT_CURRENT(N'dbo.events')") | Should -Be 1000
            # In a transaction that is rolled back: the row goes, the identity value it used stays used.
            $next = Invoke-MsScalar $db.Target @'
SET XACT_ABORT ON;
BEGIN TRANSACTION;
INSERT INTO dbo.events DEFAULT VALUES;
SELECT CAST(SCOPE_IDENTITY() AS bigint);
ROLLBACK TRANSACTION;
'@
            [long]$next | Should -Be 1001
            Invoke-MsScalar $db.Target 'SELECT COUNT_BIG(*) FROM dbo.events' | Should -Be 1000
        }

        It 'records the run in Get-RefreshHistory, filterable by -Status and -Table' {
            $history = @(Get-RefreshHistory -Config $config)
            $history.Count | Should -Be 6
            foreach ($h in $history) {
                $h.PSTypeNames | Should -Contain 'DataRefresh.History.HistoryEntry'
                $h.RunId | Should -Be $results[0].RunId
                if (-not $mssql.IntegratedSecurity) { $h.DatabaseLogin | Should -Be $mssql.User }
            }
            $failed = @(Get-RefreshHistory -Config $config -Status Failed)
            @($failed | ForEach-Object Table) -join ',' | Should -Be 'scores'
            $failed[0].Error | Should -Match 'CHECK constraint'
            @(Get-RefreshHistory -Config $config -Status Succeeded).Count | Should -Be 5
            $events = @(Get-RefreshHistory -Config $config -Table events)
            $events.Count | Should -Be 1
            $events[0].RowsCopied | Should -Be 400
            $events[0].WatermarkAfter | Should -Be '1000'
            Test-HistoryTableAbsent $db.Source | Should -BeTrue -Because 'history is kept in the target only'
        }

        It 'copies only the new rows on the next incremental run' {
            $null = Invoke-MsSql $db.Source @"
SET IDENTITY_INSERT dbo.events ON;
INSERT INTO dbo.events (id, happened_at, payload) SELECT 1000 + g, DATEADD(minute, g, CAST('2025-02-01T00:00:00' AS datetime2(7))), CONCAT(N'late ', g) FROM $(Get-Series 50);
SET IDENTITY_INSERT dbo.events OFF;
"@
            $plan = @(Get-RefreshPlan -Config $config -Table events)
            $plan[0].EstimatedRows | Should -Be 50
            $again = @($plan | Invoke-TableRefresh -Force)
            @($again | ForEach-Object Table) -join ',' | Should -Be 'events'
            "$($again[0].Status)" | Should -Be 'Succeeded' -Because $again[0].Error
            $again[0].RowsCopied | Should -Be 50
            $again[0].WatermarkBefore | Should -Be '1000'
            $again[0].WatermarkAfter | Should -Be '1050'
            Get-MsDigest $db.Target 'events' $copied.events | Should -Be (Get-MsDigest $db.Source 'events' $copied.events)
            [long](Invoke-MsScalar $db.Target "SELECT IDENT_CURRENT(N'dbo.events')") | Should -Be 1050
            $newest = @(Get-RefreshHistory -Config $config -Last 1)
            $newest[0].RunId | Should -Be $again[0].RunId
            $newest[0].Table | Should -Be 'events'
        }

        It 'lists history entries newest first' {
            $history = @(Get-RefreshHistory -Config $config)
            $history.Count | Should -Be 7
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
            $same = New-MsConfig -Name 'same-config' -Source $db.Source -Target $db.Source
            $err = Get-TerminatingError { Invoke-TableRefresh -Config $same -Force }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRefreshConfig*'
            $err.Exception.Message | Should -Match 'same database as the source'
            Test-HistoryTableAbsent $db.Source | Should -BeTrue
            (Get-MsCount $db.Source -Table customers).customers | Should -Be $sourceCounts.customers
        }

        It 'stops with DatabaseConnectionFailed, without the password or a stack trace, for a database that does not exist' {
            $wrong = New-MsConfig -Name 'wrong-db-run' -Source "$($db.Source)_nosuch" -Target $db.Target
            $err = Get-TerminatingError { Invoke-TableRefresh -Config $wrong -Force }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'DatabaseConnectionFailed*'
            $err.Exception.Message | Should -Match 'nosuch'
            $err.Exception.Message | Should -Match '\bsource\b'
            $everything = $err.Exception.Message + "`n" + ($err | Out-String)
            if ($mssql.Password) { $everything.Contains($mssql.Password) | Should -BeFalse -Because 'no password value may reach the error' }
            Test-StackTraceText $everything | Should -BeFalse
        }
    }
}
