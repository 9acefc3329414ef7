# Shared helpers for the Pester tests in this folder (not a test file itself: Pester runs *.Tests.ps1 only).
#   Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
# SQLite databases come from build/DemoData (built once per test file, then run as `dotnet <dll>`, as build/demo.ps1
# does; `DemoData sql <file>` runs setup SQL); PostgreSQL databases are made with psql against the throwaway cluster
# in DATAREFRESH_TEST_PG; SQL Server databases through Microsoft.Data.SqlClient 5.2.2 on DATAREFRESH_TEST_SQLSERVER.
# Sections: files and child processes; PostgreSQL; SQL Server; one engine as Engines.Tests.ps1 sees it (New-TestEngine
# and the *-Engine* functions); child pwsh processes stopped mid-refresh (CtrlC.Tests.ps1, Unattended.Tests.ps1).

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

# ---- SQLite setup SQL (DemoData sql: no sqlite3 CLI needed) ----

function Invoke-SqliteSql {
    <#
    .SYNOPSIS
    Runs SQL on a SQLite file (created if missing) through DemoData; returns the rows as text, columns joined by '|'
    (NULL as nothing), as psql -A -t does; throws with SQLite's message on failure.
    #>
    param([Parameter(Mandatory)] [string]$Database, [Parameter(Mandatory)] [string]$Sql)
    $dll = Initialize-DemoData
    $output = @($Sql | & dotnet $dll sql $Database 2>&1)
    if ($LASTEXITCODE -ne 0) { throw "SQL on $Database failed (DemoData exited $LASTEXITCODE): $($output -join "`n")`nSQL: $Sql" }
    @($output | ForEach-Object { "$_" })
}

function Get-TerminatingError {
    <# Runs the script block and returns the terminating error it threw ($null if none). #>
    param([Parameter(Mandatory)] [scriptblock]$Script)
    try { $null = & $Script; $null } catch { $_ }
}

# ---- One engine, as the data-driven cases in Engines.Tests.ps1 see it ----
# New-TestEngine gives a descriptor for postgresql, sqlserver or sqlite: its skip reason (no server), the SQL it
# needs for the shared fixture (New-EnginePair), and the expectations that differ by engine. The cases call the
# *-Engine* functions below with it, so each behaviour is written once. Remove-TestEngine drops what it made and
# restores the credential variables.

$script:CredentialVariables = 'SOURCE_DB_USER', 'SOURCE_DB_PASSWORD', 'TARGET_DB_USER', 'TARGET_DB_PASSWORD'

function Get-SqlServerSeries([int]$Last) {
    # Rows 1..N as column g, on any SQL Server version (GENERATE_SERIES needs 2022 and level 160).
    "(SELECT TOP ($Last) CAST(ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS int) AS g FROM sys.all_objects AS a CROSS JOIN sys.all_objects AS b) AS series"
}

function Get-SqliteSeries([int]$Last) {
    # WITH clause: rows 1..N as column i of s.
    "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $Last)"
}

function Get-EngineFixtureSql {
    <#
    .SYNOPSIS
    The shared fixture for one engine: SourceSchema, TargetSchema, SourceRows, TargetRows, LateEvents (50 more
    source events, ids 1001-1050). customers <- orders (a foreign key), events (incremental by id) and scores, whose
    target has a CHECK constraint (score < 100) that some source rows break; the target is an older, edited copy.
    SQL Server adds products (smart_sync on datetime2(7)) and gadgets (a computed and a rowversion column).
    #>
    param([Parameter(Mandatory)] [ValidateSet('postgresql', 'sqlserver', 'sqlite')] [string]$Key)
    switch ($Key) {
        'postgresql' {
            $schema = @'
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), amount numeric(10,2) NOT NULL);
CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp NOT NULL, payload text);
'@
            @{
                SourceSchema = $schema + 'CREATE TABLE scores (id integer PRIMARY KEY, score integer NOT NULL);'
                TargetSchema = $schema + 'CREATE TABLE scores (id integer PRIMARY KEY, score integer NOT NULL CHECK (score < 100));'
                SourceRows   = @'
INSERT INTO customers SELECT i, 'customer ' || i, 'c' || i || '@example.com' FROM generate_series(1, 50) i;
INSERT INTO orders SELECT i, 1 + i % 50, (i * 1.25)::numeric(10,2) FROM generate_series(1, 200) i;
INSERT INTO events SELECT i, timestamp '2025-01-01' + i * interval '1 minute', 'event ' || i FROM generate_series(1, 1000) i;
INSERT INTO scores SELECT i, i * 15 FROM generate_series(1, 10) i;
'@
                TargetRows   = @'
INSERT INTO customers SELECT i, 'customer ' || i || ' (test)', 'test+' || i || '@uat.invalid' FROM generate_series(1, 30) i;
INSERT INTO orders SELECT i, 1 + i % 30, 1.00 FROM generate_series(1, 100) i;
INSERT INTO events SELECT i, timestamp '2025-01-01' + i * interval '1 minute', 'event ' || i FROM generate_series(1, 600) i;
INSERT INTO scores SELECT i, 10 FROM generate_series(1, 3) i;
'@
                LateEvents   = "INSERT INTO events SELECT i, timestamp '2025-02-01' + i * interval '1 minute', 'late ' || i FROM generate_series(1001, 1050) i"
            }
        }
        'sqlserver' {
            $schema = @'
CREATE TABLE dbo.customers (id int NOT NULL PRIMARY KEY, name nvarchar(100) NOT NULL, email nvarchar(200) NULL);
CREATE TABLE dbo.orders (id int NOT NULL PRIMARY KEY, customer_id int NOT NULL CONSTRAINT fk_orders_customers REFERENCES dbo.customers (id), amount decimal(10,2) NOT NULL);
CREATE TABLE dbo.events (id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY, happened_at datetime2(7) NOT NULL CONSTRAINT df_events_happened_at DEFAULT SYSUTCDATETIME(), payload nvarchar(100) NULL);
CREATE TABLE dbo.products (id int NOT NULL PRIMARY KEY, name nvarchar(100) NOT NULL, price decimal(10,2) NOT NULL, last_modified datetime2(7) NOT NULL);
CREATE TABLE dbo.gadgets (id int NOT NULL PRIMARY KEY, name nvarchar(50) NOT NULL, price decimal(10,2) NOT NULL, qty int NOT NULL, total AS (price * qty), rv rowversion);
'@
            @{
                SourceSchema = $schema + 'CREATE TABLE dbo.scores (id int NOT NULL PRIMARY KEY, score int NOT NULL);'
                TargetSchema = $schema + 'CREATE TABLE dbo.scores (id int NOT NULL PRIMARY KEY, score int NOT NULL CONSTRAINT ck_scores_score CHECK (score < 100));'
                SourceRows   = @"
INSERT INTO dbo.customers (id, name, email) SELECT g, CONCAT(N'customer ', g), CONCAT(N'c', g, N'@example.com') FROM $(Get-SqlServerSeries 50);
INSERT INTO dbo.orders (id, customer_id, amount) SELECT g, 1 + g % 50, CAST(g * 1.25 AS decimal(10,2)) FROM $(Get-SqlServerSeries 200);
SET IDENTITY_INSERT dbo.events ON;
INSERT INTO dbo.events (id, happened_at, payload) SELECT g, DATEADD(minute, g, CAST('2025-01-01T00:00:00' AS datetime2(7))), CONCAT(N'event ', g) FROM $(Get-SqlServerSeries 1000);
SET IDENTITY_INSERT dbo.events OFF;
INSERT INTO dbo.products (id, name, price, last_modified) SELECT g, CONCAT(N'product ', g), CAST(g * 2.5 AS decimal(10,2)), DATEADD(minute, g, CAST('2025-01-01T00:00:00.1234567' AS datetime2(7))) FROM $(Get-SqlServerSeries 100);
INSERT INTO dbo.gadgets (id, name, price, qty) SELECT g, CONCAT(N'gadget ', g), CAST(g * 0.75 AS decimal(10,2)), g % 7 FROM $(Get-SqlServerSeries 25);
INSERT INTO dbo.scores (id, score) SELECT g, g * 15 FROM $(Get-SqlServerSeries 10);
"@
                TargetRows   = @"
INSERT INTO dbo.customers (id, name, email) SELECT g, CONCAT(N'customer ', g, N' (test)'), CONCAT(N'test+', g, N'@uat.invalid') FROM $(Get-SqlServerSeries 30);
INSERT INTO dbo.orders (id, customer_id, amount) SELECT g, 1 + g % 30, 1.00 FROM $(Get-SqlServerSeries 100);
SET IDENTITY_INSERT dbo.events ON;
INSERT INTO dbo.events (id, happened_at, payload) SELECT g, DATEADD(minute, g, CAST('2025-01-01T00:00:00' AS datetime2(7))), CONCAT(N'event ', g) FROM $(Get-SqlServerSeries 600);
SET IDENTITY_INSERT dbo.events OFF;
INSERT INTO dbo.products (id, name, price, last_modified) SELECT g, CONCAT(N'product ', g), CAST(g * 2.5 AS decimal(10,2)), DATEADD(minute, g, CAST('2025-01-01T00:00:00.1234567' AS datetime2(7))) FROM $(Get-SqlServerSeries 60);
INSERT INTO dbo.gadgets (id, name, price, qty) SELECT g, CONCAT(N'stale gadget ', g), 9.99, 1 FROM $(Get-SqlServerSeries 5);
INSERT INTO dbo.scores (id, score) SELECT g, 10 FROM $(Get-SqlServerSeries 3);
"@
                LateEvents   = @"
SET IDENTITY_INSERT dbo.events ON;
INSERT INTO dbo.events (id, happened_at, payload) SELECT 1000 + g, DATEADD(minute, g, CAST('2025-02-01T00:00:00' AS datetime2(7))), CONCAT(N'late ', g) FROM $(Get-SqlServerSeries 50);
SET IDENTITY_INSERT dbo.events OFF;
"@
            }
        }
        'sqlite' {
            $schema = @'
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), amount numeric(10,2) NOT NULL);
CREATE TABLE events (id integer PRIMARY KEY, happened_at text NOT NULL, payload text);
'@
            $rows = {
                param([int]$Customers, [int]$Orders, [int]$Events, [int]$Scores, [bool]$Stale)
                $name = if ($Stale) { "'customer ' || i || ' (test)'" } else { "'customer ' || i" }
                $email = if ($Stale) { "'test+' || i || '@uat.invalid'" } else { "'c' || i || '@example.com'" }
                $amount = if ($Stale) { '1.00' } else { 'round(i * 1.25, 2)' }
                $score = if ($Stale) { '10' } else { 'i * 15' }
                @"
$(Get-SqliteSeries $Customers) INSERT INTO customers SELECT i, $name, $email FROM s;
$(Get-SqliteSeries $Orders) INSERT INTO orders SELECT i, 1 + i % $Customers, $amount FROM s;
$(Get-SqliteSeries $Events) INSERT INTO events SELECT i, datetime('2025-01-01', '+' || i || ' minutes'), 'event ' || i FROM s;
$(Get-SqliteSeries $Scores) INSERT INTO scores SELECT i, $score FROM s;
"@
            }
            @{
                SourceSchema = $schema + 'CREATE TABLE scores (id integer PRIMARY KEY, score integer NOT NULL);'
                TargetSchema = $schema + 'CREATE TABLE scores (id integer PRIMARY KEY, score integer NOT NULL CHECK (score < 100));'
                SourceRows   = & $rows 50 200 1000 10 $false
                TargetRows   = & $rows 30 100 600 3 $true
                LateEvents   = "$(Get-SqliteSeries 50) INSERT INTO events SELECT 1000 + i, datetime('2025-02-01', '+' || i || ' minutes'), 'late ' || i FROM s"
            }
        }
    }
}

