# masking: through the cmdlets, per engine (PostgreSQL and SQLite), as a DBA meets it: a config with masking: and no
# key is refused naming the variable; with the key the plan names each masked column, the refresh writes no
# production value of them, the history row names the masked columns, and Compare-TableState leaves them out.
# The shared fixture of Engines.Tests.ps1 (New-EnginePair: customers(id, name, email) <- orders).
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
    Describe "$($engineCase.Name): masking through the cmdlets" -Tag $engineCase.Tag -ForEach @($engineCase) {
        BeforeAll {
            $e = New-TestEngine $Key
            if ($e.SkipReason) { return }
            $db = New-EnginePair $e 'mask'
            $plain = New-EngineConfig $e -Name 'mask' -Source $db.Source -Target $db.Target -Tables 'orders', 'customers'
            $text = (Get-Content -LiteralPath $plain -Raw) -replace "(?m)^(  - name: customers\r?\n    sync_mode: full_replace\r?\n)", "`$1    masking:`n      name: full_name`n      email: email`n"
            $text = $text -replace '(?m)^settings:\r?\n', "settings:`n  masking_key_env: DATAREFRESH_PESTER_MASKING_KEY`n"
            $config = Write-Utf8File (Join-Path $e.Directory 'mask-masked.yaml') $text
            $env:DATAREFRESH_PESTER_MASKING_KEY = $null
            $refused = Get-TerminatingError { Get-RefreshPlan -Config $config -ErrorAction Stop }
            $env:DATAREFRESH_PESTER_MASKING_KEY = 'a-pester-masking-key-0123456789'
            $plans = @(Get-RefreshPlan -Config $config -WarningAction SilentlyContinue)
            $results = @($plans | Invoke-TableRefresh -Confirm:$false -WarningAction SilentlyContinue)
            $history = @(Get-RefreshHistory -Config $config -Table customers)
            $compared = @(Compare-TableState -Config $config -Table customers)
        }

        AfterAll {
            $env:DATAREFRESH_PESTER_MASKING_KEY = $null
            Remove-TestEngine $e
        }

        BeforeEach {
            if ($e.SkipReason) { Set-ItResult -Skipped -Because $e.SkipReason }
        }

        It 'without the key: refused before anything is read, naming the variable and the line, never a value' {
            $refused | Should -Not -BeNullOrEmpty
            $refused.Exception.Message | Should -Match 'DATAREFRESH_PESTER_MASKING_KEY'
            $refused.Exception.Message | Should -Match 'mask-masked\.yaml:\d+'
            $refused.Exception.Message | Should -Match 'never read from a file'
        }

        It 'the plan names each masked column and its rule' {
            $c = $plans | Where-Object Table -EQ 'customers'
            $c.Reason | Should -Match 'masked on the way in \(never written unmasked\): name: full_name, email: email'
            @($c.Masking | ForEach-Object Column) -join ',' | Should -Be 'name,email'
        }

        It 'the refresh succeeds and UAT holds no production value of a masked column, the other columns as production has them' {
            @($results | ForEach-Object { "$($_.Table) $($_.Status)" }) | Sort-Object | Should -Be @('customers Succeeded', 'orders Succeeded')
            Invoke-EngineScalar $e $db.Target 'SELECT count(*) FROM customers' | Should -Be '50'
            Invoke-EngineScalar $e $db.Target "SELECT count(*) FROM customers WHERE email = 'c' || id || '@example.com' OR name = 'customer ' || id OR email NOT LIKE '%@%'" | Should -Be '0'
            Invoke-EngineScalar $e $db.Target 'SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id' | Should -Be '200'
        }

        It 'the history row names the masked columns (names and rules, no values)' {
            $history[0].MaskedColumns | Should -Be 'name: full_name, email: email'
        }

        It 'Compare-TableState leaves the masked columns out and finds the rest Equal' {
            "$($compared[0].Status)" | Should -Be 'Equal'
            $compared[0].Reason | Should -Match 'masked columns not compared'
        }
    }
}
