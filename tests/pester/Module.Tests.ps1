# The built module as a user gets it: imports, exports what its manifest says, documents every cmdlet.
# Run through `dotnet pwsh ./build.ps1 test` (tier Pester), which sets DATAREFRESH_MODULE to the built
# out/DataRefresh/DataRefresh.psd1 and runs this in a fresh pwsh.

BeforeDiscovery {
    if (-not $env:DATAREFRESH_MODULE) { throw 'DATAREFRESH_MODULE is not set: run these tests through build.ps1 test' }
    $manifestData = Import-PowerShellDataFile -LiteralPath $env:DATAREFRESH_MODULE
    $cmdletNames = @($manifestData['CmdletsToExport'] | Where-Object { $_ })
}

BeforeAll {
    $manifestPath = $env:DATAREFRESH_MODULE
    $manifestData = Import-PowerShellDataFile -LiteralPath $manifestPath
    # -PassThru also returns the manifest's ScriptsToProcess (DataRefresh.init) as a module of its own.
    # No -Force, and no Remove-Module in AfterAll: every test file shares this process, and a removed and
    # re-imported DataRefresh cannot load its engine any more (see 'survives Remove-Module and Import-Module again'
    # below), so the module is imported once and stays imported for the other files.
    $module = Import-Module -Name $manifestPath -PassThru -ErrorAction Stop | Where-Object Name -EQ 'DataRefresh'
}

Describe 'The DataRefresh module' {
    It 'imports from the built manifest' {
        @($module).Count | Should -Be 1
        $module.Name | Should -Be 'DataRefresh'
        $module.ModuleBase | Should -Be (Split-Path -Parent (Resolve-Path -LiteralPath $manifestPath).ProviderPath)
    }

    It 'has the version in version.txt' {
        $versionFile = Join-Path $PSScriptRoot '../../version.txt'
        $module.Version | Should -Be ([version](Get-Content -LiteralPath $versionFile -Raw).Trim())
    }

    It 'names its cmdlets in the manifest, without wildcards' {
        $manifestData['CmdletsToExport'] | Should -Not -BeNullOrEmpty
        @($manifestData['CmdletsToExport']) -match '[*?]' | Should -BeNullOrEmpty
    }

    It 'exports exactly the commands its manifest lists' {
        $expected = @(
            @($manifestData['CmdletsToExport']) + @($manifestData['FunctionsToExport']) + @($manifestData['AliasesToExport']) |
                Where-Object { $_ } | Sort-Object -Unique)
        $actual = @(Get-Command -Module DataRefresh | ForEach-Object Name | Sort-Object -Unique)
        ($actual -join ', ') | Should -Be ($expected -join ', ')
    }

    It 'exports each manifest cmdlet as a compiled cmdlet' {
        $expected = @(@($manifestData['CmdletsToExport']) | Where-Object { $_ } | Sort-Object)
        $actual = @(Get-Command -Module DataRefresh -CommandType Cmdlet | ForEach-Object Name | Sort-Object)
        ($actual -join ', ') | Should -Be ($expected -join ', ')
    }
}

Describe 'Help for <_>' -ForEach $cmdletNames {
    BeforeAll {
        $name = $_
        $help = Get-Help -Name $name -Full -ErrorAction Stop
    }

    It 'has a synopsis' {
        # With no help file PowerShell makes up a "synopsis" out of the syntax line; that is not one.
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -BeLike "$name *"
        $synopsis | Should -Not -BeLike '*`[<CommonParameters>`]*'
    }
}

