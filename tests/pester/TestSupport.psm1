# Shared helpers for the Pester tests in this folder (not a test file itself: Pester runs *.Tests.ps1 only).
#   Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
# SQLite databases come from build/DemoData (built once per test file, then run as `dotnet <dll>`, as build/demo.ps1
# does); PostgreSQL databases are made with psql against the throwaway cluster in DATAREFRESH_TEST_PG.

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

$script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
$script:DemoDataDll = $null
$script:Psql = $null

function Write-Utf8File {
    <# Writes text as UTF-8 without a BOM, creating the folder; returns the full path. #>
    param([Parameter(Mandatory)] [string]$Path, [Parameter(Mandatory)] [AllowEmptyString()] [string]$Text)
    $dir = Split-Path -Parent $Path
    if ($dir -and -not (Test-Path -LiteralPath $dir)) { $null = New-Item -ItemType Directory -Path $dir -Force }
    [System.IO.File]::WriteAllText($Path, $Text, [System.Text.UTF8Encoding]::new($false))
    $Path
}

function New-TestDirectory {
    <# A fresh, empty folder under the system temp folder; remove it with Remove-TestDirectory. #>
    param([string]$Prefix = 'datarefresh-pester')
    $path = Join-Path ([System.IO.Path]::GetTempPath()) "$Prefix-$([guid]::NewGuid().ToString('N').Substring(0, 10))"
    (New-Item -ItemType Directory -Path $path -Force).FullName
}

function Remove-TestDirectory([string]$Path) {
    if ($Path -and (Test-Path -LiteralPath $Path)) { Remove-Item -LiteralPath $Path -Recurse -Force -ErrorAction SilentlyContinue }
}

function Initialize-DemoData {
    <#
    .SYNOPSIS
    Builds build/DemoData (Release) and returns the path of its assembly; later calls reuse it.
    #>
    if ($script:DemoDataDll) { return $script:DemoDataDll }
    $project = Join-Path $script:RepoRoot 'build/DemoData/DemoData.csproj'
    $buildOutput = @(& dotnet build $project -c Release --nologo -v quiet 2>&1)
    if ($LASTEXITCODE -ne 0) { throw "dotnet build $project exited $LASTEXITCODE`n$($buildOutput -join "`n")" }
    # -getProperty only evaluates the project: where the assembly just built is.
    $dll = "$(& dotnet msbuild $project -p:Configuration=Release -getProperty:TargetPath)".Trim()
    if ($LASTEXITCODE -ne 0 -or -not $dll -or -not (Test-Path -LiteralPath $dll -PathType Leaf)) {
        throw "cannot find the DemoData assembly after building $project (msbuild reported '$dll')"
    }
    $script:DemoDataDll = $dll
    $dll
}

function Invoke-DemoData {
    <# Runs DemoData (create <dir> | grow <dir> | counts <db>) and returns its output lines. #>
    param([Parameter(Mandatory)] [string[]]$Arguments)
    $dll = Initialize-DemoData
    $output = @(& dotnet $dll @Arguments 2>&1)
    if ($LASTEXITCODE -ne 0) { throw "DemoData $($Arguments -join ' ') exited $LASTEXITCODE`n$($output -join "`n")" }
    $output | ForEach-Object { "$_" }
}

function Get-DemoCount {
    <# Row count per table of a SQLite file, as an ordered dictionary (DemoData counts). #>
    param([Parameter(Mandatory)] [string]$Database)
    $counts = [ordered]@{}
    foreach ($line in Invoke-DemoData -Arguments 'counts', $Database) {
        $name, $count = $line -split ' ', 2
        $counts[$name] = [long]$count
    }
    $counts
}

function Copy-DemoDatabase {
    <# Copies production.db and uat.db from a DemoData folder into a fresh subfolder of $Root; returns that folder. #>
    param([Parameter(Mandatory)] [string]$From, [Parameter(Mandatory)] [string]$Root, [Parameter(Mandatory)] [string]$Name)
    $dir = Join-Path $Root $Name
    $null = New-Item -ItemType Directory -Path $dir -Force
    foreach ($file in 'production.db', 'uat.db') {
        Copy-Item -LiteralPath (Join-Path $From $file) -Destination (Join-Path $dir $file) -Force
    }
    $dir
}

function Get-DemoConfigText {
    <#
    .SYNOPSIS
    The demo's SQLite configuration (relative database paths, so they resolve against the config's folder), with the
    tables listed children first so that planning has to put them in foreign-key order.
    #>
    param([string]$Source = 'production.db', [string]$Target = 'uat.db')
    @"
databases:
  source:
    engine: sqlite
    database: $Source
  target:
    engine: sqlite
    database: $Target
tables:
  - name: order_lines
    sync_mode: incremental
    incremental_column: id
    incremental_type: identity
  - name: orders
    sync_mode: incremental
    incremental_column: order_id
    incremental_type: identity
  - name: daily_sales
    sync_mode: incremental
    incremental_column: report_date
    incremental_type: date
    date_buffer_days: 3
  - name: products
    sync_mode: smart_sync
    incremental_column: last_modified
    incremental_type: datetime
    fallback_to_full: true
    external_references: defer
  - name: customers
    sync_mode: full_replace
    external_references: defer
settings:
  default_batch_size: 1000
  max_retries: 0

"@
}