function New-TestEngine {
    <#
    .SYNOPSIS
    The descriptor of one engine for the data-driven cases: Key, Name, SkipReason ($null when the engine can run
    here), Login (the login history records, $null where none is checked), UsesLogin (the configs take
    SOURCE_DB_USER and friends), Password (a value that must never show, $null if none), Tables and Copied (the
    columns each table copies), the fixture SQL, and what it created. Sets the credential variables it needs.
    #>
    param([Parameter(Mandatory)] [ValidateSet('postgresql', 'sqlserver', 'sqlite')] [string]$Key)
    $engine = [pscustomobject]@{
        Key        = $Key
        Name       = @{ postgresql = 'PostgreSQL'; sqlserver = 'SQL Server'; sqlite = 'SQLite' }[$Key]
        SkipReason = $null
        Directory  = $null
        Prefix     = "dr_pester_$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        Server     = $null
        Login      = $null
        UsesLogin  = $false
        Password   = $null
        Tables     = @('orders', 'customers', 'events', 'scores')
        Copied     = [ordered]@{
            customers = 'id', 'name', 'email'
            orders    = 'id', 'customer_id', 'amount'
            events    = 'id', 'happened_at', 'payload'
        }
        Sql        = Get-EngineFixtureSql $Key
        Created    = [System.Collections.Generic.List[string]]::new()
        SavedEnv   = @{}
    }
    switch ($Key) {
        'postgresql' {
            $engine.Server = Get-PgTestServer
            if (-not $engine.Server) {
                $engine.SkipReason = 'DATAREFRESH_TEST_PG is not set: run through build.ps1 test, which starts a throwaway PostgreSQL cluster (needs the PostgreSQL server binaries)'
                return $engine
            }
            $engine.Login = $engine.Server.User
            $engine.UsesLogin = $true
        }
        'sqlserver' {
            if (-not $env:DATAREFRESH_TEST_SQLSERVER) {
                $engine.SkipReason = 'no SQL Server: DATAREFRESH_TEST_SQLSERVER is not set (the top of tests/pester/Engines.Tests.ps1 shows how to run SQL Server 2022 in Docker for it)'
                return $engine
            }
            $engine.Tables = @('orders', 'customers', 'events', 'products', 'gadgets', 'scores')
            # gadgets: not the computed total nor the rowversion rv.
            $engine.Copied['products'] = 'id', 'name', 'price', 'last_modified'
            $engine.Copied['gadgets'] = 'id', 'name', 'price', 'qty'
            $engine.Server = Get-SqlServerTestServer
            Write-Host "  SQL Server: $($engine.Server.DataSource); setup SQL through $((Initialize-SqlServerClient).Description)"
            try {
                $version = @(Invoke-EngineSql $engine master "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128))")[0]
            } catch {
                throw "DATAREFRESH_TEST_SQLSERVER is set, but its server ($($engine.Server.DataSource)) does not answer: $($_.Exception.Message)"
            }
            Write-Host "  SQL Server $version"
            if (-not $engine.Server.IntegratedSecurity) {
                $engine.Login = $engine.Server.User
                $engine.UsesLogin = $true
                $engine.Password = $engine.Server.Password
            }
        }
    }
    $engine.Directory = New-TestDirectory -Prefix "datarefresh-$Key"
    foreach ($name in $script:CredentialVariables) { $engine.SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name) }
    if ($engine.UsesLogin) {
        # auth_type: sql takes the login from the environment only; PostgreSQL's trust authentication ignores the password.
        $password = if ($Key -eq 'sqlserver') { $engine.Server.Password } else { 'unused-with-trust-auth' }
        $env:SOURCE_DB_USER = $engine.Login
        $env:TARGET_DB_USER = $engine.Login
        $env:SOURCE_DB_PASSWORD = $password
        $env:TARGET_DB_PASSWORD = $password
    }
    $engine
}