# The public surface, written out: any change to a cmdlet's parameters (name, type, mandatory, position, pipeline
# binding) or parameter sets fails here, so an API change is always a deliberate edit of this table.
# Each parameter: 'Name [Type] Mandatory|Optional Position(n|named) Pipeline(value|none)'. Common parameters
# (-Verbose, -ErrorAction, ...) and -WhatIf/-Confirm are left out; ShouldProcess is tested on its own below.
Describe 'The public API of <Name>' -ForEach @(
    @{
        Name = 'Get-RefreshPlan'; DefaultSet = $null; OutputType = 'DataRefresh.Planning.RefreshPlan'; ShouldProcess = $false
        Sets = [ordered]@{
            '__AllParameterSets' = @(
                'Config [System.String[]] Mandatory 0 none'
                'Table [System.String[]] Optional 1 none')
        }
    }
    @{
        Name = 'Invoke-TableRefresh'; DefaultSet = 'Config'; OutputType = 'DataRefresh.Execution.RefreshResult'; ShouldProcess = $true
        Sets = [ordered]@{
            'Config' = @(
                'Config [System.String[]] Mandatory 0 none'
                'Table [System.String[]] Optional 1 none'
                'FailOnError [System.Management.Automation.SwitchParameter] Optional named none'
                'Force [System.Management.Automation.SwitchParameter] Optional named none'
                'ThrottleLimit [System.Int32] Optional named none')
            'Plan'   = @(
                'Plan [DataRefresh.Planning.RefreshPlan[]] Mandatory named value'
                'FailOnError [System.Management.Automation.SwitchParameter] Optional named none'
                'Force [System.Management.Automation.SwitchParameter] Optional named none'
                'ThrottleLimit [System.Int32] Optional named none')
        }
    }
    @{
        Name = 'Get-RefreshHistory'; DefaultSet = $null; OutputType = 'DataRefresh.History.HistoryEntry'; ShouldProcess = $false
        Sets = [ordered]@{
            '__AllParameterSets' = @(
                'Config [System.String[]] Mandatory 0 none'
                'Table [System.String[]] Optional 1 none'
                'Last [System.Int32] Optional named none'
                'Since [System.DateTime] Optional named none'
                'Status [DataRefresh.History.HistoryStatus] Optional named none')
        }
    }
    @{
        Name = 'Compare-TableState'; DefaultSet = 'Config'; OutputType = 'DataRefresh.Comparison.TableComparison'; ShouldProcess = $false
        Sets = [ordered]@{
            'Config' = @(
                'Config [System.String[]] Mandatory 0 none'
                'Table [System.String[]] Optional 1 none'
                'IncludeValues [System.Management.Automation.SwitchParameter] Optional named none'
                'MaxDifferences [System.Int32] Optional named none'
                'Method [DataRefresh.Comparison.CompareMethod] Optional named none'
                'TimeLimit [System.TimeSpan] Optional named none')
            'Pipe'   = @(
                'InputObject [System.Management.Automation.PSObject[]] Mandatory named value'
                'IncludeValues [System.Management.Automation.SwitchParameter] Optional named none'
                'MaxDifferences [System.Int32] Optional named none'
                'Method [DataRefresh.Comparison.CompareMethod] Optional named none'
                'TimeLimit [System.TimeSpan] Optional named none')
        }
    }
    @{
        Name = 'Test-RefreshConfig'; DefaultSet = $null; OutputType = 'DataRefresh.Checks.ConfigCheck'; ShouldProcess = $false
        Sets = [ordered]@{
            '__AllParameterSets' = @(
                'Config [System.String[]] Mandatory 0 none'
                'Offline [System.Management.Automation.SwitchParameter] Optional named none')
        }
    }
) {
    BeforeAll {
        $command = Get-Command -Name $Name -Module DataRefresh -CommandType Cmdlet -ErrorAction Stop
        $excluded = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
        function Format-Parameter($p) {
            '{0} [{1}] {2} {3} {4}' -f $p.Name, $p.ParameterType.FullName,
                $(if ($p.IsMandatory) { 'Mandatory' } else { 'Optional' }),
                $(if ($p.Position -ge 0) { $p.Position } else { 'named' }),
                $(if ($p.ValueFromPipeline -and $p.ValueFromPipelineByPropertyName) { 'value,property' } elseif ($p.ValueFromPipeline) { 'value' } elseif ($p.ValueFromPipelineByPropertyName) { 'property' } else { 'none' })
        }
    }

    It 'is one of the exported commands' {
        Get-Command -Module DataRefresh | ForEach-Object Name | Should -Contain $Name
    }

    It 'has exactly the documented parameter sets' {
        @($command.ParameterSets | ForEach-Object Name | Sort-Object) -join ', ' | Should -Be (@($Sets.Keys | Sort-Object) -join ', ')
    }

    It 'has the documented default parameter set' {
        if ($DefaultSet) {
            $command.DefaultParameterSet | Should -Be $DefaultSet
        } else {
            # A single (unnamed) set: nothing to default to.
            $command.DefaultParameterSet | Should -BeNullOrEmpty
        }
    }

    It 'has exactly the documented non-common parameters in each set' {
        foreach ($set in $command.ParameterSets) {
            $actual = @($set.Parameters | Where-Object Name -NotIn $excluded | ForEach-Object { Format-Parameter $_ } | Sort-Object)
            $expected = @($Sets[$set.Name] | Sort-Object)
            # One line per parameter, so a failure shows exactly which one changed.
            ($actual -join "`n") | Should -Be ($expected -join "`n") -Because "parameter set $($set.Name) of $Name"
        }
    }

    It 'has exactly the documented non-common parameters overall' {
        $expected = @($Sets.Values | ForEach-Object { $_ } | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object -Unique)
        $actual = @($command.Parameters.Keys | Where-Object { $_ -notin $excluded } | Sort-Object)
        ($actual -join ', ') | Should -Be ($expected -join ', ')
    }

    It 'declares its output type <OutputType>' {
        @($command.OutputType | ForEach-Object Name) -join ', ' | Should -Be $OutputType
        @($command.OutputType | ForEach-Object { $_.Type.FullName }) -join ', ' | Should -Be $OutputType
    }

    It 'supports ShouldProcess (-WhatIf/-Confirm) only if it writes: <ShouldProcess>' {
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1
        $attribute.SupportsShouldProcess | Should -Be $ShouldProcess
        $command.Parameters.ContainsKey('WhatIf') | Should -Be $ShouldProcess
        $command.Parameters.ContainsKey('Confirm') | Should -Be $ShouldProcess
    }
}

