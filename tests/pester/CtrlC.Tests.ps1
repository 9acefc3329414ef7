# Ctrl+C at a prompt, for real: a child pwsh on a pseudo-terminal (util-linux `script`) refreshes a PostgreSQL table
# that takes seconds to copy; the test types Ctrl+C (0x03) into the terminal once the server shows the COPY into
# that table, and reads the screen. (The progress bar is off in the child: `script` is no terminal emulator and never
# answers pwsh's cursor-position queries, which would make every redraw wait for a time-out.) Run through `dotnet pwsh ./build.ps1 test -Tier Pester` (DATAREFRESH_TEST_PG, DATAREFRESH_MODULE).

BeforeDiscovery {
    $script_ = Get-Command script -CommandType Application -ErrorAction SilentlyContinue
    $skipReason = if ($IsWindows -or $IsMacOS) { 'needs util-linux script for a pseudo-terminal (Linux)' }
    elseif (-not $script_) { 'util-linux script is not installed (no pseudo-terminal to type Ctrl+C into)' }
    elseif (-not $env:DATAREFRESH_TEST_PG) { 'DATAREFRESH_TEST_PG is not set: run through build.ps1 test' }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $dir = $null
    $databases = @()
    if (-not $env:DATAREFRESH_TEST_PG -or $IsWindows -or -not (Get-Command script -CommandType Application -ErrorAction SilentlyContinue)) { return }
    $pg = Get-PgTestServer
    $dir = New-TestDirectory -Prefix 'datarefresh-ctrlc'
    $tag = "dr_ctrlc_$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $databases = "${tag}_src", "${tag}_tgt"
    foreach ($db in $databases) {
        $null = Invoke-Psql -Sql "CREATE DATABASE $db"
        $null = Invoke-Psql -Database $db -Sql 'CREATE TABLE small (id int PRIMARY KEY); CREATE TABLE big (id int PRIMARY KEY, t text NOT NULL);'
    }
    $null = Invoke-Psql -Database $databases[0] -Sql "INSERT INTO small SELECT generate_series(1, 10); INSERT INTO big SELECT g, repeat('x', 300) FROM generate_series(1, 20000) g;"
    # UAT's big takes about 10 s to load (a trigger sleeps half a millisecond a row, and fire_triggers: true keeps it
    # firing during the load), so Ctrl+C surely lands mid-copy.
    $null = Invoke-Psql -Database $databases[1] -Sql @'
INSERT INTO big SELECT g, 'old' FROM generate_series(1, 5) g;
CREATE FUNCTION slow_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.0005); RETURN NEW; END $$;
CREATE TRIGGER slow_down BEFORE INSERT ON big FOR EACH ROW EXECUTE FUNCTION slow_down();
'@
    $config = Write-Utf8File (Join-Path $dir 'refresh.yaml') @"
databases:
  source: { engine: postgresql, server: $($pg.Host), port: $($pg.Port), database: $($databases[0]), auth_type: sql }
  target: { engine: postgresql, server: $($pg.Host), port: $($pg.Port), database: $($databases[1]), auth_type: sql }
tables:
  - name: small
  - name: big
    fire_triggers: true
settings:
  default_batch_size: 1000
"@
    $child = Write-Utf8File (Join-Path $dir 'refresh.ps1') @"
`$ProgressPreference = 'SilentlyContinue'
Import-Module '$($env:DATAREFRESH_MODULE)'
Invoke-TableRefresh -Config '$config' -Force
"@
}

AfterAll {
    foreach ($db in $databases) { $null = Invoke-Psql -Sql "DROP DATABASE IF EXISTS $db WITH (FORCE)" }
    if ($dir) { Remove-TestDirectory $dir }
}

Describe 'Ctrl+C during Invoke-TableRefresh at a terminal' -Skip:([bool]$skipReason) {
    BeforeAll {
        $how = Get-PwshInvocation
        # A process started in the background (`cmd &`, as some CI harnesses do) inherits SIGINT ignored, and .NET
        # keeps an ignored SIGINT ignored: a DBA's terminal never does that, so perl (Debian's perl-base is
        # essential) restores the default before pwsh starts.
        $pwsh = (@($how.FilePath) + @($how.Prefix) + @('-NoProfile', '-File', $child) | ForEach-Object { "'$_'" }) -join ' '
        $command = "exec perl -e '`$SIG{INT} = q(DEFAULT); exec @ARGV or die' -- $pwsh"
        $screen = Join-Path $dir 'screen.txt'
        $psi = [System.Diagnostics.ProcessStartInfo]::new('script')
        foreach ($a in '-qfec', $command, $screen) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardInput = $true
        $psi.RedirectStandardOutput = $true
        $psi.UseShellExecute = $false
        foreach ($name in 'SOURCE_DB_USER', 'TARGET_DB_USER') { $psi.Environment[$name] = $pg.User }
        foreach ($name in 'SOURCE_DB_PASSWORD', 'TARGET_DB_PASSWORD') { $psi.Environment[$name] = 'unused-with-trust-auth' }
        $psi.Environment['TERM'] = 'xterm'
        $process = [System.Diagnostics.Process]::Start($psi)
        $null = $process.StandardOutput.ReadToEndAsync()
        $read = { if (Test-Path -LiteralPath $screen) { [System.IO.File]::ReadAllText($screen) } else { '' } }
        $copying = { [int](Invoke-Psql -Database $databases[1] -Sql "SELECT count(*) FROM pg_stat_activity WHERE datname = '$($databases[1])' AND application_name LIKE 'DataRefresh run %' AND query LIKE 'COPY %big%'") -gt 0 }
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not (& $copying) -and -not $process.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $sawCopy = & $copying
        # A child that already ended (the copy finished first) makes the assertions below say so, not a broken pipe.
        try { $process.StandardInput.Write([char]3); $process.StandardInput.Flush() } catch [System.IO.IOException] { }
        $exited = $process.WaitForExit(90000)
        if (-not $exited) { $process.Kill($true) }
        $text = (& $read) -replace '\x1b\[[0-9;?]*[A-Za-z]', '' -replace '\x1b[=>]', ''
    }

    AfterAll {
        if ($process) { $process.Dispose() }
    }

    It 'was stopped mid-copy and returned to the prompt' {
        $sawCopy | Should -BeTrue -Because "the COPY into big should run when Ctrl+C is typed; screen: $text"
        $exited | Should -BeTrue
    }

    It 'prints one line naming the table rolled back and the one already committed' {
        $lines = @($text -split "`r?`n" | Where-Object { $_ -match 'Ctrl\+C:' })
        $lines.Count | Should -Be 1 -Because "screen: $text"
        $lines[0] | Should -Match 'Ctrl\+C: rolled back big \(the target keeps its previous rows\); already committed: small'
    }

    It 'left the rolled-back table as it was' {
        Invoke-Psql -Database $databases[1] -Sql 'SELECT count(*) FROM big' | Should -Be '5'
        Invoke-Psql -Database $databases[1] -Sql 'SELECT count(*) FROM small' | Should -Be '10'
    }
}
