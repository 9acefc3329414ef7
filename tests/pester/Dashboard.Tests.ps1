# The dashboard as a DBA starts it: the built module in a fresh pwsh, local accounts written by
# Set-RefreshDashboardUser, Start-RefreshDashboard -PassThru on the demo's SQLite pair, sign-in over HTTP Basic,
# a refresh triggered through the HTTP API and followed to its end, Stop-RefreshDashboard, Remove-RefreshDashboardUser.
# The endpoints one by one, the page in a browser and the security rules are the C# tiers' (tests/DataRefresh.Engine.Tests/Dashboard);
# this proves the cmdlets, the module's own ASP.NET Core and a clean stop, in a process of their own.
# Run through `dotnet pwsh ./build.ps1 test -Tier Pester` (sets DATAREFRESH_MODULE).

BeforeAll {
    if (-not $env:DATAREFRESH_MODULE) { throw 'DATAREFRESH_MODULE is not set: run these tests through build.ps1 test' }
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force

    $root = New-TestDirectory -Prefix 'datarefresh-dashboard'
    $canary = 'canary-Pa55-dash-4e1b'
    $dashboardYaml = @'
dashboard:
  listen: "http://127.0.0.1:0"
  users_file: users.json
  roles:
    operators: [alice]
    viewers: [bob]

'@

    # What a DBA's script does, start to end, in one fresh pwsh; it reports what it saw as JSON on its last line.
    $script = Write-Utf8File (Join-Path $root 'dashboard.ps1') @'
param([string]$Module, [string]$Config, [string]$Password)
$ErrorActionPreference = 'Stop'
$seen = [ordered]@{}
function AspNetLoaded { @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'Microsoft.AspNetCore*' }).Count }
Import-Module $Module
$seen.aspNetAfterImport = AspNetLoaded
$secure = ConvertTo-SecureString $Password -AsPlainText -Force
$users = Join-Path (Split-Path -Parent $Config) 'users.json'
Set-RefreshDashboardUser -UsersFile $users -Name alice -Password $secure
Set-RefreshDashboardUser -UsersFile $users -Name bob -Password $secure
Set-RefreshDashboardUser -UsersFile $users -Name carol -Password $secure
$dashboard = Start-RefreshDashboard -Config $Config -PassThru
$url = $dashboard.Url.ToString().TrimEnd('/')
$seen.url = $url
$seen.aspNetAfterStart = AspNetLoaded
$kestrel = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.AspNetCore.Server.Kestrel.Core' } | Select-Object -First 1
$seen.kestrelFrom = [string]$kestrel.Location
function As([string]$Name) { @{ Authentication = 'Basic'; Credential = [pscredential]::new($Name, $secure); AllowUnencryptedAuthentication = $true } }
function Status([scriptblock]$Request) { (& $Request).StatusCode }
$alice = As 'alice'
$bob = As 'bob'
$carol = As 'carol'
$seen.healthz = Invoke-RestMethod "$url/healthz"
$seen.anonymous = Status { Invoke-WebRequest "$url/api/tables" -SkipHttpErrorCheck }
$seen.carol = Status { Invoke-WebRequest "$url/api/tables" @carol -SkipHttpErrorCheck }
$overview = Invoke-RestMethod "$url/api/tables" @alice
$seen.tables = @($overview.tables | ForEach-Object table)
$seen.page = (Invoke-WebRequest "$url/" @alice).Content -match 'href="/tables/customers"'
$session = Invoke-RestMethod "$url/api/session" @alice
$seen.roles = @($session.roles)
$body = @{ tables = @('customers') } | ConvertTo-Json
$seen.noCsrf = Status { Invoke-WebRequest -Method Post "$url/api/refresh" -Body $body -ContentType 'application/json' @alice -SkipHttpErrorCheck }
$bobSession = Invoke-RestMethod "$url/api/session" @bob
$seen.viewerTrigger = Status { Invoke-WebRequest -Method Post "$url/api/refresh" -Body $body -ContentType 'application/json' -Headers @{ 'X-CSRF-Token' = $bobSession.csrfToken } @bob -SkipHttpErrorCheck }
$started = Invoke-WebRequest -Method Post "$url/api/refresh" -Body $body -ContentType 'application/json' -Headers @{ 'X-CSRF-Token' = $session.csrfToken } @alice
$seen.triggered = $started.StatusCode
$runId = ($started.Content | ConvertFrom-Json).runId
$deadline = [DateTime]::UtcNow.AddSeconds(60)
do {
    Start-Sleep -Milliseconds 200
    $run = Invoke-RestMethod "$url/api/runs/$runId" @alice
} until ($run.finished -or [DateTime]::UtcNow -gt $deadline)
$seen.finished = [bool]$run.finished
$seen.runStatus = @($run.tables | ForEach-Object { "$($_.table):$($_.status)" })
$seen.history = @(Invoke-RestMethod "$url/api/history?table=customers&last=1" @alice | ForEach-Object { $_ } | ForEach-Object { "$($_.runId):$($_.status)" })
$seen.historyUser = @(Get-RefreshHistory -Config $Config -Table customers -Last 1 | ForEach-Object OsUser)
Stop-RefreshDashboard
try { $null = Invoke-WebRequest "$url/healthz" -TimeoutSec 5; $seen.afterStop = 'answered' } catch { $seen.afterStop = 'refused' }
Remove-RefreshDashboardUser -UsersFile $users -Name bob
$seen.usersFile = Get-Content -Raw -LiteralPath $users
$seen.runId = $runId
$seen | ConvertTo-Json -Compress -Depth 4
'@

}

