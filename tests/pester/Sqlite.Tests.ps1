# End to end through the cmdlets on SQLite: the DemoData shop (build/DemoData) in production.db and a stale uat.db.
# Each Context works on its own copy of the two databases, made once by DemoData in BeforeAll. These are the cases
# that need the demo's schema (date buffers, smart_sync, a four-table unit) or a file's bytes; the cases every engine
# shares (checks, plans, a failing table, history filters, dry_run, refusing to run) are in Engines.Tests.ps1.
# Run through `dotnet pwsh ./build.ps1 test -Tier Pester` (sets DATAREFRESH_MODULE).

BeforeAll {
    if (-not $env:DATAREFRESH_MODULE) { throw 'DATAREFRESH_MODULE is not set: run these tests through build.ps1 test' }
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    # Imported once per process and never removed: see Module.Tests.ps1 ('survives Remove-Module ...').
    Import-Module $env:DATAREFRESH_MODULE -ErrorAction Stop

    $root = New-TestDirectory -Prefix 'datarefresh-sqlite'
    $pristine = Join-Path $root 'pristine'
    $null = Invoke-DemoData -Arguments 'create', $pristine
    $tables = @('customers', 'products', 'orders', 'order_lines', 'daily_sales')
    $prodCounts = Get-DemoCount (Join-Path $pristine 'production.db')
    $uatCounts = Get-DemoCount (Join-Path $pristine 'uat.db')

    function New-Scenario {
        <# A fresh copy of the demo databases with refresh.yaml beside them. #>
        param([Parameter(Mandatory)] [string]$Name)
        $dir = Copy-DemoDatabase -From $pristine -Root $root -Name $Name
        [pscustomobject]@{
            Dir        = $dir
            Config     = Write-Utf8File (Join-Path $dir 'refresh.yaml') (Get-DemoConfigText)
            Uat        = Join-Path $dir 'uat.db'
            Production = Join-Path $dir 'production.db'
        }
    }

    function Get-FolderState {
        <# Every file in the folder with its size, write time and hash: any write anywhere shows up. #>
        param([Parameter(Mandatory)] [string]$Dir)
        @(Get-ChildItem -LiteralPath $Dir -File | Sort-Object Name | ForEach-Object {
                '{0} {1} {2} {3}' -f $_.Name, $_.Length, $_.LastWriteTimeUtc.Ticks, (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
            }) -join "`n"
    }

    function Get-UatCount([string]$Database, [string[]]$Only = $tables) {
        $all = Get-DemoCount $Database
        $picked = [ordered]@{}
        foreach ($t in $Only) { $picked[$t] = $all[$t] }
        $picked
    }
}

AfterAll {
    Remove-TestDirectory $root
}

Describe 'SQLite: a full refresh of the demo shop' {
    BeforeAll {
        $s = New-Scenario 'full'
        $plans = @(Get-RefreshPlan -Config $s.Config)
        $byTable = @{}
        foreach ($p in $plans) { $byTable[$p.Table] = $p }
    }

    It 'Test-RefreshConfig passes every check (a writable source file is only a warning)' {
        $checks = @(Test-RefreshConfig -Config $s.Config)
        $failed = @($checks | Where-Object { "$($_.Outcome)" -notin 'Passed', 'Warning' })
        ($failed | ForEach-Object { "$($_.Check) $($_.Side): $($_.Outcome) $($_.Message)" }) -join "`n" | Should -BeNullOrEmpty
        $checks[0].PSTypeNames | Should -Contain 'DataRefresh.Checks.ConfigCheck'
        @($checks | ForEach-Object Check | Sort-Object -Unique) -join ',' |
            Should -Be 'Authentication,Configuration,DistinctDatabases,HistoryTable,Reachable,SourceReadOnly,TableExists'
        @($checks | Where-Object Check -EQ 'TableExists').Count | Should -Be (2 * $tables.Count)
    }

    It 'Test-RefreshConfig -Offline validates the file only' {
        $checks = @(Test-RefreshConfig -Config $s.Config -Offline)
        @($checks | ForEach-Object Check) -join ',' | Should -Be 'Configuration'
        "$($checks[0].Outcome)" | Should -Be 'Passed'
    }

    It 'Get-RefreshPlan returns one typed RefreshPlan per table' {
        $plans.Count | Should -Be $tables.Count
        foreach ($p in $plans) { $p.PSTypeNames | Should -Contain 'DataRefresh.Planning.RefreshPlan' }
        @($plans | ForEach-Object Table | Sort-Object) -join ',' | Should -Be (@($tables | Sort-Object) -join ',')
    }

    It 'orders the plans by foreign keys (parents first), although the config lists children first' {
        $position = @{}
        for ($i = 0; $i -lt $plans.Count; $i++) { $position[$plans[$i].Table] = $i }
        $position['customers'] | Should -BeLessThan $position['orders']
        $position['orders'] | Should -BeLessThan $position['order_lines']
        $position['products'] | Should -BeLessThan $position['order_lines']
        # Order is the run order, as written.
        @($plans | ForEach-Object Order) -join ',' | Should -Be (@($plans | ForEach-Object Order | Sort-Object) -join ',')
    }

    It 'gives every plan an Action, a Reason and an EstimatedRows' {
        foreach ($p in $plans) {
            "$($p.Action)" | Should -BeIn @('Full', 'Incremental') -Because "$($p.Table): $($p.Reason)"
            $p.Reason | Should -Not -BeNullOrEmpty
            $p.EstimatedRows | Should -BeGreaterThan 0 -Because "$($p.Table) has rows to copy"
        }
    }

    It 'plans full_replace as Full of every source row' {
        "$($byTable.customers.Action)" | Should -Be 'Full'
        $byTable.customers.Reason | Should -Match 'full_replace'
        $byTable.customers.EstimatedRows | Should -Be $prodCounts.customers
    }

    It 'plans identity incrementals as the rows above the target MAX' {
        foreach ($t in 'orders', 'order_lines') {
            "$($byTable[$t].Action)" | Should -Be 'Incremental'
            $byTable[$t].EstimatedRows | Should -Be ($prodCounts[$t] - $uatCounts[$t]) -Because $t
            $byTable[$t].Reason | Should -Match 'target MAX'
        }
    }

    It 'plans smart_sync on a filled target as Incremental, and the date buffer as a re-sync' {
        "$($byTable.products.Action)" | Should -Be 'Incremental'
        $byTable.products.Reason | Should -Match 'smart_sync chose incremental'
        "$($byTable.daily_sales.Action)" | Should -Be 'Incremental'
        $byTable.daily_sales.Reason | Should -Match 're-sync the last 3 day'
    }

    Context 'Invoke-TableRefresh -Force' {
        BeforeAll {
            $errs = @()
            $results = @(Invoke-TableRefresh -Config $s.Config -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        }

        It 'returns a succeeded RefreshResult per table, without errors' {
            @($errs) | Should -BeNullOrEmpty
            $results.Count | Should -Be $tables.Count
            foreach ($r in $results) {
                $r.PSTypeNames | Should -Contain 'DataRefresh.Execution.RefreshResult'
                "$($r.Status)" | Should -Be 'Succeeded' -Because "$($r.Table): $($r.Error)"
            }
            @($results | ForEach-Object RunId | Sort-Object -Unique).Count | Should -Be 1
        }

        It 'copies as many rows as the plan estimated' {
            foreach ($r in $results) { $r.RowsCopied | Should -Be $byTable[$r.Table].EstimatedRows -Because $r.Table }
        }

        It 'leaves uat.db with the row counts of production.db' {
            $after = Get-UatCount $s.Uat
            foreach ($t in $tables) { $after[$t] | Should -Be $prodCounts[$t] -Because $t }
        }

        It 'records one Succeeded history entry per table for the run' {
            $history = @(Get-RefreshHistory -Config $s.Config)
            $history.Count | Should -Be $tables.Count
            foreach ($h in $history) {
                $h.PSTypeNames | Should -Contain 'DataRefresh.History.HistoryEntry'
                "$($h.Status)" | Should -Be 'Succeeded'
                $h.RunId | Should -Be $results[0].RunId
            }
        }

        It 'plans nothing more for the identity and smart_sync tables afterwards' {
            $again = @(Get-RefreshPlan -Config $s.Config)
            foreach ($t in 'orders', 'order_lines', 'products') {
                ($again | Where-Object Table -EQ $t).EstimatedRows | Should -Be 0 -Because $t
            }
        }
    }
}

Describe 'SQLite: writing nothing' {
    Context '-WhatIf' {
        BeforeAll {
            $s = New-Scenario 'whatif'
            $before = Get-FolderState $s.Dir
        }

        It 'returns no results and leaves every file untouched, with -WhatIf <Label>' -ForEach @(
            @{ Label = 'alone'; Splat = @{ WhatIf = $true } }
            @{ Label = 'and -Force (WhatIf wins)'; Splat = @{ WhatIf = $true; Force = $true } }
        ) {
            $results = @(Invoke-TableRefresh -Config $s.Config @Splat)
            $results.Count | Should -Be 0
            Get-FolderState $s.Dir | Should -Be $before
        }

        It 'leaves the row counts and writes no history' {
            $after = Get-UatCount $s.Uat
            foreach ($t in $tables) { $after[$t] | Should -Be $uatCounts[$t] -Because $t }
            @(Get-RefreshHistory -Config $s.Config).Count | Should -Be 0
            Get-FolderState $s.Dir | Should -Be $before
        }

        It 'honours $WhatIfPreference even with -Force' {
            $WhatIfPreference = $true
            try {
                $results = @(Invoke-TableRefresh -Config $s.Config -Force)
            } finally {
                $WhatIfPreference = $false
            }
            $results.Count | Should -Be 0
            Get-FolderState $s.Dir | Should -Be $before
        }

        # Regression: -WhatIf with a blocked table used to write a Skipped history row.
        It 'writes nothing either when a table is blocked' {
            $b = New-Scenario 'whatif-blocked'
            $overlay = Write-Utf8File (Join-Path $b.Dir 'ghost.yaml') "tables:`n  - name: ghost`n"
            $state = Get-FolderState $b.Dir
            $null = @(Invoke-TableRefresh -Config $b.Config, $overlay -WhatIf -WarningAction SilentlyContinue)
            @(Get-RefreshHistory -Config $b.Config).Count | Should -Be 0
            Get-FolderState $b.Dir | Should -Be $state
        }
    }
}

Describe 'SQLite: answering No at the -Confirm prompt' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'ConfirmHost.psm1') -Force

        function New-UnitScenario([string]$Name) {
            <#
            The four tables that foreign keys tie together, all full_replace and reloaded: one unit, children listed
            first. (load_method: reload, since a declined child would otherwise let auto merge its parents instead.)
            #>
            $u = New-Scenario $Name
            $u.Config = Write-Utf8File (Join-Path $u.Dir 'unit.yaml') @"
databases:
  source:
    engine: sqlite
    database: production.db
  target:
    engine: sqlite
    database: uat.db
tables:
  - name: order_lines
    load_method: reload
  - name: orders
    load_method: reload
  - name: products
    load_method: reload
  - name: customers
    load_method: reload
settings:
  max_retries: 0

"@
            $u
        }

        $invoke = 'param($Module, $Config) Import-Module $Module -ErrorAction Stop; Invoke-TableRefresh -Config $Config -Confirm'
        $unitTables = @('customers', 'products', 'orders', 'order_lines')
    }

    It 'plans the four tables as one unit (the premise)' {
        $u = New-UnitScenario 'confirm-premise'
        @(Get-RefreshPlan -Config $u.Config | ForEach-Object Unit | Sort-Object -Unique).Count | Should -Be 1
    }

    Context 'No for the child, after Yes for its parents' {
        BeforeAll {
            $u = New-UnitScenario 'confirm-no-child'
            $run = Invoke-WithConfirmAnswer -Script $invoke -ArgumentList $env:DATAREFRESH_MODULE, $u.Config -DeclineWhere 'order_lines ('
        }

        It 'asked about every table, order_lines last' {
            $run.Prompts.Count | Should -Be 4
            $run.Prompts[-1] | Should -Match 'order_lines \('
        }

        It 'fails nothing: the approved partners are skipped, saying why, instead of failing on a foreign key' {
            ($run.Errors | ForEach-Object { "$_" }) -join "`n" | Should -BeNullOrEmpty
            @($run.Output | ForEach-Object Table | Sort-Object) -join ',' | Should -Be 'customers,orders,products'
            foreach ($r in $run.Output) { "$($r.Status)" | Should -Be 'Skipped' -Because "$($r.Table): $($r.Error)" }
            ($run.Output | Where-Object Table -EQ 'orders').Error | Should -Match 'order_lines was declined at the prompt'
            ($run.Output | Where-Object Table -EQ 'products').Error | Should -Match 'order_lines was declined at the prompt'
        }

        It 'leaves uat.db as it was' {
            $after = Get-UatCount $u.Uat
            foreach ($t in $unitTables) { $after[$t] | Should -Be $uatCounts[$t] -Because $t }
        }
    }

    Context 'No for the parent, asked first' {
        BeforeAll {
            $u = New-UnitScenario 'confirm-no-parent'
            $run = Invoke-WithConfirmAnswer -Script $invoke -ArgumentList $env:DATAREFRESH_MODULE, $u.Config -DeclineWhere 'customers ('
        }

        It 'does not ask about the partners the No leaves without a parent' {
            @($run.Prompts | Where-Object { $_ -match 'orders \(|order_lines \(' }) | Should -BeNullOrEmpty
        }

        It 'skips them, naming the declined table, and fails nothing' {
            ($run.Errors | ForEach-Object { "$_" }) -join "`n" | Should -BeNullOrEmpty
            ($run.Output | Where-Object Table -EQ 'orders').Error | Should -Match 'customers was declined at the prompt'
            foreach ($r in $run.Output) { "$($r.Status)" | Should -Be 'Skipped' -Because "$($r.Table): $($r.Error)" }
            $after = Get-UatCount $u.Uat
            foreach ($t in $unitTables) { $after[$t] | Should -Be $uatCounts[$t] -Because $t }
        }
    }
}

