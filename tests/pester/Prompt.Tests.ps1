# What a DBA sees at the prompt: tab completion of -Table, and the default views at 120 columns.
# Run through `dotnet pwsh ./build.ps1 test -Tier Pester` (sets DATAREFRESH_MODULE).

BeforeAll {
    if (-not $env:DATAREFRESH_MODULE) { throw 'DATAREFRESH_MODULE is not set: run these tests through build.ps1 test' }
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module $env:DATAREFRESH_MODULE -ErrorAction Stop

    $root = New-TestDirectory -Prefix 'datarefresh-prompt'
    $null = Write-Utf8File (Join-Path $root 'refresh.yaml') @'
databases:
  source: { engine: sqlite, database: production.db }
  target: { engine: sqlite, database: uat.db }
tables:
  - name: customers
  - name: cust_orders
    sync_mode: incremental
    incremental_column: id
    incremental_type: identity
  - name: sales."Order Lines"
'@
    $null = Write-Utf8File (Join-Path $root 'overlay.yaml') @'
tables:
  - name: customer_notes
'@

    function Get-Completion([string]$Line) {
        Push-Location -LiteralPath $root
        try { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText) }
        finally { Pop-Location }
    }
}

AfterAll {
    Remove-TestDirectory $root
}

Describe '-Table completes the tables configured in -Config' {
    It '<Command> offers the configured names that start with what was typed' -ForEach @(
        @{ Command = 'Get-RefreshPlan' }, @{ Command = 'Invoke-TableRefresh' }, @{ Command = 'Get-RefreshHistory' }
    ) {
        Get-Completion "$Command -Config refresh.yaml -Table cu" | Should -Be @('customers', 'cust_orders')
    }

    It 'reads -Config given by position, and overlays' {
        Get-Completion 'Get-RefreshPlan refresh.yaml, overlay.yaml -Table customer' | Should -Be @('customers', 'customer_notes')
    }

    It 'quotes a name PowerShell would otherwise split' {
        Get-Completion 'Get-RefreshPlan -Config refresh.yaml -Table sal' | Should -Be @("'sales.`"Order Lines`"'")
    }

    It 'does not offer a name already in the list' {
        Get-Completion 'Get-RefreshPlan -Config refresh.yaml -Table customers, cu' | Should -Be @('cust_orders')
    }

    It 'offers nothing (and no error) without a loadable -Config' {
        Get-Completion 'Get-RefreshPlan -Config missing.yaml -Table cu' | Where-Object { $_ -notlike '*.yaml' } | Should -BeNullOrEmpty
    }
}

Describe 'The default plan view' {
    BeforeAll {
        $shop = Join-Path $root 'shop'
        $null = Invoke-DemoData -Arguments 'create', $shop
        $shopConfig = Write-Utf8File (Join-Path $shop 'refresh.yaml') (Get-DemoConfigText)
        $plans = @(Get-RefreshPlan -Config $shopConfig)
        $PSStyle.OutputRendering = 'PlainText'
        $lines = @($plans | Out-String -Width 120 -Stream | Where-Object { $_.Trim() })
    }

    It 'fits 120 columns without -AutoSize' {
        $lines | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
    }

    It 'shows order, table, action, estimated rows, warnings and the reason' {
        $lines[0] | Should -Match '^\s*#\s+Table\s+Action\s+Est\. rows\s+Warnings\s+Reason$'
        ($lines | Where-Object { $_ -match '^\s*\d+ order_lines\s+Incremental\s+[\d,]+\s' }) | Should -Not -BeNullOrEmpty
    }

    It 'keeps each reason readable: no column is cut to a few characters' {
        $reasonColumn = $lines[0].IndexOf('Reason')
        (120 - $reasonColumn) | Should -BeGreaterThan 50
    }

    It 'writes watermarks in the invariant, full-precision form in every culture' {
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $products = @(Get-RefreshPlan -Config $shopConfig -Table products)[0]
            $products.Watermark | Should -Match '^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}'
            ($products | Format-List | Out-String) | Should -Match "Watermark\s+: $([regex]::Escape($products.Watermark))"
        } finally {
            [cultureinfo]::CurrentCulture = $saved
        }
    }
}