AfterAll {
    Remove-TestDirectory $root
}

# A stock pwsh (MSI, zip) is self-contained and has no ASP.NET Core: DATAREFRESH_ASPNETCORE=bundled makes the module
# take its own copy (aspnetcore/) even here, where `dotnet pwsh` runs on an SDK that has the shared framework.
Describe 'Start-RefreshDashboard in a fresh pwsh, as a DBA starts it (ASP.NET Core: <AspNetCore>)' -ForEach @(
    @{ AspNetCore = 'the runtime''s when it has one'; Environment = @{} }
    @{ AspNetCore = 'the module''s own copy'; Environment = @{ DATAREFRESH_ASPNETCORE = 'bundled' } }
) {
    BeforeAll {
        $dir = Join-Path $root ([guid]::NewGuid().ToString('N').Substring(0, 8))
        $null = Invoke-DemoData -Arguments 'create', $dir
        $config = Write-Utf8File (Join-Path $dir 'refresh.yaml') ((Get-DemoConfigText) + $dashboardYaml)
        $result = Invoke-ChildPwsh -ScriptPath $script -ArgumentList $env:DATAREFRESH_MODULE, $config, $canary -TimeoutSeconds 180 -Environment $Environment
        $lines = @($result.StdOut -split "`n" | Where-Object { $_.Trim() })
        $seen = if ($result.ExitCode -eq 0 -and $lines.Count -gt 0) { $lines[-1] | ConvertFrom-Json } else { $null }
    }

    It 'runs the script to its end' {
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $seen | Should -Not -BeNullOrEmpty -Because $result.Output
    }

    It 'loads no ASP.NET Core at Import-Module, and Kestrel only when the dashboard starts' {
        $seen.aspNetAfterImport | Should -Be 0
        $seen.aspNetAfterStart | Should -BeGreaterThan 0
        # The module's own copy (a stock, self-contained pwsh has none), or the runtime's shared framework when it has one.
        $moduleDir = Split-Path -Parent (Resolve-Path $env:DATAREFRESH_MODULE)
        $bundled = '^' + [regex]::Escape((Join-Path $moduleDir 'aspnetcore'))
        if ($Environment.Count -gt 0) {
            $seen.kestrelFrom | Should -Match $bundled
        } else {
            $seen.kestrelFrom | Should -Match ($bundled + '|[\\/]shared[\\/]Microsoft\.AspNetCore\.App[\\/]')
        }
    }

    It 'prints the URL it listens on, on loopback, with the real port' {
        $seen.url | Should -Match '^http://127\.0\.0\.1:\d+$'
        $seen.url | Should -Not -Match ':0$'
        $result.StdOut | Should -Match ([regex]::Escape($seen.url))
    }

    It 'answers /healthz without sign-in and refuses the API without credentials or a role' {
        $seen.healthz | Should -Be 'ok'
        $seen.anonymous | Should -Be 401
        $seen.carol | Should -Be 403
    }

    It 'shows every configured table to a signed-in operator, in JSON and on the page' {
        $seen.tables | Sort-Object | Should -Be @('customers', 'daily_sales', 'order_lines', 'orders', 'products')
        $seen.page | Should -BeTrue
        $seen.roles | Should -Contain 'operator'
    }

    It 'refuses a POST without the CSRF token and a viewer''s trigger' {
        $seen.noCsrf | Should -BeIn @(400, 403)
        $seen.viewerTrigger | Should -Be 403
    }

    It 'runs an operator''s refresh to its end, and history names the run and the user' {
        $seen.triggered | Should -Be 202
        $seen.finished | Should -BeTrue
        $seen.runStatus | Should -Be @('customers:Succeeded')
        $seen.history | Should -Be @("$($seen.runId):Succeeded")
        $seen.historyUser | Should -Be @('alice')
        (Get-DemoCount (Join-Path $dir 'uat.db'))['customers'] | Should -Be (Get-DemoCount (Join-Path $dir 'production.db'))['customers']
    }

    It 'stops with Stop-RefreshDashboard: the port no longer answers' {
        $seen.afterStop | Should -Be 'refused'
    }

    It 'keeps names and salted hashes only in the users file, and Remove-RefreshDashboardUser removes one' {
        $seen.usersFile | Should -Match 'alice'
        $seen.usersFile | Should -Not -Match 'bob'
        $seen.usersFile | Should -Not -Match ([regex]::Escape($canary))
    }

    It 'never shows the password in its output' {
        $result.Output | Should -Not -Match ([regex]::Escape($canary))
        Get-ChildItem -LiteralPath $dir -File | ForEach-Object {
            Get-Content -Raw -LiteralPath $_.FullName -ErrorAction SilentlyContinue | Should -Not -Match ([regex]::Escape($canary)) -Because $_.Name
        }
    }
}
