# Compare-TableState end to end through the cmdlet, per engine (PostgreSQL and SQLite; SQL Server's comparison
# dialect is covered by the xunit conformance suite, not by this matrix yet): the shared fixture of Engines.Tests.ps1
# (New-EnginePair: customers <- orders, the target an older, edited copy), compared before a refresh, piped from
# Invoke-TableRefresh, then with single rows changed in UAT by SQL.
# Run through `dotnet pwsh ./build.ps1 test -Tier Pester` (sets DATAREFRESH_MODULE and DATAREFRESH_TEST_PG).

BeforeDiscovery {
    $engines = @(
        @{ Name = 'PostgreSQL'; Key = 'postgresql'; Tag = 'PostgreSql' }
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
    Describe "$($engineCase.Name): Compare-TableState through the cmdlet" -Tag $engineCase.Tag -ForEach @($engineCase) {
        BeforeAll {
            $e = New-TestEngine $Key
            if ($e.SkipReason) { return }
            $db = New-EnginePair $e 'cmp'
            $config = New-EngineConfig $e -Name 'cmp' -Source $db.Source -Target $db.Target -Tables 'orders', 'customers'
            $before = @(Compare-TableState -Config $config -Table customers)
            $refreshed = @(Get-RefreshPlan -Config $config | Invoke-TableRefresh -Confirm:$false)
            $after = @($refreshed | Compare-TableState)
        }

        AfterAll {
            Remove-TestEngine $e
        }

        BeforeEach {
            if ($e.SkipReason) { Set-ItResult -Skipped -Because $e.SkipReason }
        }

        It 'before a refresh: the stale UAT copy is Different, with both row counts' {
            $before.Count | Should -Be 1
            $before[0].PSTypeNames | Should -Contain 'DataRefresh.Comparison.TableComparison'
            "$($before[0].Status)" | Should -Be 'Different'
            $before[0].SourceRows | Should -Be 50
            $before[0].TargetRows | Should -Be 30
            "$($before[0].Method)" | Should -Be 'Checksum'
        }

        It 'Invoke-TableRefresh | Compare-TableState: every refreshed table is Equal, compared by its key' {
            @($refreshed | ForEach-Object { "$($_.Table) $($_.Status)" }) | Sort-Object | Should -Be @('customers Succeeded', 'orders Succeeded')
            @($after | ForEach-Object { "$($_.Table) $($_.Status)" }) | Sort-Object | Should -Be @('customers Equal', 'orders Equal')
            $after | Where-Object Table -EQ 'customers' | ForEach-Object { $_.KeyColumns -join ',' } | Should -Be 'id'
            $after | Where-Object Table -EQ 'customers' | ForEach-Object SourceRows | Should -Be 50
        }

        It 'one value changed in UAT: -Method Rows names the row and the column, and hides the values' {
            $null = Invoke-EngineSql $e $db.Target "UPDATE customers SET email = 'drifted@uat.invalid' WHERE id = 7"
            $c = @(Compare-TableState -Config $config -Table customers -Method Rows)
            "$($c[0].Status)" | Should -Be 'Different'
            $c[0].Differences.Count | Should -Be 1
            $d = $c[0].Differences[0]
            "$($d.Kind)" | Should -Be 'Changed'
            "$($d.Key[0])" | Should -Be '7'
            $d.Columns -join ',' | Should -Be 'email'
            $d.Values | Should -BeNullOrEmpty
            ($c | Format-List * | Out-String) + ($c[0].Differences | Out-String) | Should -Not -Match 'drifted@uat'
        }

        It '-IncludeValues shows each side of the changed column' {
            $c = @(Compare-TableState -Config $config -Table customers -Method Rows -IncludeValues)
            $v = @($c[0].Differences[0].Values)
            $v.Count | Should -Be 1
            ($v[0].Column, $v[0].Source, $v[0].Target) -join '|' | Should -Be 'email|c7@example.com|drifted@uat.invalid'
        }

        It 'a row only in UAT and a row only in production are named by kind; -Method Count sees only the counts' {
            $null = Invoke-EngineSql $e $db.Target "UPDATE customers SET email = 'c7@example.com' WHERE id = 7"
            $null = Invoke-EngineSql $e $db.Target "INSERT INTO customers (id, name, email) VALUES (900, 'only in uat', NULL)"
            $null = Invoke-EngineSql $e $db.Target 'DELETE FROM orders WHERE id = 5'
            $null = Invoke-EngineSql $e $db.Target 'UPDATE orders SET customer_id = 1 WHERE customer_id = 49'
            $null = Invoke-EngineSql $e $db.Target 'DELETE FROM customers WHERE id = 49'
            $rows = @(Compare-TableState -Config $config -Table customers, orders -Method Rows)
            $customers = $rows | Where-Object Table -EQ 'customers'
            @($customers.Differences | ForEach-Object { "$($_.Kind) $($_.Key[0])" }) | Sort-Object | Should -Be @('SourceOnly 49', 'TargetOnly 900')
            $orders = $rows | Where-Object Table -EQ 'orders'
            @($orders.Differences | ForEach-Object { "$($_.Kind) $($_.Key[0])" }) | Should -Contain 'SourceOnly 5'
            $counts = @(Compare-TableState -Config $config -Table customers -Method Count)
            "$($counts[0].Status)" | Should -Be 'Equal'   # 50 rows each side: one gone, one added
            "$($counts[0].Method)" | Should -Be 'Count'
        }

        It 'reads only: the target rows are what the test left, and the history has no comparison rows' {
            Invoke-EngineScalar $e $db.Target 'SELECT count(*) FROM customers' | Should -Be '50'
            @(Get-RefreshHistory -Config $config).Count | Should -Be 2
        }
    }
}