Describe 'The help topics' {
    It 'ships the configuration reference as about_DataRefresh_Configuration' {
        $text = (Get-Help -Name about_DataRefresh_Configuration | Out-String)
        $text | Should -Match 'history_table'
        $text | Should -Match 'date_buffer_days'
        $text | Should -Not -Match '\(#[a-z-]+\)'
    }

    It 'points about_DataRefresh only at documentation the module folder contains' {
        $text = (Get-Help -Name about_DataRefresh | Out-String)
        $text | Should -Match 'about_DataRefresh_Configuration'
        $text | Should -Not -Match 'docs/'
    }
}

Describe 'Invoke-TableRefresh confirmation' {
    BeforeAll {
        $command = Get-Command -Name Invoke-TableRefresh -Module DataRefresh -CommandType Cmdlet -ErrorAction Stop
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1
    }

    It 'declares SupportsShouldProcess' {
        $attribute.SupportsShouldProcess | Should -BeTrue
    }

    It 'declares ConfirmImpact High, so it asks before refreshing unless -Force or -Confirm:$false' {
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
    }

    It 'validates -ThrottleLimit to 1..64' {
        $range = $command.Parameters['ThrottleLimit'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
        $range | Should -Not -BeNullOrEmpty
        $range.MinRange | Should -Be 1
        $range.MaxRange | Should -Be 64
    }
}

Describe 'Re-importing the module' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
        $dir = New-TestDirectory -Prefix 'datarefresh-reimport'
        $config = Write-Utf8File (Join-Path $dir 'refresh.yaml') (Get-DemoConfigText)
        $script = Write-Utf8File (Join-Path $dir 'reimport.ps1') @'
param([string]$ModulePath, [string]$Config)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Get-Module DataRefresh, DataRefresh.init | Remove-Module -Force
Import-Module $ModulePath
try {
    $checks = @(Test-RefreshConfig -Config $Config -Offline)
    "CHECKS=$(@($checks | ForEach-Object { "$($_.Check):$($_.Outcome)" }) -join ',')"
} catch {
    "ERROR=$($_.FullyQualifiedErrorId)|$($_.Exception.Message)"
}
'@
    }

    AfterAll {
        Remove-TestDirectory $dir
    }

    # Regression: Remove-Module / Import-Module -Force used to leave the engine unresolvable.
    It 'survives Remove-Module and Import-Module again (cmdlets still load the engine)' {
        $run = Invoke-ChildPwsh -ScriptPath $script -ArgumentList $env:DATAREFRESH_MODULE, $config -TimeoutSeconds 60
        $run.Output | Should -Not -Match 'Could not load file or assembly'
        $run.StdOut | Should -Match 'CHECKS=Configuration:Passed'
        $run.ExitCode | Should -Be 0
    }
}
