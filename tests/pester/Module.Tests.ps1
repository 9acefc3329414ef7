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
    $module = Import-Module -Name $manifestPath -Force -PassThru -ErrorAction Stop | Where-Object Name -EQ 'DataRefresh'
}

AfterAll {
    Get-Module -Name DataRefresh, DataRefresh.init | Remove-Module -Force -ErrorAction SilentlyContinue
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