function Remove-TestEngine {
    <# Drops the databases the engine made, restores the credential variables, removes its folder. #>
    param([AllowNull()] $Engine)
    if (-not $Engine -or $Engine.SkipReason) { return }
    foreach ($name in $Engine.SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $Engine.SavedEnv[$name]) }
    foreach ($db in $Engine.Created) {
        try {
            switch ($Engine.Key) {
                # WITH (FORCE) and SINGLE_USER WITH ROLLBACK IMMEDIATE: the module's pooled connections may still be open.
                'postgresql' { $null = Invoke-Psql -Sql "DROP DATABASE IF EXISTS $db WITH (FORCE)" }
                'sqlserver' { Remove-SqlServerTestDatabase -ConnectionString $Engine.Server.ConnectionString -Name $db }
            }
        } catch { Write-Warning "could not drop $db`: $_" }
    }
    Remove-TestDirectory $Engine.Directory
}

function Invoke-EngineSql {
    <# Runs setup or checking SQL on a database of the engine (a name; for SQLite a file); returns the rows. #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Database, [Parameter(Mandatory)] [string]$Sql)
    switch ($Engine.Key) {
        'postgresql' { Invoke-Psql -Database $Database -Sql $Sql }
        'sqlserver' { Invoke-SqlServerSql -ConnectionString $Engine.Server.ConnectionString -Database $Database -Sql $Sql }
        'sqlite' { Invoke-SqliteSql -Database $Database -Sql $Sql }
    }
}