Describe 'SQLite: choosing tables' {
    Context '-Table orders' {
        BeforeAll {
            $s = New-Scenario 'one-table'
            # New orders reference new customers: bring customers first (orders alone would fail its foreign key).
            $first = @(Invoke-TableRefresh -Config $s.Config -Table customers -Force)
            $results = @(Invoke-TableRefresh -Config $s.Config -Table orders -Force)
        }

        It 'refreshed customers first, on its own' {
            @($first | ForEach-Object Table) -join ',' | Should -Be 'customers'
            "$($first[0].Status)" | Should -Be 'Succeeded'
        }

        It 'refreshes orders only' {
            @($results | ForEach-Object Table) -join ',' | Should -Be 'orders'
            "$($results[0].Status)" | Should -Be 'Succeeded'
            $results[0].RowsCopied | Should -Be ($prodCounts.orders - $uatCounts.orders)
        }

        It 'leaves the other tables as they were' {
            $after = Get-UatCount $s.Uat
            $after.orders | Should -Be $prodCounts.orders
            $after.customers | Should -Be $prodCounts.customers
            foreach ($t in 'products', 'order_lines', 'daily_sales') { $after[$t] | Should -Be $uatCounts[$t] -Because $t }
        }

        It 'records history for orders only in that run' {
            @(Get-RefreshHistory -Config $s.Config | Where-Object RunId -EQ $results[0].RunId | ForEach-Object Table) -join ',' | Should -Be 'orders'
            @(Get-RefreshHistory -Config $s.Config | ForEach-Object Table) -join ',' | Should -Be 'orders,customers'
        }

        It 'plans only the named tables with Get-RefreshPlan -Table (wildcards too)' {
            @(Get-RefreshPlan -Config $s.Config -Table orders | ForEach-Object Table) -join ',' | Should -Be 'orders'
            @(Get-RefreshPlan -Config $s.Config -Table 'order*' | ForEach-Object Table | Sort-Object) -join ',' | Should -Be 'order_lines,orders'
        }
    }

    Context 'plans piped through Where-Object into Invoke-TableRefresh' {
        BeforeAll {
            $s = New-Scenario 'pipeline'
            # After a first full run, only full_replace and the date buffer have rows to copy.
            $null = Invoke-TableRefresh -Config $s.Config -Force
            $expected = @(Get-RefreshPlan -Config $s.Config | Where-Object EstimatedRows -GT 0 | ForEach-Object Table | Sort-Object)
            $results = @(Get-RefreshPlan -Config $s.Config | Where-Object EstimatedRows -GT 0 | Invoke-TableRefresh -Force)
        }

        It 'has some tables with and some without rows to copy (a meaningful filter)' {
            $expected.Count | Should -BeGreaterThan 0
            $expected.Count | Should -BeLessThan $tables.Count
            $expected | Should -Contain 'customers'
        }

        It 'refreshes exactly the piped tables' {
            @($results | ForEach-Object Table | Sort-Object) -join ',' | Should -Be ($expected -join ',')
            foreach ($r in $results) { "$($r.Status)" | Should -Be 'Succeeded' -Because "$($r.Table): $($r.Error)" }
        }

        It 'records the piped run for those tables only' {
            $runId = $results[0].RunId
            @(Get-RefreshHistory -Config $s.Config | Where-Object RunId -EQ $runId | ForEach-Object Table | Sort-Object) -join ',' |
                Should -Be ($expected -join ',')
        }

        It 'keeps uat.db equal to production.db' {
            $after = Get-UatCount $s.Uat
            foreach ($t in $tables) { $after[$t] | Should -Be $prodCounts[$t] -Because $t }
        }
    }
}

