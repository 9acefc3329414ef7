# DataRefresh beside another Microsoft.Data.SqlClient: a session that already loaded SqlClient 5.2 (as dbatools or
# the SqlServer module do) must still import DataRefresh, whose engine brings its own SqlClient in the module's
# private load context. This needs a process that has loaded nothing yet, so everything runs in ONE child pwsh
# (Start-Job would share nothing useful and a test process has loaded who knows what); the child prints KEY=value
# lines that the tests below read.
# Run through `dotnet pwsh ./build.ps1 test -Tier Pester` (sets DATAREFRESH_MODULE and DATAREFRESH_TEST_SQLCLIENT52).

BeforeAll {
    if (-not $env:DATAREFRESH_MODULE) { throw 'DATAREFRESH_MODULE is not set: run these tests through build.ps1 test' }
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force

    $skipReason = $null
    if (-not $env:DATAREFRESH_TEST_SQLCLIENT52 -or -not (Test-Path -LiteralPath $env:DATAREFRESH_TEST_SQLCLIENT52)) {
        $skipReason = "DATAREFRESH_TEST_SQLCLIENT52 is not set or missing ('$env:DATAREFRESH_TEST_SQLCLIENT52'): build.ps1 test restores Microsoft.Data.SqlClient 5.2.2 through tests/TestTools"
        return
    }

    $dir = New-TestDirectory -Prefix 'datarefresh-coexist'
    $null = Invoke-DemoData -Arguments 'create', $dir
    $prodCounts = Get-DemoCount (Join-Path $dir 'production.db')
    $sqliteConfig = Write-Utf8File (Join-Path $dir 'refresh.yaml') (Get-DemoConfigText)
    # Nothing listens on port 1: connecting fails fast (connection_timeout 2) once the engine tries.
    $sqlServerConfig = Write-Utf8File (Join-Path $dir 'sqlserver.yaml') (Get-UnreachableSqlServerConfigText)
    $childScript = Write-Utf8File (Join-Path $dir 'coexist.ps1') @'
param([string]$SqlClientPath, [string]$ModulePath, [string]$SqliteConfig, [string]$SqlServerConfig)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'

function Get-ProductVersion([System.Reflection.Assembly]$Assembly) {
    $attr = $Assembly.GetCustomAttributes([System.Reflection.AssemblyInformationalVersionAttribute], $false) | Select-Object -First 1
    if ($attr) { ($attr.InformationalVersion -split '\+')[0] } else { '' }
}

# 1. Another SqlClient first, in the default load context.
Add-Type -Path $SqlClientPath
$theirs = [Microsoft.Data.SqlClient.SqlConnection].Assembly
"SESSION_SQLCLIENT_ASSEMBLY_VERSION=$($theirs.GetName().Version)"
"SESSION_SQLCLIENT_PRODUCT_VERSION=$(Get-ProductVersion $theirs)"
"SESSION_SQLCLIENT_CONTEXT=$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($theirs).Name)"

# 2. DataRefresh, then a plan and a real refresh on SQLite.
Import-Module $ModulePath
"MODULE_VERSION=$((Get-Module DataRefresh).Version)"
$plans = @(Get-RefreshPlan -Config $SqliteConfig)
"PLANS=$($plans.Count)"
"PLAN_TYPE=$($plans[0].PSTypeNames[0])"
$results = @(Invoke-TableRefresh -Config $SqliteConfig -Force)
"RESULTS=$($results.Count)"
"SUCCEEDED=$(@($results | Where-Object { "$($_.Status)" -eq 'Succeeded' }).Count)"
foreach ($r in $results) { "RESULT=$($r.Table)|$($r.Status)|$($r.RowsCopied)|$($r.Error)" }

# 3. SQL Server through the engine: must not hit SqlClient's platform-neutral stub ("not supported on this platform").
$env:SOURCE_DB_USER = 'datarefresh_test'
$env:SOURCE_DB_PASSWORD = 'not-a-real-password'
$env:TARGET_DB_USER = 'datarefresh_test'
$env:TARGET_DB_PASSWORD = 'not-a-real-password'
$errs = @()
try {
    $checks = @(Test-RefreshConfig -Config $SqlServerConfig -ErrorVariable +errs -ErrorAction SilentlyContinue)
    foreach ($c in $checks) { "CHECK=$($c.Check)|$($c.Side)|$($c.Outcome)|$($c.Message -replace '[\r\n]+', ' ')" }
} catch {
    "ERROR=$($_.FullyQualifiedErrorId)|$($_.Exception.GetType().FullName)|$($_.Exception.Message -replace '[\r\n]+', ' ')"
}
foreach ($e in $errs) { "ERROR=$($e.FullyQualifiedErrorId)|$($e.Exception.GetType().FullName)|$($e.Exception.Message -replace '[\r\n]+', ' ')" }

# 4. Both SqlClients, side by side: the session's is still 5.2; the module's resolves in its own context.
$stillTheirs = [Microsoft.Data.SqlClient.SqlConnection].Assembly
"SESSION_SQLCLIENT_AFTER=$(Get-ProductVersion $stillTheirs)"
$alc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'DataRefresh' | Select-Object -First 1
"MODULE_CONTEXT=$(if ($alc) { $alc.Name } else { '' })"
if ($alc) {
    $ours = $alc.Assemblies | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.SqlClient' } | Select-Object -First 1
    # The SQL Server engine loads it on use; until it exists, ask the context the way the engine will.
    if (-not $ours) { $ours = $alc.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Microsoft.Data.SqlClient')) }
    "MODULE_SQLCLIENT_ASSEMBLY_VERSION=$($ours.GetName().Version)"
    "MODULE_SQLCLIENT_PRODUCT_VERSION=$(Get-ProductVersion $ours)"
    "MODULE_SQLCLIENT_PATH=$($ours.Location)"
    "MODULE_SQLCLIENT_CONTEXT=$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ours).Name)"
}
'DONE'
exit 0
'@
    $run = Invoke-ChildPwsh -ScriptPath $childScript -TimeoutSeconds 120 -ArgumentList @(
        $env:DATAREFRESH_TEST_SQLCLIENT52, (Resolve-Path -LiteralPath $env:DATAREFRESH_MODULE).ProviderPath, $sqliteConfig, $sqlServerConfig)
    $lines = @($run.StdOut -split "\r?\n" | Where-Object { $_ })
    function Get-Value([string]$Key) {
        $line = $lines | Where-Object { $_.StartsWith("$Key=") } | Select-Object -First 1
        if ($line) { $line.Substring($Key.Length + 1) } else { $null }
    }
    function Get-Values([string]$Key) { @($lines | Where-Object { $_.StartsWith("$Key=") } | ForEach-Object { $_.Substring($Key.Length + 1) }) }

    # Both versions, for the log.
    Write-Host "  SqlClient in the session: $(Get-Value SESSION_SQLCLIENT_PRODUCT_VERSION) (assembly $(Get-Value SESSION_SQLCLIENT_ASSEMBLY_VERSION)); in DataRefresh's context: $(Get-Value MODULE_SQLCLIENT_PRODUCT_VERSION) (assembly $(Get-Value MODULE_SQLCLIENT_ASSEMBLY_VERSION), $(Get-Value MODULE_SQLCLIENT_PATH))"
}

AfterAll {
    if ($dir) { Remove-TestDirectory $dir }
}

Describe 'DataRefresh in a session that already loaded Microsoft.Data.SqlClient 5.2' {
    BeforeEach {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason }
    }

    It 'the child process exits 0 and finishes' {
        $because = "child output:`n$($run.Output)"
        $run.ExitCode | Should -Be 0 -Because $because
        $lines[-1] | Should -Be 'DONE' -Because $because
        $run.StdErr.Trim() | Should -BeNullOrEmpty -Because $because
    }

    It 'loaded SqlClient 5.2.x first, in the default context' {
        # SqlClient 5.x keeps AssemblyVersion 5.0.0.0; the 5.2.x release is in the informational version.
        Get-Value SESSION_SQLCLIENT_ASSEMBLY_VERSION | Should -Match '^5\.'
        Get-Value SESSION_SQLCLIENT_PRODUCT_VERSION | Should -Match '^5\.2\.'
        Get-Value SESSION_SQLCLIENT_CONTEXT | Should -Be 'Default'
    }

    It 'imports DataRefresh and plans the SQLite refresh' {
        Get-Value MODULE_VERSION | Should -Not -BeNullOrEmpty
        Get-Value PLANS | Should -Be '5'
        Get-Value PLAN_TYPE | Should -Be 'DataRefresh.Planning.RefreshPlan'
    }

    It 'runs Invoke-TableRefresh -Force to success for every table' {
        Get-Value RESULTS | Should -Be '5'
        Get-Value SUCCEEDED | Should -Be '5' -Because ((Get-Values RESULT) -join "`n")
        $copied = @{}
        foreach ($r in Get-Values RESULT) { $parts = $r -split '\|'; $copied[$parts[0]] = [long]$parts[2] }
        $copied['customers'] | Should -Be $prodCounts.customers
    }

    It 'leaves the session with its SqlClient 5.2, and the module with its own SqlClient in its own context' {
        Get-Value SESSION_SQLCLIENT_AFTER | Should -Match '^5\.2\.'
        Get-Value MODULE_CONTEXT | Should -Be 'DataRefresh'
        Get-Value MODULE_SQLCLIENT_CONTEXT | Should -Be 'DataRefresh'
        Get-Value MODULE_SQLCLIENT_PRODUCT_VERSION | Should -Not -Match '^5\.2\.'
        Get-Value MODULE_SQLCLIENT_ASSEMBLY_VERSION | Should -Not -Be (Get-Value SESSION_SQLCLIENT_ASSEMBLY_VERSION)
    }

    It "resolves the module's SqlClient to its runtime-specific build for this OS" {
        # The RID-less lib/ build is the stub that throws "not supported on this platform".
        $os = if ($IsWindows) { 'win' } else { 'unix' }
        Get-Value MODULE_SQLCLIENT_PATH | Should -Match "[\\/]runtimes[\\/]$os[\\/]lib[\\/]"
    }

    It 'Test-RefreshConfig on engine: sqlserver never says "not supported on this platform"' {
        $run.Output | Should -Not -Match 'not supported on this platform'
    }

    It 'Test-RefreshConfig on engine: sqlserver reports "not supported yet" or a connection failure, without a stack trace' {
        $checks = Get-Values CHECK
        $errors = Get-Values ERROR
        $all = (@($checks) + @($errors)) -join "`n"
        $all | Should -Not -BeNullOrEmpty
        $notYet = @($checks | Where-Object { $_ -match '^Engine\|\|NotSupported\|.*not supported yet' }) +
            @($errors | Where-Object { $_ -match '^EngineNotSupported.*not supported yet' })
        $connectionFailed = @($checks | Where-Object { $_ -match '^Reachable\|(Source|Target)\|Failed\|.+' }) +
            @($errors | Where-Object { $_ -match '^(DatabaseConnectionFailed|Timeout)' })
        ($notYet.Count + $connectionFailed.Count) | Should -BeGreaterThan 0 -Because "the checks and errors were:`n$all"
        # The configuration itself is fine either way.
        @($checks | Where-Object { $_ -like 'Configuration|*' }) | Should -Match '^Configuration\|\|Passed\|'
        Test-StackTraceText $run.Output | Should -BeFalse -Because "child output:`n$($run.Output)"
    }
}