function Get-UnreachableSqlServerConfigText {
    <#
    .SYNOPSIS
    A sqlserver config whose server does not answer: nothing listens on port 1, and connection_timeout 2 makes the
    connection fail fast once the engine tries. auth_type sql: set the four credential variables before using it.
    #>
    @'
databases:
  source:
    engine: sqlserver
    server: 127.0.0.1
    port: 1
    database: shop
    auth_type: sql
  target:
    engine: sqlserver
    server: 127.0.0.1
    port: 1
    database: shop_uat
    auth_type: sql
tables:
  - name: dbo.customers
settings:
  connection_timeout: 2
  max_retries: 0
'@
}

function Get-PwshInvocation {
    <#
    .SYNOPSIS
    How to start a child pwsh like this one: @{ FilePath; Prefix } (under `dotnet pwsh`, the dotnet host and pwsh.dll).
    #>
    $dll = Join-Path $PSHOME 'pwsh.dll'
    $host_ = [Environment]::ProcessPath
    $leaf = [System.IO.Path]::GetFileNameWithoutExtension($host_)
    if ($leaf -eq 'dotnet' -and (Test-Path -LiteralPath $dll)) {
        return @{ FilePath = $host_; Prefix = @($dll) }
    }
    $exe = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    @{ FilePath = $exe; Prefix = @() }
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
    Runs a script file in a fresh pwsh process (-NoProfile -NonInteractive -File); returns ExitCode, StdOut, StdErr
    and Output (both, as text). Kills the process and throws after -TimeoutSeconds.
    #>
    param(
        [Parameter(Mandatory)] [string]$ScriptPath,
        [string[]]$ArgumentList = @(),
        [int]$TimeoutSeconds = 120,
        [hashtable]$Environment = @{}
    )
    $how = Get-PwshInvocation
    $psi = [System.Diagnostics.ProcessStartInfo]::new($how.FilePath)
    foreach ($a in @($how.Prefix) + @('-NoProfile', '-NonInteractive', '-File', $ScriptPath) + $ArgumentList) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $psi.WorkingDirectory = Split-Path -Parent $ScriptPath
    # Plain text: no ANSI escapes in what the tests read.
    $psi.Environment['NO_COLOR'] = '1'
    $psi.Environment['TERM'] = 'dumb'
    foreach ($key in $Environment.Keys) { $psi.Environment[$key] = $Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($psi)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "the child pwsh ($ScriptPath) did not finish in $TimeoutSeconds s; killed. Output so far: $($stdout.Result)"
        }
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            StdOut   = $stdout.GetAwaiter().GetResult()
            StdErr   = $stderr.GetAwaiter().GetResult()
            Output   = $stdout.GetAwaiter().GetResult() + "`n" + $stderr.GetAwaiter().GetResult()
        }
    } finally {
        $process.Dispose()
    }
}

function Test-StackTraceText {
    <# True if the text looks like it holds a .NET or PowerShell stack trace. #>
    param([AllowNull()] [AllowEmptyString()] [string]$Text)
    if (-not $Text) { return $false }
    $Text -match '(?m)^\s*at [\w.`<>+]+\.[\w<>`]+\(' -or
        $Text -match '--- End of (inner exception )?stack trace' -or
        $Text -match '(?m)^\s*at <ScriptBlock>' -or
        $Text -match '\w+(\.\w+)+Exception( \(0x[0-9A-Fa-f]+\))?: .*\r?\n\s+at '
}