Describe 'SQLite: clear errors' {
    BeforeAll {
        $s = New-Scenario 'errors'
    }

    Context 'an unknown sync_mode' {
        BeforeAll {
            $badText = (Get-DemoConfigText) -replace '(?m)^(\s+sync_mode:) full_replace$', '$1 sideways'
            $bad = Write-Utf8File (Join-Path $s.Dir 'bad.yaml') $badText
            $badLine = 1 + [array]::IndexOf(($badText -split "`n"), (($badText -split "`n") | Where-Object { $_ -match 'sync_mode: sideways' } | Select-Object -First 1))
        }

        It '<Name> stops with InvalidRefreshConfig naming the file and line' -ForEach @(
            @{ Name = 'Get-RefreshPlan'; Call = { Get-RefreshPlan -Config $bad } }
            @{ Name = 'Invoke-TableRefresh'; Call = { Invoke-TableRefresh -Config $bad -Force } }
            @{ Name = 'Get-RefreshHistory'; Call = { Get-RefreshHistory -Config $bad } }
        ) {
            $badLine | Should -BeGreaterThan 1
            $err = Get-TerminatingError $Call
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRefreshConfig*'
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidData'
            $err.Exception.Message | Should -Match ([regex]::Escape("bad.yaml:$badLine") + ':')
            $err.Exception.Message | Should -Match 'sideways'
            $err.Exception.Message | Should -Match 'sync_mode'
            Test-StackTraceText ($err | Out-String) | Should -BeFalse
        }

        It 'Test-RefreshConfig reports it as a failed Configuration check, not an exception' {
            $checks = @(Test-RefreshConfig -Config $bad)
            $failed = @($checks | Where-Object { "$($_.Outcome)" -eq 'Failed' })
            $failed.Count | Should -BeGreaterThan 0
            $failed | ForEach-Object Check | Sort-Object -Unique | Should -Be 'Configuration'
            ($failed | ForEach-Object Message) -join "`n" | Should -Match ([regex]::Escape("bad.yaml:$badLine") + ':.*sideways')
        }

        It 'names a missing configuration file' {
            $err = Get-TerminatingError { Get-RefreshPlan -Config (Join-Path $s.Dir 'no-such-config.yaml') }
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidRefreshConfig*'
            $err.Exception.Message | Should -Match 'no-such-config\.yaml'
            $err.Exception.Message | Should -Match 'not found'
        }
    }

    Context '-Table nosuch' {
        BeforeAll {
            $before = Get-FolderState $s.Dir
        }

        It '<Name> stops, naming the unknown table and the configured ones' -ForEach @(
            @{ Name = 'Get-RefreshPlan'; Call = { Get-RefreshPlan -Config $s.Config -Table nosuch } }
            @{ Name = 'Invoke-TableRefresh'; Call = { Invoke-TableRefresh -Config $s.Config -Table nosuch -Force } }
        ) {
            $err = Get-TerminatingError $Call
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument*'
            $err.Exception.Message | Should -Match 'nosuch'
            $err.Exception.Message | Should -Match 'not in the configuration'
            $err.Exception.Message | Should -Match 'customers'
            Test-StackTraceText ($err | Out-String) | Should -BeFalse
            Get-FolderState $s.Dir | Should -Be $before
        }
    }

    Context 'a SQLite file that does not exist' {
        BeforeAll {
            $missingSource = Write-Utf8File (Join-Path $s.Dir 'missing-source.yaml') (Get-DemoConfigText -Source 'gone.db')
            $missingTarget = Write-Utf8File (Join-Path $s.Dir 'missing-target.yaml') (Get-DemoConfigText -Target 'gone-uat.db')
            $before = Get-FolderState $s.Dir
        }

        It '<Name> says the file does not exist, without a stack trace' -ForEach @(
            @{ Name = 'Get-RefreshPlan'; Call = { Get-RefreshPlan -Config $missingSource }; File = 'gone.db' }
            @{ Name = 'Invoke-TableRefresh'; Call = { Invoke-TableRefresh -Config $missingSource -Force }; File = 'gone.db' }
            @{ Name = 'Invoke-TableRefresh (target)'; Call = { Invoke-TableRefresh -Config $missingTarget -Force }; File = 'gone-uat.db' }
            @{ Name = 'Get-RefreshHistory'; Call = { Get-RefreshHistory -Config $missingTarget }; File = 'gone-uat.db' }
        ) {
            $err = Get-TerminatingError $Call
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'DatabaseConnectionFailed*'
            $err.Exception.Message | Should -Match 'does not exist'
            $err.Exception.Message | Should -Match ([regex]::Escape($File))
            Test-StackTraceText ($err.Exception.Message + "`n" + ($err | Out-String)) | Should -BeFalse
            # Nothing created in its place, nothing else touched.
            Test-Path -LiteralPath (Join-Path $s.Dir $File) | Should -BeFalse
            Get-FolderState $s.Dir | Should -Be $before
        }

        It 'Test-RefreshConfig reports the source file as a database that does not exist' {
            $checks = @(Test-RefreshConfig -Config $missingSource)
            $missing = @($checks | Where-Object { $_.Side -eq 'Source' -and "$($_.Outcome)" -eq 'Failed' })
            $missing.Count | Should -Be 1
            $missing[0].Check | Should -Be 'DatabaseExists'
            $missing[0].Message | Should -Match 'does not exist'
            Test-Path -LiteralPath (Join-Path $s.Dir 'gone.db') | Should -BeFalse
        }
    }
}

