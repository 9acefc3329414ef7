# A throwaway PostgreSQL cluster for tests and benchmarks: its own temp directory, a free port on 127.0.0.1,
# trust authentication for the superuser "postgres", durability switched off. Nothing else on the machine
# (a distribution's default cluster, say) is touched.
#
#   Import-Module ./build/PgCluster.psm1
#   $pg = Start-PgCluster          # throws when it cannot start; see Get-PgClusterPrerequisite first
#   try { $env:DATAREFRESH_TEST_PG = $pg.ConnectionString; ... } finally { Stop-PgCluster $pg }
#
# initdb and postgres refuse to run as root. As root (CI), they run as the OS user "postgres" through runuser,
# which Debian's postgresql package creates. As anyone else, they run as that user.
#
# The server binaries are found in $env:DATAREFRESH_PG_BIN when set, else beside an initdb on PATH, else in the
# highest-versioned /usr/lib/postgresql/*/bin (Debian/Ubuntu), /usr/pgsql-*/bin (RHEL) or Homebrew's folders.

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

$script:IsUnix = -not $IsWindows
$script:ExeSuffix = if ($IsWindows) { '.exe' } else { '' }

function Test-PgBinDir([string]$Dir) {
    $Dir -and
        (Test-Path -LiteralPath (Join-Path $Dir "initdb$script:ExeSuffix") -PathType Leaf) -and
        (Test-Path -LiteralPath (Join-Path $Dir "pg_ctl$script:ExeSuffix") -PathType Leaf)
}

function Get-VersionKey([string]$Dir) {
    # The last number in the path: /usr/lib/postgresql/15/bin -> 15, /usr/pgsql-9.6/bin -> 9.6. None sorts first.
    $found = [regex]::Matches($Dir, '\d+(?:\.\d+)?')
    if ($found.Count -eq 0) { return [version]'0.0' }
    $text = $found[$found.Count - 1].Value
    if ($text -notmatch '\.') { $text += '.0' }
    [version]$text
}

function Find-PgBinDirectory {
    <#
    .SYNOPSIS
    The folder holding initdb and pg_ctl, or $null.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if ($env:DATAREFRESH_PG_BIN) {
        if (Test-PgBinDir $env:DATAREFRESH_PG_BIN) { return (Resolve-Path -LiteralPath $env:DATAREFRESH_PG_BIN).ProviderPath }
        Write-Warning "DATAREFRESH_PG_BIN='$env:DATAREFRESH_PG_BIN' has no initdb and pg_ctl; looking elsewhere."
    }

    # initdb on PATH: Debian puts a symlink in /usr/local/bin or a wrapper in /usr/bin, so follow links to the
    # folder that also has pg_ctl.
    foreach ($cmd in @(Get-Command "initdb$script:ExeSuffix" -CommandType Application -All -ErrorAction SilentlyContinue)) {
        $path = $cmd.Source
        $item = Get-Item -LiteralPath $path -ErrorAction SilentlyContinue
        if ($item -and $item.LinkType) {
            $target = $item.ResolveLinkTarget($true)
            if ($target) { $path = $target.FullName }
        }
        $dir = Split-Path -Parent $path
        if (Test-PgBinDir $dir) { return $dir }
    }

    $patterns = if ($IsWindows) {
        @("$env:ProgramFiles\PostgreSQL\*\bin")
    } else {
        @('/usr/lib/postgresql/*/bin', '/usr/pgsql-*/bin', '/opt/homebrew/opt/postgresql@*/bin', '/usr/local/opt/postgresql@*/bin')
    }
    $candidates = foreach ($pattern in $patterns) {
        Get-Item -Path $pattern -ErrorAction SilentlyContinue | Where-Object { Test-PgBinDir $_.FullName } | ForEach-Object FullName
    }
    $candidates | Sort-Object { Get-VersionKey $_ } -Descending | Select-Object -First 1
}