# ---- PostgreSQL (psql against DATAREFRESH_TEST_PG) ----

function Get-PgTestServer {
    <# DATAREFRESH_TEST_PG split into Host, Port, User, Database; $null when it is not set. #>
    if (-not $env:DATAREFRESH_TEST_PG) { return $null }
    $parts = @{}
    foreach ($pair in $env:DATAREFRESH_TEST_PG -split ';') {
        if ($pair -match '^\s*([^=]+?)\s*=\s*(.*?)\s*$') { $parts[$Matches[1].ToLowerInvariant()] = $Matches[2] }
    }
    $get = { param([string[]]$names, $default) foreach ($n in $names) { if ($parts.ContainsKey($n) -and $parts[$n]) { return $parts[$n] } }; $default }
    [pscustomobject]@{
        Host     = & $get @('host', 'server') '127.0.0.1'
        Port     = [int](& $get @('port') '5432')
        User     = & $get @('username', 'user id', 'userid', 'user') 'postgres'
        Database = & $get @('database', 'db') 'postgres'
    }
}

function Find-Psql {
    if ($script:Psql) { return $script:Psql }
    $candidates = @(Get-Command psql -CommandType Application -All -ErrorAction SilentlyContinue | ForEach-Object Source) +
        @(Get-Item -Path '/usr/lib/postgresql/*/bin/psql' -ErrorAction SilentlyContinue |
            Sort-Object { [int]($_.FullName -replace '^/usr/lib/postgresql/(\d+).*$', '$1') } -Descending | ForEach-Object FullName)
    $found = $candidates | Where-Object { $_ -and (Test-Path -LiteralPath $_) } | Select-Object -First 1
    if (-not $found) { throw 'psql not found on PATH or under /usr/lib/postgresql/*/bin' }
    $script:Psql = $found
    $found
}