Describe 'SQLite: relative paths' {
    BeforeAll {
        $s = New-Scenario 'relative'
        $parent = Split-Path -Parent $s.Dir
        $leaf = Split-Path -Leaf $s.Dir
    }

    It 'resolves -Config against the PowerShell location, not the process directory' {
        [Environment]::CurrentDirectory | Should -Not -Be $s.Dir
        Push-Location -LiteralPath $s.Dir
        try {
            @(Get-RefreshPlan -Config refresh.yaml).Count | Should -Be $tables.Count
            "$(@(Test-RefreshConfig -Config ./refresh.yaml -Offline)[0].Outcome)" | Should -Be 'Passed'
            $r = @(Invoke-TableRefresh -Config refresh.yaml -Table customers -Force)
            "$($r[0].Status)" | Should -Be 'Succeeded'
            @(Get-RefreshHistory -Config refresh.yaml).Count | Should -Be 1
        } finally {
            Pop-Location
        }
    }

    It 'resolves SQLite database paths against the config file folder, from any location' {
        Push-Location -LiteralPath $parent
        try {
            $plans = @(Get-RefreshPlan -Config (Join-Path $leaf 'refresh.yaml'))
            $plans.Count | Should -Be $tables.Count
            # Both files were read: the estimate is production's orders above uat's MAX.
            ($plans | Where-Object Table -EQ 'orders').EstimatedRows | Should -Be ($prodCounts.orders - $uatCounts.orders)
        } finally {
            Pop-Location
        }
    }
}