function Get-CurrentUid {
    if (-not $script:IsUnix) { return $null }
    $uid = & id -u
    if ($LASTEXITCODE -ne 0) { throw "id -u exited $LASTEXITCODE" }
    [int]$uid
}

function Get-PgClusterPrerequisite {
    <#
    .SYNOPSIS
    Whether a throwaway cluster can be started here. Available=$false with a Reason when it cannot, which callers
    report as "skipped" (a failure of Start-PgCluster after this says yes is a real failure).
    #>
    [CmdletBinding()]
    param()

    $binDir = Find-PgBinDirectory
    if (-not $binDir) {
        return [pscustomobject]@{
            Available = $false; BinDir = $null; RunAs = $null
            Reason    = 'no PostgreSQL server binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql/*/bin; install the postgresql package or set DATAREFRESH_PG_BIN'
        }
    }
    $runAs = $null
    if ((Get-CurrentUid) -eq 0) {
        # initdb/postgres will not run as root: use the postgres OS account.
        & id -u postgres *> $null
        if ($LASTEXITCODE -ne 0) {
            return [pscustomobject]@{
                Available = $false; BinDir = $binDir; RunAs = $null
                Reason    = "running as root and there is no 'postgres' OS user to run initdb/postgres as (initdb refuses root); create one or run as a non-root user"
            }
        }
        if (-not (Get-Command runuser -CommandType Application -ErrorAction SilentlyContinue)) {
            return [pscustomobject]@{
                Available = $false; BinDir = $binDir; RunAs = $null
                Reason    = 'running as root and runuser (util-linux) is not installed, so initdb cannot run as the postgres user'
            }
        }
        $runAs = 'postgres'
    }
    [pscustomobject]@{ Available = $true; BinDir = $binDir; RunAs = $runAs; Reason = $null }
}

function Get-FreeTcpPort {
    <#
    .SYNOPSIS
    A TCP port free on 127.0.0.1 right now (bound to port 0, read back, released).
    #>
    [OutputType([int])]
    param()
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try {
        $listener.Start()
        ([System.Net.IPEndPoint]$listener.LocalEndpoint).Port
    } finally {
        $listener.Stop()
    }
}

function Invoke-PgTool {
    # Runs one server binary, as $RunAs through runuser when set. Returns exit code; output goes to the host
    # (or is returned as text with -Capture).
    param(
        [Parameter(Mandatory)] [string]$Exe,
        [Parameter(Mandatory)] [string[]]$Arguments,
        [string]$RunAs,
        [switch]$Capture
    )
    if ($RunAs) {
        $file = 'runuser'
        $argv = @('-u', $RunAs, '--', $Exe) + $Arguments
    } else {
        $file = $Exe
        $argv = $Arguments
    }
    if ($Capture) {
        $text = & $file @argv 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($text -join [Environment]::NewLine) }
    } else {
        & $file @argv | Out-Host
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $null }
    }
}

function Remove-PgTempDirectory([string]$Path) {
    if ($Path -and (Test-Path -LiteralPath $Path)) {
        Remove-Item -LiteralPath $Path -Recurse -Force -ErrorAction Continue
    }
}