function Invoke-Psql {
    <#
    .SYNOPSIS
    Runs SQL through psql (-X -q -v ON_ERROR_STOP=1, unaligned, tuples only) on a database of the test server;
    returns the output lines; throws with psql's messages on failure.
    #>
    param([Parameter(Mandatory)] [string]$Sql, [string]$Database)
    $pg = Get-PgTestServer
    if (-not $pg) { throw 'DATAREFRESH_TEST_PG is not set' }
    if (-not $Database) { $Database = $pg.Database }
    $psql = Find-Psql
    $output = @($Sql | & $psql -X -q -v ON_ERROR_STOP=1 -A -t -h $pg.Host -p $pg.Port -U $pg.User -d $Database -f - 2>&1)
    if ($LASTEXITCODE -ne 0) { throw "psql on $Database exited $LASTEXITCODE`: $($output -join "`n")`nSQL: $Sql" }
    @($output | ForEach-Object { "$_" } | Where-Object { $_ -ne '' })
}

Export-ModuleMember -Function Get-UnreachableSqlServerConfigText, Write-Utf8File, New-TestDirectory, Remove-TestDirectory, Initialize-DemoData, Invoke-DemoData,
    Get-DemoCount, Copy-DemoDatabase, Get-DemoConfigText, Get-PwshInvocation, Invoke-ChildPwsh, Test-StackTraceText,
    Get-PgTestServer, Find-Psql, Invoke-Psql

# ---- SQL Server (a server of the contributor's own, named by DATAREFRESH_TEST_SQLSERVER) ----
# Setup SQL goes through Microsoft.Data.SqlClient 5.2.2 (DATAREFRESH_TEST_SQLCLIENT52, restored by tests/TestTools),
# loaded into this process's default load context: the module keeps its own SqlClient 7 in a private one, so the two
# do not meet (Coexistence.Tests.ps1 proves it). tests/TestTools only downloads the 5.2.2 package, not its
# dependencies, and 5.2.2 cannot open any connection without Microsoft.Identity.Client (its authentication provider
# manager's type initializer needs it, even for SQL logins): a resolver lends it the copies that pwsh ships for
# PSResourceGet and that the module ships in deps/. Where that is not possible (no 5.2.2, no MSAL to lend, or Windows,
# where 5.2.2 wants a native SNI that is not restored either) the helpers use System.Data.SqlClient, which pwsh ships.

$script:SqlServerClient = $null

function Initialize-SqlServerClient {
    <#
    .SYNOPSIS
    Loads the SqlClient for setup SQL once; returns Namespace (Microsoft.Data.SqlClient or System.Data.SqlClient) and
    Description (which one, from where).
    #>
    if ($script:SqlServerClient) { return $script:SqlServerClient }
    $path = $env:DATAREFRESH_TEST_SQLCLIENT52
    $why = $null
    $lend = @()
    if (-not $path -or -not (Test-Path -LiteralPath $path -PathType Leaf)) {
        $why = "DATAREFRESH_TEST_SQLCLIENT52 is not set or missing ('$path')"
    } elseif ($IsWindows) {
        $why = "Microsoft.Data.SqlClient 5.2.2 needs its native SNI on Windows, which tests/TestTools does not restore"
    } else {
        $lend = @(
            (Join-Path $PSHOME 'Modules/Microsoft.PowerShell.PSResourceGet/dependencies'),
            $(if ($env:DATAREFRESH_MODULE) { Join-Path (Split-Path -Parent $env:DATAREFRESH_MODULE) 'deps' })
        ) | Where-Object { $_ -and (Test-Path -LiteralPath $_ -PathType Container) }
        if (-not ($lend | Where-Object { Test-Path -LiteralPath (Join-Path $_ 'Microsoft.Identity.Client.dll') })) {
            $why = "no Microsoft.Identity.Client.dll to lend Microsoft.Data.SqlClient 5.2.2 (looked in $($lend -join ', '))"
        }
    }

    if (-not $why -and -not ('DataRefreshTests.SqlClientDependencyResolver' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace DataRefreshTests
{
    /// <summary>Lends Microsoft.Data.SqlClient 5.2.2 the few dependencies that the test tools do not restore.</summary>
    public static class SqlClientDependencyResolver
    {
        private static readonly string[] Prefixes = { "Microsoft.Identity.", "Microsoft.IdentityModel.", "Microsoft.SqlServer.Server", "Azure." };
        private static string[] _directories = new string[0];

        public static void Install(string[] directories)
        {
            _directories = directories ?? new string[0];
            AssemblyLoadContext.Default.Resolving -= Resolve;
            AssemblyLoadContext.Default.Resolving += Resolve;
        }

        private static Assembly Resolve(AssemblyLoadContext context, AssemblyName name)
        {
            var simple = name.Name;
            if (string.IsNullOrEmpty(simple) || simple.IndexOfAny(new[] { '/', '\\' }) >= 0)
            {
                return null;
            }

            var wanted = false;
            foreach (var prefix in Prefixes)
            {
                wanted |= simple.StartsWith(prefix, StringComparison.Ordinal);
            }

            if (!wanted)
            {
                return null;
            }

            foreach (var directory in _directories)
            {
                var candidate = Path.Combine(directory, simple + ".dll");
                if (File.Exists(candidate))
                {
                    return context.LoadFromAssemblyPath(candidate);
                }
            }

            return null;
        }
    }
}
'@
    }

    if (-not $why) {
        [DataRefreshTests.SqlClientDependencyResolver]::Install([string[]]$lend)
        Add-Type -LiteralPath $path
        $version = [Microsoft.Data.SqlClient.SqlConnection].Assembly.GetName().Version
        $script:SqlServerClient = [pscustomobject]@{
            Namespace   = 'Microsoft.Data.SqlClient'
            Description = "Microsoft.Data.SqlClient 5.2.2 (assembly $version) from $path"
        }
    } else {
        $assembly = [System.Data.SqlClient.SqlConnection].Assembly
        $script:SqlServerClient = [pscustomobject]@{
            Namespace   = 'System.Data.SqlClient'
            Description = "System.Data.SqlClient $($assembly.GetName().Version) from $($assembly.Location) ($why)"
        }
    }
    $script:SqlServerClient
}

function New-SqlServerConnectionStringBuilder {
    <# A SqlConnectionStringBuilder of the setup client, from a connection string. #>
    param([Parameter(Mandatory)] [string]$ConnectionString)
    $client = Initialize-SqlServerClient
    New-Object -TypeName "$($client.Namespace).SqlConnectionStringBuilder" -ArgumentList $ConnectionString
}

function Get-SqlServerTestServer {
    <#
    .SYNOPSIS
    DATAREFRESH_TEST_SQLSERVER taken apart: ConnectionString, DataSource, Server and Port (as a DataRefresh config
    writes them: "host,1433" becomes server host and port 1433), IntegratedSecurity, User and Password; $null when
    it is not set.
    #>
    if (-not $env:DATAREFRESH_TEST_SQLSERVER) { return $null }
    $builder = New-SqlServerConnectionStringBuilder $env:DATAREFRESH_TEST_SQLSERVER
    $dataSource = "$($builder.DataSource)".Trim()
    $server = $dataSource -replace '^tcp:', ''
    $port = $null
    if ($server -match '^(?<host>[^,]+?)\s*,\s*(?<port>\d+)$') {
        $server = $Matches['host']
        $port = [int]$Matches['port']
    }
    [pscustomobject]@{
        ConnectionString   = $env:DATAREFRESH_TEST_SQLSERVER
        DataSource         = $dataSource
        Server             = $server
        Port               = $port
        IntegratedSecurity = [bool]$builder.IntegratedSecurity
        User               = "$($builder.UserID)"
        Password           = "$($builder.Password)"
    }
}

function Invoke-SqlServerSql {
    <#
    .SYNOPSIS
    Runs one T-SQL batch (no GO) on a database of a SQL Server, in a connection of its own (no pooling); returns the
    rows of every result set: a row of one column as its value ($null for NULL), a wider row as an object with a
    property per column. Throws with the server's message (never the connection string) on failure.
    #>
    param(
        [Parameter(Mandatory)] [string]$ConnectionString,
        [string]$Database = 'master',
        [Parameter(Mandatory)] [string]$Sql,
        [int]$TimeoutSeconds = 300
    )
    $client = Initialize-SqlServerClient
    $builder = New-SqlServerConnectionStringBuilder $ConnectionString
    $builder['Initial Catalog'] = $Database
    $builder['Pooling'] = $false
    $builder['Application Name'] = 'datarefresh-pester'
    $connection = New-Object -TypeName "$($client.Namespace).SqlConnection" -ArgumentList $builder.ConnectionString
    try {
        $connection.Open()
        $command = $connection.CreateCommand()
        $command.CommandText = $Sql
        $command.CommandTimeout = $TimeoutSeconds
        $reader = $command.ExecuteReader()
        try {
            do {
                while ($reader.Read()) {
                    if ($reader.FieldCount -eq 1) {
                        $value = $reader.GetValue(0)
                        # -NoEnumerate: a binary value (byte[]) is one value, not a byte per row.
                        if ($value -is [System.DBNull]) { $null } else { Write-Output -NoEnumerate $value }
                    } else {
                        $row = [ordered]@{}
                        for ($i = 0; $i -lt $reader.FieldCount; $i++) {
                            $value = $reader.GetValue($i)
                            $row[$(if ($reader.GetName($i)) { $reader.GetName($i) } else { "Column$i" })] = $(if ($value -is [System.DBNull]) { $null } else { $value })
                        }
                        [pscustomobject]$row
                    }
                }
            } while ($reader.NextResult())
        } finally {
            $reader.Dispose()
        }
    } catch {
        $e = $_.Exception
        while ($e.InnerException -and $e -is [System.Management.Automation.MethodInvocationException]) { $e = $e.InnerException }
        $shown = if ($Sql.Length -gt 400) { $Sql.Substring(0, 400) + ' ...' } else { $Sql }
        throw "SQL on $($builder.DataSource)/$Database failed: $($e.Message)`nSQL: $shown"
    } finally {
        $connection.Dispose()
    }
}

function Remove-SqlServerTestDatabase {
    <# Drops a database if it exists, ending every session in it first (the module's pooled connections too). #>
    param([Parameter(Mandatory)] [string]$ConnectionString, [Parameter(Mandatory)] [string]$Name)
    $quoted = '[' + $Name.Replace(']', ']]') + ']'
    $literal = "N'" + $Name.Replace("'", "''") + "'"
    $null = Invoke-SqlServerSql -ConnectionString $ConnectionString -Database master -Sql @"
IF DB_ID($literal) IS NOT NULL
BEGIN
    ALTER DATABASE $quoted SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
    DROP DATABASE $quoted;
END
"@
}

Export-ModuleMember -Function Initialize-SqlServerClient, New-SqlServerConnectionStringBuilder, Get-SqlServerTestServer,
    Invoke-SqlServerSql, Remove-SqlServerTestDatabase