function Invoke-EngineScalar {
    <# The first value of the first row, as text. #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Database, [Parameter(Mandatory)] [string]$Sql)
    "$(@(Invoke-EngineSql $Engine $Database $Sql)[0])"
}

function New-EngineDatabase {
    <# An empty database (PostgreSQL, SQL Server: CREATE DATABASE; SQLite: a file path); returns what configs name. #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Name)
    switch ($Engine.Key) {
        'postgresql' { $null = Invoke-Psql -Sql "CREATE DATABASE $Name"; $Engine.Created.Add($Name); $Name }
        'sqlserver' { $null = Invoke-EngineSql $Engine master "CREATE DATABASE [$Name]"; $Engine.Created.Add($Name); $Name }
        'sqlite' { Join-Path $Engine.Directory "$Name.db" }
    }
}

function Get-EngineMissingDatabase {
    <# The name (SQLite: the path) of a database that does not exist, beside the given one; it contains "nosuch". #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Database)
    if ($Engine.Key -eq 'sqlite') { return [System.IO.Path]::ChangeExtension($Database, $null).TrimEnd('.') + '_nosuch.db' }
    "${Database}_nosuch"
}

function Get-EngineMissingDatabaseMessage {
    <# A pattern the engine's message for a database that does not exist matches (beyond naming it). #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Missing, [switch]$Run)
    switch ($Engine.Key) {
        # A run's error also names the engine; Test-RefreshConfig's check does not need to.
        'postgresql' { "$(if ($Run) { '\(postgresql\): ' })database `"$([regex]::Escape($Missing))`" does not exist" }
        # SQL Server answers "Cannot open database ... The login failed." (4060).
        'sqlserver' { 'nosuch' }
        'sqlite' { 'does not exist' }
    }
}

function New-EnginePair {
    <# Source and target databases with the shared fixture (Get-EngineFixtureSql); returns Source and Target. #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Tag)
    $src = New-EngineDatabase $Engine "$($Engine.Prefix)_${Tag}_src"
    $tgt = New-EngineDatabase $Engine "$($Engine.Prefix)_${Tag}_tgt"
    $null = Invoke-EngineSql $Engine $src $Engine.Sql.SourceSchema
    $null = Invoke-EngineSql $Engine $tgt $Engine.Sql.TargetSchema
    $null = Invoke-EngineSql $Engine $src $Engine.Sql.SourceRows
    $null = Invoke-EngineSql $Engine $tgt $Engine.Sql.TargetRows
    [pscustomobject]@{ Source = $src; Target = $tgt }
}

function New-EngineConfig {
    <#
    .SYNOPSIS
    A refresh config for source and target databases of the engine; the tables (default: all of the fixture, the
    child orders listed before its parent customers) and optional extra settings lines. Returns its path.
    #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Name, [Parameter(Mandatory)] [string]$Source,
        [Parameter(Mandatory)] [string]$Target, [string[]]$Tables = $Engine.Tables)
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
        $lines = switch ($Engine.Key) {
            'postgresql' {
                '    engine: postgresql', "    server: $($Engine.Server.Host)", "    port: $($Engine.Server.Port)", "    database: $Database", '    auth_type: sql'
            }
            'sqlserver' {
                '    engine: sqlserver', "    server: '$($Engine.Server.Server.Replace("'", "''"))'"
                if ($null -ne $Engine.Server.Port) { "    port: $($Engine.Server.Port)" }
                "    database: $Database"
                "    auth_type: $(if ($Engine.Server.IntegratedSecurity) { 'windows' } else { 'sql' })"
                '    trust_server_certificate: true'
            }
            'sqlite' { '    engine: sqlite', "    database: '$($Database.Replace("'", "''"))'" }
        }
        ($lines -join "`n") + "`n"
    }
    $timeout = if ($Engine.Key -eq 'sqlserver') { 15 } else { 5 }
    $text = @"
databases:
  source:
$(& $side $Source)  target:
$(& $side $Target)tables:
$(($Tables | ForEach-Object { $entries[$_] }) -join '')settings:
  connection_timeout: $timeout
  max_retries: 0

"@
    Write-Utf8File (Join-Path $Engine.Directory "$Name.yaml") $text
}

function Get-EngineCount {
    <# Row count per table, as an ordered dictionary (default: every table of the fixture). #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Database, [string[]]$Table = $Engine.Tables)
    $counts = [ordered]@{}
    foreach ($t in $Table) {
        $sql = if ($Engine.Key -eq 'sqlserver') { "SELECT COUNT_BIG(*) FROM dbo.[$t]" } else { "SELECT count(*) FROM $t" }
        $counts[$t] = [long](Invoke-EngineScalar $Engine $Database $sql)
    }
    $counts
}

function Get-EngineDigest {
    <#
    .SYNOPSIS
    A digest of a table's rows over the given columns (default: those it copies), equal for equal rows: PostgreSQL
    md5 of the rows in id order, SQL Server row count and CHECKSUM_AGG(BINARY_CHECKSUM(...)), SQLite the rows in id order.
    #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Database, [Parameter(Mandatory)] [string]$Table,
        [string[]]$Columns = $Engine.Copied[$Table])
    $sql = switch ($Engine.Key) {
        'postgresql' {
            $row = ($Columns | ForEach-Object { "coalesce($_::text, '')" }) -join " || '|' || "
            "SELECT count(*) || ':' || coalesce(md5(string_agg($row, ',' ORDER BY id)), '') FROM $Table"
        }
        'sqlserver' {
            $list = ($Columns | ForEach-Object { "[$_]" }) -join ', '
            "SELECT CONCAT(COUNT_BIG(*), ':', CHECKSUM_AGG(BINARY_CHECKSUM($list))) FROM dbo.[$Table]"
        }
        'sqlite' {
            $row = ($Columns | ForEach-Object { "coalesce($_, '')" }) -join " || '|' || "
            "SELECT count(*) || ':' || coalesce((SELECT group_concat(r, ',') FROM (SELECT $row AS r FROM $Table ORDER BY id)), '') FROM $Table"
        }
    }
    Invoke-EngineScalar $Engine $Database $sql
}

function Get-EngineScoreSummary {
    <# "count:sum" of the fixture's scores table. #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Database)
    $sql = if ($Engine.Key -eq 'sqlserver') { "SELECT CONCAT(COUNT(*), ':', SUM(score)) FROM dbo.scores" } else { "SELECT count(*) || ':' || sum(score) FROM scores" }
    Invoke-EngineScalar $Engine $Database $sql
}

function Test-EngineHistoryTable {
    <# True if the database has a DataRefresh history table (datarefresh_history). #>
    param([Parameter(Mandatory)] $Engine, [Parameter(Mandatory)] [string]$Database)
    if ($Engine.Key -eq 'sqlite' -and -not (Test-Path -LiteralPath $Database)) { return $false }
    $sql = switch ($Engine.Key) {
        'postgresql' { "SELECT CASE WHEN to_regclass('public.datarefresh_history') IS NULL THEN 0 ELSE 1 END" }
        'sqlserver' { "SELECT CASE WHEN OBJECT_ID(N'dbo.datarefresh_history', N'U') IS NULL THEN 0 ELSE 1 END" }
        'sqlite' { "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'datarefresh_history'" }
    }
    [int](Invoke-EngineScalar $Engine $Database $sql) -eq 1
}

Export-ModuleMember -Function Invoke-SqliteSql, Get-TerminatingError, Get-SqlServerSeries, New-TestEngine, Remove-TestEngine,
    Invoke-EngineSql, Invoke-EngineScalar, New-EngineDatabase, Get-EngineMissingDatabase, Get-EngineMissingDatabaseMessage, New-EnginePair, New-EngineConfig,
    Get-EngineCount, Get-EngineDigest, Get-EngineScoreSummary, Test-EngineHistoryTable

# ---- Child pwsh processes stopped mid-refresh (CtrlC.Tests.ps1, Unattended.Tests.ps1) ----

function New-PgSlowRefreshDatabase {
    <#
    .SYNOPSIS
    Source and target PostgreSQL databases for stopping a refresh mid-copy: small (10 rows) and big (20,000 rows of
    300 characters; the target has 5 old rows and a trigger that sleeps half a millisecond a row, so with
    fire_triggers: true its load takes about 10 s and a signal surely lands mid-copy). -WithFailingTable adds bad
    (10 source rows; the target has 3 and refuses ids above 5, so its refresh fails). Returns Source, Target, Names
    (both, for Remove-PgTestDatabase) and DatabasesYaml (the databases: section, auth_type sql).
    #>
    param([Parameter(Mandatory)] [string]$Prefix, [switch]$WithFailingTable)
    $pg = Get-PgTestServer
    if (-not $pg) { throw 'DATAREFRESH_TEST_PG is not set' }
    $tag = "${Prefix}_$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $names = "${tag}_src", "${tag}_tgt"
    $tables = 'CREATE TABLE small (id int PRIMARY KEY); CREATE TABLE big (id int PRIMARY KEY, t text NOT NULL);'
    if ($WithFailingTable) { $tables += ' CREATE TABLE bad (id int PRIMARY KEY);' }
    foreach ($db in $names) {
        $null = Invoke-Psql -Sql "CREATE DATABASE $db"
        $null = Invoke-Psql -Database $db -Sql $tables
    }
    $source = "INSERT INTO small SELECT generate_series(1, 10); INSERT INTO big SELECT g, repeat('x', 300) FROM generate_series(1, 20000) g;"
    if ($WithFailingTable) { $source += ' INSERT INTO bad SELECT generate_series(1, 10);' }
    $null = Invoke-Psql -Database $names[0] -Sql $source
    $target = @'
INSERT INTO big SELECT g, 'old' FROM generate_series(1, 5) g;
CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.0005); RETURN NEW; END $$;
CREATE TRIGGER slow_down BEFORE INSERT ON big FOR EACH ROW EXECUTE FUNCTION slow_down();
'@
    if ($WithFailingTable) { $target += "`nALTER TABLE bad ADD CONSTRAINT bad_small_ids CHECK (id <= 5);`nINSERT INTO bad SELECT generate_series(1, 3);" }
    $null = Invoke-Psql -Database $names[1] -Sql $target
    [pscustomobject]@{
        Source        = $names[0]
        Target        = $names[1]
        Names         = $names
        DatabasesYaml = @"
databases:
  source: { engine: postgresql, server: $($pg.Host), port: $($pg.Port), database: $($names[0]), auth_type: sql }
  target: { engine: postgresql, server: $($pg.Host), port: $($pg.Port), database: $($names[1]), auth_type: sql }
"@
    }
}

function Remove-PgTestDatabase {
    <# Drops PostgreSQL test databases WITH (FORCE) (the module's pooled connections may still be open on them). #>
    param([AllowNull()] [AllowEmptyCollection()] [string[]]$Name)
    foreach ($db in @($Name | Where-Object { $_ })) { $null = Invoke-Psql -Sql "DROP DATABASE IF EXISTS $db WITH (FORCE)" }
}

function Get-PgCredentialEnvironment {
    <# The credential variables for a child process on the test server (trust authentication ignores the password). #>
    $pg = Get-PgTestServer
    if (-not $pg) { throw 'DATAREFRESH_TEST_PG is not set' }
    @{
        SOURCE_DB_USER     = $pg.User
        TARGET_DB_USER     = $pg.User
        SOURCE_DB_PASSWORD = 'unused-with-trust-auth'
        TARGET_DB_PASSWORD = 'unused-with-trust-auth'
    }
}

function Test-PgCopyRunning {
    <# True while a DataRefresh run's COPY into the table is active on the database. #>
    param([Parameter(Mandatory)] [string]$Database, [Parameter(Mandatory)] [string]$Table)
    [int](Invoke-Psql -Database $Database -Sql "SELECT count(*) FROM pg_stat_activity WHERE datname = '$Database' AND state = 'active' AND application_name LIKE 'DataRefresh run %' AND query LIKE 'COPY %$Table%'") -gt 0
}

function Wait-PgCopy {
    <#
    .SYNOPSIS
    Waits until a DataRefresh COPY into the table is active, the process has ended, or -TimeoutSeconds passed;
    returns whether the COPY is active now.
    #>
    param([Parameter(Mandatory)] [string]$Database, [Parameter(Mandatory)] [string]$Table,
        [Parameter(Mandatory)] [System.Diagnostics.Process]$Process, [int]$TimeoutSeconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (Test-PgCopyRunning $Database $Table) -and -not $Process.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
    Test-PgCopyRunning $Database $Table
}

function Get-PseudoTerminalSkipReason {
    <# Why a child cannot be run on a pseudo-terminal here ($null when it can: Linux with util-linux script). #>
    if ($IsWindows -or $IsMacOS) { return 'needs util-linux script and a pseudo-terminal (Linux)' }
    if (-not (Get-Command script -CommandType Application -ErrorAction SilentlyContinue)) { return 'util-linux script is not installed (no pseudo-terminal to type Ctrl+C into)' }
    $null
}

function Start-PseudoTerminalPwsh {
    <#
    .SYNOPSIS
    Starts a child pwsh (as Get-PwshInvocation says, with -PwshArgument after it) on a pseudo-terminal (util-linux
    script, which writes the screen to -ScreenFile and passes on the child's exit code); returns the script process,
    whose standard input is the terminal's keyboard (Send-CtrlC).
    .DESCRIPTION
    A process started in the background (`cmd &`, as some CI harnesses do) inherits SIGINT ignored, and .NET keeps an
    ignored SIGINT ignored: a DBA's terminal never does that, so perl (Debian's perl-base is essential) restores the
    default before pwsh starts.
    #>
    param([Parameter(Mandatory)] [string[]]$PwshArgument, [Parameter(Mandatory)] [string]$ScreenFile, [hashtable]$Environment = @{})
    $how = Get-PwshInvocation
    $pwsh = (@($how.FilePath) + @($how.Prefix) + $PwshArgument | ForEach-Object { "'$_'" }) -join ' '
    $command = "exec perl -e '`$SIG{INT} = q(DEFAULT); exec @ARGV or die' -- $pwsh"
    $psi = [System.Diagnostics.ProcessStartInfo]::new('script')
    foreach ($a in '-qfec', $command, $ScreenFile) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    foreach ($key in $Environment.Keys) { $psi.Environment[$key] = $Environment[$key] }
    $psi.Environment['TERM'] = 'xterm'
    $process = [System.Diagnostics.Process]::Start($psi)
    $null = $process.StandardOutput.ReadToEndAsync()
    $process
}

function Send-CtrlC {
    <# Types Ctrl+C (0x03) into the pseudo-terminal; a child that already ended makes no broken-pipe error. #>
    param([Parameter(Mandatory)] [System.Diagnostics.Process]$Process)
    try { $Process.StandardInput.Write([char]3); $Process.StandardInput.Flush() } catch [System.IO.IOException] { }
}

function Read-PseudoTerminalScreen {
    <# The screen file's text without terminal escape sequences ('' if there is none). #>
    param([Parameter(Mandatory)] [string]$ScreenFile)
    $text = if (Test-Path -LiteralPath $ScreenFile) { [System.IO.File]::ReadAllText($ScreenFile) } else { '' }
    $text -replace '\x1b\[[0-9;?]*[A-Za-z]', '' -replace '\x1b[=>]', ''
}

Export-ModuleMember -Function New-PgSlowRefreshDatabase, Remove-PgTestDatabase, Get-PgCredentialEnvironment, Test-PgCopyRunning,
    Wait-PgCopy, Get-PseudoTerminalSkipReason, Start-PseudoTerminalPwsh, Send-CtrlC, Read-PseudoTerminalScreen