function Start-PgCluster {
    <#
    .SYNOPSIS
    Creates and starts a throwaway PostgreSQL cluster; returns an object with ConnectionString (Npgsql), Port,
    Host, User, DataDirectory, RootDirectory, BinDir, RunAs and ServerVersion. Stop it with Stop-PgCluster.
    #>
    [CmdletBinding()]
    param(
        # Defaults to a free port.
        [int]$Port = 0,
        [int]$MaxConnections = 200,
        [int]$StartTimeoutSeconds = 60
    )

    $pre = Get-PgClusterPrerequisite
    if (-not $pre.Available) { throw "Cannot start a PostgreSQL cluster: $($pre.Reason)" }
    $bin = $pre.BinDir
    $runAs = $pre.RunAs
    $initdb = Join-Path $bin "initdb$script:ExeSuffix"
    $pgCtl = Join-Path $bin "pg_ctl$script:ExeSuffix"

    # Short path on purpose: the Unix socket path (<root>/.s.PGSQL.<port>) must stay under ~100 bytes.
    $tempBase = if ($script:IsUnix) { '/tmp' } else { [System.IO.Path]::GetTempPath() }
    $root = Join-Path $tempBase ('datarefresh-pg-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
    if ($script:IsUnix) {
        $null = [System.IO.Directory]::CreateDirectory($root, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    } else {
        $null = New-Item -ItemType Directory -Path $root
    }
    $dataDir = Join-Path $root 'data'
    $logFile = Join-Path $root 'postgres.log'
    $started = $false
    $cluster = $null
    # Child processes inherit the current directory; the postgres user may not be able to enter ours.
    Push-Location -LiteralPath $root -StackName DataRefreshPg
    try {
        if ($runAs) {
            & chown $runAs $root
            if ($LASTEXITCODE -ne 0) { throw "chown $runAs $root exited $LASTEXITCODE" }
        }

        $initArgs = @('-D', $dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8')
        $init = Invoke-PgTool -Exe $initdb -Arguments ($initArgs + '--locale=C.UTF-8') -RunAs $runAs -Capture
        if ($init.ExitCode -ne 0) {
            Write-Host "initdb --locale=C.UTF-8 failed (exit $($init.ExitCode)); retrying with --locale=C"
            if (Test-Path -LiteralPath $dataDir) { Remove-Item -LiteralPath $dataDir -Recurse -Force }
            $init = Invoke-PgTool -Exe $initdb -Arguments ($initArgs + '--locale=C') -RunAs $runAs -Capture
            if ($init.ExitCode -ne 0) { throw "initdb failed (exit $($init.ExitCode)):$([Environment]::NewLine)$($init.Output)" }
        }

        # A port picked here can be taken by someone else before postgres binds it: then pick another.
        $pickPort = $Port -le 0
        for ($attempt = 1; ; $attempt++) {
            if ($pickPort) { $Port = Get-FreeTcpPort }
            $serverOptions = @(
                "-p $Port"
                $(if ($script:IsUnix) { "-k $root" } else { $null })
                '-c listen_addresses=127.0.0.1'
                '-c fsync=off'
                '-c synchronous_commit=off'
                '-c full_page_writes=off'
                "-c max_connections=$MaxConnections"
            ) | Where-Object { $_ }
            if (Test-Path -LiteralPath $logFile) { Remove-Item -LiteralPath $logFile -Force }
            $start = Invoke-PgTool -Exe $pgCtl -RunAs $runAs -Capture -Arguments @(
                '-D', $dataDir, '-l', $logFile, '-o', ($serverOptions -join ' '), '-w', '-t', "$StartTimeoutSeconds", 'start')
            $started = $true   # even on failure a postmaster may be up; the stop in catch is harmless if not
            if ($start.ExitCode -eq 0) { break }
            $log = if (Test-Path -LiteralPath $logFile) { Get-Content -LiteralPath $logFile -Raw } else { '(no log)' }
            if ($pickPort -and $attempt -lt 3 -and $log -match 'could not bind|Address already in use') {
                Write-Host "Port $Port was taken before PostgreSQL could bind it; picking another"
                continue
            }
            throw "pg_ctl start failed (exit $($start.ExitCode)):$([Environment]::NewLine)$($start.Output)$([Environment]::NewLine)--- server log ---$([Environment]::NewLine)$log"
        }

        $cluster = [pscustomobject]@{
            PSTypeName       = 'DataRefresh.Build.PgCluster'
            Host             = '127.0.0.1'
            Port             = $Port
            User             = 'postgres'
            Database         = 'postgres'
            ConnectionString = "Host=127.0.0.1;Port=$Port;Username=postgres;Database=postgres"
            RootDirectory    = $root
            DataDirectory    = $dataDir
            LogFile          = $logFile
            BinDir           = $bin
            RunAs            = $runAs
            ServerVersion    = $null
        }
        $cluster.ServerVersion = Test-PgCluster -Cluster $cluster
        $cluster
    } catch {
        if ($started) {
            $null = Invoke-PgTool -Exe $pgCtl -RunAs $runAs -Capture -Arguments @('-D', $dataDir, '-m', 'immediate', '-w', 'stop')
        }
        Pop-Location -StackName DataRefreshPg
        Remove-PgTempDirectory $root
        throw
    }
    Pop-Location -StackName DataRefreshPg
}

function Test-PgCluster {
    <#
    .SYNOPSIS
    Checks that the cluster answers a query over TCP; returns the server version. With no psql, only checks the
    port accepts connections.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Cluster)

    $psql = Join-Path $Cluster.BinDir "psql$script:ExeSuffix"
    if (-not (Test-Path -LiteralPath $psql)) {
        $psql = (Get-Command "psql$script:ExeSuffix" -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    }
    if ($psql) {
        $saved = $env:PGCONNECT_TIMEOUT
        $env:PGCONNECT_TIMEOUT = '10'
        try {
            $out = & $psql -h $Cluster.Host -p $Cluster.Port -U $Cluster.User -d $Cluster.Database -w -X -At -c 'show server_version' 2>&1
        } finally {
            $env:PGCONNECT_TIMEOUT = $saved
        }
        if ($LASTEXITCODE -ne 0) { throw "PostgreSQL on port $($Cluster.Port) does not answer (psql exit $LASTEXITCODE): $($out -join ' ')" }
        return ("$out").Trim()
    }
    $client = [System.Net.Sockets.TcpClient]::new()
    try {
        $client.Connect($Cluster.Host, $Cluster.Port)
    } catch {
        throw "PostgreSQL on port $($Cluster.Port) does not accept connections: $($_.Exception.Message)"
    } finally {
        $client.Dispose()
    }
    'unknown (no psql)'
}

function Stop-PgCluster {
    <#
    .SYNOPSIS
    Stops a cluster from Start-PgCluster and deletes its temp directory. Never throws: it runs in finally blocks.
    #>
    [CmdletBinding()]
    param([Parameter(Position = 0)] $Cluster)

    if (-not $Cluster) { return }
    $pgCtl = Join-Path $Cluster.BinDir "pg_ctl$script:ExeSuffix"
    $pushed = $false
    try {
        if (Test-Path -LiteralPath $Cluster.RootDirectory) {
            Push-Location -LiteralPath $Cluster.RootDirectory -StackName DataRefreshPg
            $pushed = $true
        }
        if (Test-Path -LiteralPath (Join-Path $Cluster.DataDirectory 'postmaster.pid')) {
            $stop = Invoke-PgTool -Exe $pgCtl -RunAs $Cluster.RunAs -Capture -Arguments @('-D', $Cluster.DataDirectory, '-m', 'fast', '-w', '-t', '30', 'stop')
            if ($stop.ExitCode -ne 0) {
                Write-Warning "pg_ctl stop -m fast exited $($stop.ExitCode): $($stop.Output); trying -m immediate"
                $stop = Invoke-PgTool -Exe $pgCtl -RunAs $Cluster.RunAs -Capture -Arguments @('-D', $Cluster.DataDirectory, '-m', 'immediate', '-w', '-t', '30', 'stop')
                if ($stop.ExitCode -ne 0) { Write-Warning "pg_ctl stop -m immediate exited $($stop.ExitCode): $($stop.Output)" }
            }
        }
    } catch {
        Write-Warning "Stopping PostgreSQL on port $($Cluster.Port) failed: $($_.Exception.Message)"
    } finally {
        if ($pushed) { Pop-Location -StackName DataRefreshPg }
    }
    try {
        Remove-PgTempDirectory $Cluster.RootDirectory
    } catch {
        Write-Warning "Could not remove $($Cluster.RootDirectory): $($_.Exception.Message)"
    }
}

Export-ModuleMember -Function Start-PgCluster, Stop-PgCluster, Test-PgCluster, Get-PgClusterPrerequisite, Find-PgBinDirectory, Get-FreeTcpPort
