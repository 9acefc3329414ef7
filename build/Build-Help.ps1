<#
.SYNOPSIS
Builds the module's MAML help (en-US/DataRefresh.dll-Help.xml) from docs/commands/*.md, checked against the cmdlets.

.DESCRIPTION
PlatyPS is not available here, so this does its job for our own, fixed markdown shape. Build.psm1 runs it in a
fresh pwsh after assembling out/DataRefresh (importing the module here must not leave it loaded in the build
process). It:

  1. imports the built module and reads each cmdlet's metadata (parameter sets, types, mandatory, position,
     pipeline input, aliases) with Get-Command;
  2. reads docs/commands/<Cmdlet>.md, one per cmdlet, and fails (throws, listing every problem) when a cmdlet has
     no doc file, a doc file names no cmdlet, a documented parameter does not exist, or a parameter is
     undocumented (common parameters excepted; -WhatIf and -Confirm must be documented where they exist);
  3. writes <ModulePath>/en-US/<help file>, the file PowerShell looks for next to a binary module:
     DataRefresh.dll-Help.xml, named after the assembly that implements the cmdlets (Get-Command's HelpFile);
  4. checks the about topic is there (Build.psm1 copies module/en-US/* already; copied here only when missing);
  5. reads the help back with Get-Help, in this process, to prove PowerShell finds and parses it.

Syntax, types, required/position/pipeline come from the metadata, never from the markdown, so the help cannot
drift from the code; descriptions, examples, outputs and notes come from the markdown.

The markdown shape (docs/commands/<Verb-Noun>.md):

  # <Verb-Noun>
  ## SYNOPSIS            one paragraph
  ## DESCRIPTION         paragraphs; "- " list items; ``` fenced blocks kept line by line
  ## PARAMETERS
  ### -<Name>            one block per parameter; optional last lines:
                          Default value: <text>
                          Accept wildcard characters: True
  ## INPUTS              optional; ### <type name> blocks with a description (default: None)
  ## OUTPUTS             ### <type name> blocks with a description
  ## NOTES               paragraphs
  ## EXAMPLES
  ### Example <N>: <title>
                         exactly one ``` fenced code block, then the remarks
  ## RELATED LINKS       optional; "- <command or topic>" or "- [text](uri)" lines

Inline markdown is reduced to text: `code` and **bold** lose their marks, [text](uri) becomes "text (uri)"
(just "text" for links to other .md files).

.PARAMETER ModulePath
The assembled module folder (out/DataRefresh), or its manifest.

.PARAMETER DocsPath
The folder of command docs; docs/commands in the repository by default.

.EXAMPLE
dotnet pwsh -NoProfile -File build/Build-Help.ps1 -ModulePath out/DataRefresh
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string]$ModulePath,
    [string]$DocsPath = (Join-Path (Split-Path -Parent $PSScriptRoot) 'docs/commands')
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$nsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$nsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$nsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$nsMsHelp = 'http://msdn.microsoft.com/mshelp'

$requiredSections = 'SYNOPSIS', 'DESCRIPTION', 'PARAMETERS', 'EXAMPLES', 'OUTPUTS', 'NOTES'
$knownSections = $requiredSections + 'INPUTS', 'RELATED LINKS'
$fencePattern = '^\s*```'

#region Markdown

function Read-CommandDoc {
    <#
    .SYNOPSIS
    Splits one command doc into its title and sections (## ...), each with its intro lines and ### subsections.
    Headings inside fenced code blocks are code, not headings. Returns @{ Path; Title; Sections; Problems }.
    #>
    param([Parameter(Mandatory)] [string]$Path)
    $lines = [System.IO.File]::ReadAllLines($Path)
    $shown = [System.IO.Path]::GetFileName($Path)
    $doc = @{ Path = $Path; Title = $null; Sections = [ordered]@{}; Problems = [System.Collections.Generic.List[string]]::new() }
    $section = $null
    $sub = $null
    $inFence = $false
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        $at = "${shown}:$($i + 1)"
        if (-not $inFence) {
            if ($line -match '^#\s+(.+?)\s*$') {
                if ($null -ne $doc.Title) { $doc.Problems.Add("${at}: a second '# ' title; sections start with '## '") }
                $doc.Title = $Matches[1]
                continue
            }
            if ($line -match '^##\s+(.+?)\s*$') {
                $name = $Matches[1].ToUpperInvariant()
                if ($name -notin $knownSections) {
                    $doc.Problems.Add("${at}: unknown section '## $($Matches[1])'; the sections are: $($knownSections -join ', ')")
                }
                if ($doc.Sections.Contains($name)) { $doc.Problems.Add("${at}: section '## $name' appears twice") }
                $section = @{ Name = $name; Line = $i + 1; Intro = [System.Collections.Generic.List[string]]::new(); Subs = [System.Collections.Generic.List[object]]::new() }
                $doc.Sections[$name] = $section
                $sub = $null
                continue
            }
            if ($line -match '^###\s+(.+?)\s*$') {
                if ($null -eq $section) { $doc.Problems.Add("${at}: '### ' before any '## ' section"); continue }
                $sub = @{ Name = $Matches[1]; Line = $i + 1; Lines = [System.Collections.Generic.List[string]]::new() }
                $section.Subs.Add($sub)
                continue
            }
            if ($line -match '^#{4,}\s') { $doc.Problems.Add("${at}: headings go no deeper than '### '") }
        }
        if ($line -match $fencePattern) { $inFence = -not $inFence }
        if ($null -ne $sub) { $sub.Lines.Add($line) }
        elseif ($null -ne $section) { $section.Intro.Add($line) }
        elseif ($line.Trim()) { $doc.Problems.Add("${at}: text before the first '## ' section") }
    }
    if ($inFence) { $doc.Problems.Add("${shown}: a ``` code fence is not closed") }
    if ($null -eq $doc.Title) { $doc.Problems.Add("${shown}: no '# <command name>' title") }
    $doc
}

function ConvertFrom-InlineMarkdown {
    <# Plain text for the console: drops `code` and **bold** marks; [text](uri) becomes "text (uri)". #>
    param([string]$Text)
    # Code spans are taken literally: only the text between them has links and bold marks to reduce.
    $parts = [regex]::Split($Text, '(`[^`]+`)')
    $plain = foreach ($part in $parts) {
        if ($part -match '^`([^`]+)`$') { $Matches[1]; continue }
        $part = [regex]::Replace($part, '\[([^\]]+)\]\(([^)\s]*)\)', {
                param($m)
                $uri = $m.Groups[2].Value
                if (-not $uri -or $uri.StartsWith('#') -or $uri -match '\.md(#.*)?$') { $m.Groups[1].Value } else { "$($m.Groups[1].Value) ($uri)" }
            })
        [regex]::Replace($part, '(\*\*|__)(\S(?:.*?\S)?)\1', '$2')
    }
    -join $plain
}

function ConvertTo-Paragraph {
    <#
    .SYNOPSIS
    Markdown lines to help paragraphs: blank lines separate paragraphs, each "- " item is a paragraph of its own
    (continuation lines join it), and a fenced block is one paragraph that keeps its lines.
    #>
    param([AllowEmptyCollection()] [string[]]$Lines)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $code = $null
    $flush = {
        if ($current.Count -gt 0) { $paragraphs.Add((ConvertFrom-InlineMarkdown ($current -join ' '))); $current.Clear() }
    }
    foreach ($line in $Lines) {
        if ($null -ne $code) {
            if ($line -match $fencePattern) { $paragraphs.Add(($code -join "`n").TrimEnd()); $code = $null }
            else { $code.Add($line.TrimEnd()) }
            continue
        }
        if ($line -match $fencePattern) { & $flush; $code = [System.Collections.Generic.List[string]]::new(); continue }
        if (-not $line.Trim()) { & $flush; continue }
        if ($line -match '^\s*(?:[-*]|\d+\.)\s+\S') { & $flush }
        $current.Add($line.Trim())
    }
    & $flush
    , $paragraphs.ToArray()
}

function Split-CodeBlock {
    <# An example's lines: its one fenced code block, and the remark paragraphs around it. #>
    param([string[]]$Lines, [string]$Where)
    $code = [System.Collections.Generic.List[string]]::new()
    $rest = [System.Collections.Generic.List[string]]::new()
    $blocks = 0
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match $fencePattern) {
            if (-not $inFence) { $blocks++ }
            $inFence = -not $inFence
            continue
        }
        if ($inFence -and $blocks -eq 1) { $code.Add($line.TrimEnd()) }
        elseif (-not $inFence) { $rest.Add($line) }
    }
    if ($blocks -ne 1) { throw "${Where}: an example needs exactly one ``` code block (found $blocks)" }
    @{ Code = ($code -join "`n").Trim("`n"); Remarks = (ConvertTo-Paragraph $rest.ToArray()) }
}

function Get-ParameterDoc {
    <# A ### -Name block: the description paragraphs and the optional "Default value:" / wildcard lines. #>
    param($Sub)
    $default = $null
    $globbing = $false
    $text = foreach ($line in $Sub.Lines) {
        if ($line -match '^\s*Default value:\s*(.*?)\s*$') { $default = $Matches[1]; continue }
        if ($line -match '^\s*Accept wildcard characters:\s*(True|False)\s*$') { $globbing = $Matches[1] -eq 'True'; continue }
        $line
    }
    @{ Name = $Sub.Name.Substring(1); Line = $Sub.Line; Paragraphs = (ConvertTo-Paragraph @($text)); Default = $default; Globbing = $globbing }
}

#endregion

#region Metadata

function Get-TypeDisplayName {
    param([type]$Type)
    if ($Type.IsArray) { return "$(Get-TypeDisplayName $Type.GetElementType())[]" }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return "$(Get-TypeDisplayName $underlying)" }
    $Type.Name
}

function Get-ParameterValueChoice {
    <# The values an enum- or ValidateSet-typed parameter takes, for the syntax ({A | B | C}); none otherwise. #>
    param([System.Management.Automation.ParameterMetadata]$Parameter)
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return @($set.ValidValues) }
    $type = $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    $underlying = [Nullable]::GetUnderlyingType($type)
    if ($underlying) { $type = $underlying }
    if ($type.IsEnum) { return @([enum]::GetNames($type)) }
    @()
}

function Get-PipelineInputText {
    param([bool]$ByValue, [bool]$ByPropertyName)
    $kinds = @(if ($ByValue) { 'ByValue' }; if ($ByPropertyName) { 'ByPropertyName' })
    if ($kinds.Count -eq 0) { 'False' } else { "True ($($kinds -join ', '))" }
}

function Get-DocumentableParameter {
    <# The command's parameters a doc must cover: all but the common ones (WhatIf and Confirm are covered). #>
    param([System.Management.Automation.CommandInfo]$Command)
    $skip = @([System.Management.Automation.Cmdlet]::CommonParameters) + 'UseTransaction'
    @($Command.Parameters.Values | Where-Object { $_.Name -notin $skip })
}

#endregion

#region MAML

function Write-Para {
    param([System.Xml.XmlWriter]$Writer, [string[]]$Paragraphs)
    if (-not $Paragraphs -or $Paragraphs.Count -eq 0) { $Paragraphs = @('') }
    foreach ($p in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $nsMaml, $p) }
}

function Write-Description {
    param([System.Xml.XmlWriter]$Writer, [string[]]$Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $nsMaml)
    Write-Para $Writer $Paragraphs
    $Writer.WriteEndElement()
}

function Write-DevType {
    param([System.Xml.XmlWriter]$Writer, [string]$Name)
    $Writer.WriteStartElement('dev', 'type', $nsDev)
    $Writer.WriteElementString('maml', 'name', $nsMaml, $Name)
    $Writer.WriteElementString('maml', 'uri', $nsMaml, '')
    $Writer.WriteEndElement()
}

function Write-ParameterElement {
    <# One command:parameter, for a syntax item or the parameters section. #>
    param(
        [System.Xml.XmlWriter]$Writer, [System.Management.Automation.ParameterMetadata]$Parameter, $Doc,
        [bool]$Required, [string]$Position, [string]$PipelineInput, [switch]$InSyntax
    )
    $isSwitch = $Parameter.SwitchParameter
    $typeName = Get-TypeDisplayName $Parameter.ParameterType
    $aliases = if ($Parameter.Aliases.Count -gt 0) { $Parameter.Aliases -join ', ' } else { 'none' }
    $globbing = $Doc.Globbing -or [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $Writer.WriteStartElement('command', 'parameter', $nsCommand)
    $Writer.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Parameter.ParameterType.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $PipelineInput)
    $Writer.WriteAttributeString('position', $Position)
    $Writer.WriteAttributeString('aliases', $aliases)
    $Writer.WriteElementString('maml', 'name', $nsMaml, $Parameter.Name)
    Write-Description $Writer $Doc.Paragraphs
    $choices = @(Get-ParameterValueChoice $Parameter)
    if ($InSyntax -and $choices.Count -gt 0) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $nsCommand)
        foreach ($choice in $choices) {
            $Writer.WriteStartElement('command', 'parameterValue', $nsCommand)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $nsCommand, 'false')
            $Writer.WriteString($choice)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    } elseif (-not ($InSyntax -and $isSwitch)) {
        # A switch takes no value: in the syntax it is just [-Name].
        $Writer.WriteStartElement('command', 'parameterValue', $nsCommand)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', $Parameter.ParameterType.IsArray.ToString().ToLowerInvariant())
        $Writer.WriteString($typeName)
        $Writer.WriteEndElement()
    }
    Write-DevType $Writer $Parameter.ParameterType.FullName
    $default = if ($Doc.Default) { $Doc.Default } elseif ($isSwitch) { 'False' } else { 'None' }
    $Writer.WriteElementString('dev', 'defaultValue', $nsDev, $default)
    $Writer.WriteEndElement()
}

function Write-CommandHelp {
    param([System.Xml.XmlWriter]$Writer, [System.Management.Automation.CommandInfo]$Command, $Doc, [System.Collections.IDictionary]$ParameterDocs)
    $name = $Command.Name
    $sections = $Doc.Sections
    $verb, $noun = $name -split '-', 2

    $Writer.WriteStartElement('command', 'command', $nsCommand)
    $Writer.WriteAttributeString('xmlns', 'maml', $null, $nsMaml)
    $Writer.WriteAttributeString('xmlns', 'command', $null, $nsCommand)
    $Writer.WriteAttributeString('xmlns', 'dev', $null, $nsDev)
    $Writer.WriteAttributeString('xmlns', 'MSHelp', $null, $nsMsHelp)

    $Writer.WriteStartElement('command', 'details', $nsCommand)
    $Writer.WriteElementString('command', 'name', $nsCommand, $name)
    $Writer.WriteElementString('command', 'verb', $nsCommand, $verb)
    $Writer.WriteElementString('command', 'noun', $nsCommand, $noun)
    Write-Description $Writer (ConvertTo-Paragraph $sections['SYNOPSIS'].Intro.ToArray())
    $Writer.WriteEndElement()

    Write-Description $Writer (ConvertTo-Paragraph $sections['DESCRIPTION'].Intro.ToArray())

    # Syntax: one item per parameter set, the default set first; positional parameters by position, then
    # mandatory, then the rest in declaration order, switches after values, WhatIf/Confirm last (as PowerShell does).
    $common = @([System.Management.Automation.Cmdlet]::CommonParameters) + 'UseTransaction'
    $Writer.WriteStartElement('command', 'syntax', $nsCommand)
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $nsCommand)
        $Writer.WriteElementString('maml', 'name', $nsMaml, $name)
        $index = 0
        $ordered = $set.Parameters | Where-Object { $_.Name -notin $common } | ForEach-Object {
            [pscustomobject]@{ P = $_; Index = $index++ }
        } | Sort-Object `
            @{ Expression = { if ($_.P.Position -ge 0) { $_.P.Position } else { [int]::MaxValue } } },
            @{ Expression = { -not $_.P.IsMandatory } },
            @{ Expression = { $_.P.Name -in 'WhatIf', 'Confirm' } },
            @{ Expression = { $_.P.ParameterType -eq [System.Management.Automation.SwitchParameter] } },
            @{ Expression = { $_.Index } }
        foreach ($entry in $ordered) {
            $p = $entry.P
            $position = if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }
            Write-ParameterElement -Writer $Writer -Parameter $Command.Parameters[$p.Name] -Doc $ParameterDocs[$p.Name] `
                -Required $p.IsMandatory -Position $position `
                -PipelineInput (Get-PipelineInputText $p.ValueFromPipeline $p.ValueFromPipelineByPropertyName) -InSyntax
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # Parameters, in the doc's order. A parameter in several sets is required only if every set requires it, and
    # has a position only if every set gives it the same one.
    $Writer.WriteStartElement('command', 'parameters', $nsCommand)
    foreach ($paramDoc in $ParameterDocs.Values | Sort-Object { $_.Line }) {
        $parameter = $Command.Parameters[$paramDoc.Name]
        $inSets = @(foreach ($set in $Command.ParameterSets) { $set.Parameters | Where-Object Name -EQ $parameter.Name })
        $required = @($inSets | Where-Object { -not $_.IsMandatory }).Count -eq 0
        $positions = @($inSets | ForEach-Object Position | Sort-Object -Unique)
        $position = if ($positions.Count -eq 1 -and $positions[0] -ge 0) { "$($positions[0])" } else { 'named' }
        $byValue = [bool]($inSets | Where-Object ValueFromPipeline)
        $byName = [bool]($inSets | Where-Object ValueFromPipelineByPropertyName)
        Write-ParameterElement -Writer $Writer -Parameter $parameter -Doc $paramDoc -Required $required `
            -Position $position -PipelineInput (Get-PipelineInputText $byValue $byName)
    }
    $Writer.WriteEndElement()

    # Inputs and outputs: ### <type> blocks.
    foreach ($kind in @(@{ Section = 'INPUTS'; List = 'inputTypes'; Item = 'inputType' }, @{ Section = 'OUTPUTS'; List = 'returnValues'; Item = 'returnValue' })) {
        $Writer.WriteStartElement('command', $kind.List, $nsCommand)
        $subs = @(if ($sections.Contains($kind.Section)) { $sections[$kind.Section].Subs })
        if ($subs.Count -eq 0) { $subs = @(@{ Name = 'None'; Lines = @() }) }
        foreach ($sub in $subs) {
            $Writer.WriteStartElement('command', $kind.Item, $nsCommand)
            Write-DevType $Writer $sub.Name
            Write-Description $Writer (ConvertTo-Paragraph @($sub.Lines))
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('maml', 'alertSet', $nsMaml)
    $Writer.WriteStartElement('maml', 'alert', $nsMaml)
    Write-Para $Writer (ConvertTo-Paragraph $sections['NOTES'].Intro.ToArray())
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $nsCommand)
    foreach ($example in $sections['EXAMPLES'].Subs) {
        $parts = Split-CodeBlock -Lines $example.Lines.ToArray() -Where "$($Doc.Path):$($example.Line)"
        $Writer.WriteStartElement('command', 'example', $nsCommand)
        $Writer.WriteElementString('maml', 'title', $nsMaml, "---------- $($example.Name) ----------")
        $Writer.WriteElementString('dev', 'code', $nsDev, $parts.Code)
        $Writer.WriteStartElement('dev', 'remarks', $nsDev)
        # The trailing empty paragraph is a blank line before the next example's title.
        Write-Para $Writer @(@($parts.Remarks) + @(if (@($parts.Remarks).Count -gt 0) { '' }))
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $nsCommand)
    if ($sections.Contains('RELATED LINKS')) {
        foreach ($line in $sections['RELATED LINKS'].Intro) {
            if ($line -notmatch '^\s*[-*]\s+(.+?)\s*$') { continue }
            $item = $Matches[1]
            $text, $uri = if ($item -match '^\[([^\]]+)\]\(([^)]*)\)$') { $Matches[1], $Matches[2] } else { $item, '' }
            if ($uri -match '\.md(#.*)?$') { $uri = '' }
            $Writer.WriteStartElement('maml', 'navigationLink', $nsMaml)
            $Writer.WriteElementString('maml', 'linkText', $nsMaml, $text)
            $Writer.WriteElementString('maml', 'uri', $nsMaml, $uri)
            $Writer.WriteEndElement()
        }
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

#endregion

#region Main

$resolved = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
if (Test-Path -LiteralPath $resolved -PathType Leaf) {
    $manifest = $resolved
    $moduleDir = Split-Path -Parent $resolved
} else {
    $moduleDir = $resolved
    $manifest = Join-Path $moduleDir 'DataRefresh.psd1'
}
if (-not (Test-Path -LiteralPath $manifest -PathType Leaf)) { throw "Build-Help: no module manifest at $manifest" }
if (-not (Test-Path -LiteralPath $DocsPath -PathType Container)) { throw "Build-Help: no command docs folder at $DocsPath" }
$moduleName = [System.IO.Path]::GetFileNameWithoutExtension($manifest)
Write-Host "Building help for $moduleName from $DocsPath" -ForegroundColor Cyan

# The manifest's ScriptsToProcess shows up as a module of its own: keep the real one.
$module = Import-Module -Name $manifest -Force -PassThru | Where-Object Name -EQ $moduleName
if (@($module).Count -ne 1) { throw "Build-Help: importing $manifest did not give one module named $moduleName" }
$commands = @(Get-Command -Module $moduleName | Where-Object CommandType -In 'Cmdlet', 'Function' | Sort-Object Name)
if ($commands.Count -eq 0) { throw "Build-Help: $moduleName exports no commands" }

$problems = [System.Collections.Generic.List[string]]::new()
$docFiles = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File)
$docs = @{}
foreach ($file in $docFiles) {
    if ($file.BaseName -notmatch '^[A-Za-z]+-[A-Za-z0-9]+$') { continue }
    if ($file.BaseName -notin $commands.Name) {
        $problems.Add("$($file.Name): documents $($file.BaseName), which $moduleName does not export (renamed or removed? delete or rename the doc)")
        continue
    }
    $docs[$file.BaseName] = Read-CommandDoc -Path $file.FullName
}

$parameterDocsByCommand = @{}
foreach ($command in $commands) {
    $name = $command.Name
    if (-not $docs.ContainsKey($name)) {
        $problems.Add("$name has no help: write $(Join-Path $DocsPath "$name.md")")
        continue
    }
    $doc = $docs[$name]
    $shown = [System.IO.Path]::GetFileName($doc.Path)
    $doc.Problems | ForEach-Object { $problems.Add($_) }
    if ($doc.Title -and $doc.Title -cne $name) { $problems.Add("${shown}: the title is '# $($doc.Title)'; it must be '# $name'") }
    foreach ($section in $requiredSections) {
        if (-not $doc.Sections.Contains($section)) { $problems.Add("${shown}: the section '## $section' is missing") }
    }
    foreach ($section in 'SYNOPSIS', 'DESCRIPTION', 'NOTES') {
        if ($doc.Sections.Contains($section) -and @(ConvertTo-Paragraph $doc.Sections[$section].Intro.ToArray()).Count -eq 0) {
            $problems.Add("${shown}: the section '## $section' is empty")
        }
    }
    if ($doc.Sections.Contains('SYNOPSIS') -and @(ConvertTo-Paragraph $doc.Sections['SYNOPSIS'].Intro.ToArray()).Count -gt 1) {
        $problems.Add("${shown}: the SYNOPSIS is one paragraph")
    }

    # Parameters: every documented one exists (same spelling), every existing one is documented, once.
    $parameterDocs = [ordered]@{}
    if ($doc.Sections.Contains('PARAMETERS')) {
        foreach ($sub in $doc.Sections['PARAMETERS'].Subs) {
            if ($sub.Name -notmatch '^-\w+$') { $problems.Add("${shown}:$($sub.Line): a parameter heading is '### -Name', not '### $($sub.Name)'"); continue }
            $paramDoc = Get-ParameterDoc $sub
            $actual = $command.Parameters.Keys | Where-Object { $_ -eq $paramDoc.Name }
            if (-not $actual) {
                $problems.Add("${shown}:$($sub.Line): documents -$($paramDoc.Name), which $name does not have")
            } elseif ($actual -cne $paramDoc.Name) {
                $problems.Add("${shown}:$($sub.Line): documents -$($paramDoc.Name); the parameter is spelled -$actual")
            } elseif ($parameterDocs.Contains($actual)) {
                $problems.Add("${shown}:$($sub.Line): -$actual is documented twice")
            } elseif ($actual -in [System.Management.Automation.Cmdlet]::CommonParameters) {
                $problems.Add("${shown}:$($sub.Line): -$actual is a common parameter; Get-Help describes those itself")
            } elseif (@(ConvertTo-Paragraph @($sub.Lines | Where-Object { $_ -notmatch '^\s*(Default value|Accept wildcard characters):' })).Count -eq 0) {
                $problems.Add("${shown}:$($sub.Line): -$actual has no description")
            } else {
                $parameterDocs[$actual] = $paramDoc
            }
        }
    }
    foreach ($parameter in Get-DocumentableParameter $command) {
        if (-not $parameterDocs.Contains($parameter.Name) -and -not ($doc.Sections.Contains('PARAMETERS') -and
                @($doc.Sections['PARAMETERS'].Subs | Where-Object Name -EQ "-$($parameter.Name)").Count -gt 0)) {
            $problems.Add("${shown}: -$($parameter.Name) is a parameter of $name but is not documented (add '### -$($parameter.Name)' under '## PARAMETERS')")
        }
    }
    $parameterDocsByCommand[$name] = $parameterDocs

    if ($doc.Sections.Contains('EXAMPLES')) {
        $examples = @($doc.Sections['EXAMPLES'].Subs)
        if ($examples.Count -eq 0) { $problems.Add("${shown}: '## EXAMPLES' has no '### Example 1: ...'") }
        foreach ($example in $examples) {
            if ($example.Name -notmatch '^Example \d+\b') { $problems.Add("${shown}:$($example.Line): an example heading is '### Example <N>: <title>'") }
            try { $null = Split-CodeBlock -Lines $example.Lines.ToArray() -Where "${shown}:$($example.Line)" } catch { $problems.Add($_.Exception.Message) }
        }
    }
    if ($doc.Sections.Contains('OUTPUTS')) {
        $documented = @($doc.Sections['OUTPUTS'].Subs | ForEach-Object Name)
        if ($documented.Count -eq 0) { $problems.Add("${shown}: '## OUTPUTS' needs a '### <type name>' block (### None when it writes nothing)") }
        foreach ($type in $command.OutputType) {
            if ($type.Name -notin $documented) { Write-Warning "${shown}: $name declares [OutputType($($type.Name))], which OUTPUTS does not list" }
        }
    }
}

if ($problems.Count -gt 0) {
    # One line each, readable in a build log; the throw fails the build (exit code 1 under pwsh -File).
    $problems | ForEach-Object { Write-Host "  $_" -ForegroundColor Red }
    throw "Build-Help: the command docs do not match the module: $($problems.Count) problem(s), listed above"
}

# One MAML file per help file name: for a binary module, <assembly>.dll-Help.xml next to the culture folder.
$helpDir = Join-Path $moduleDir 'en-US'
if (-not (Test-Path -LiteralPath $helpDir)) { $null = New-Item -ItemType Directory -Path $helpDir }
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"
$written = @()
foreach ($group in $commands | Group-Object { if ($_.HelpFile) { Split-Path -Leaf $_.HelpFile } else { "$moduleName-help.xml" } }) {
    $helpFile = Join-Path $helpDir $group.Name
    $writer = [System.Xml.XmlWriter]::Create($helpFile, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in $group.Group) {
            Write-CommandHelp -Writer $writer -Command $command -Doc $docs[$command.Name] -ParameterDocs $parameterDocsByCommand[$command.Name]
        }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    } finally {
        $writer.Dispose()
    }
    $null = [xml](Get-Content -LiteralPath $helpFile -Raw)
    Write-Host "  $helpFile ($($group.Count) commands)"
    $written += $helpFile
}

# The about topic: Build.psm1 copies module/en-US/* into the module already; only fill the gap when it did not.
$aboutName = "about_$moduleName.help.txt"
$aboutTarget = Join-Path $helpDir $aboutName
if (-not (Test-Path -LiteralPath $aboutTarget)) {
    $aboutSource = Join-Path (Split-Path -Parent $PSScriptRoot) "module/en-US/$aboutName"
    if (-not (Test-Path -LiteralPath $aboutSource)) { throw "Build-Help: the about topic $aboutSource does not exist" }
    Copy-Item -LiteralPath $aboutSource -Destination $aboutTarget
    Write-Host "  $aboutTarget (copied)"
}

# The configuration reference ships as a help topic of its own, made from docs/configuration.md, so a DBA
# with only the module folder has it: Get-Help about_DataRefresh_Configuration.
function ConvertTo-AboutText {
    <#
    .SYNOPSIS
    docs/configuration.md as a console help topic: headings become section titles, paragraphs and list items are
    wrapped at 80 columns, fenced blocks keep their lines, and each table row becomes a block (its first cell as
    the title, short cells as "header: value", long cells as a paragraph).
    #>
    param([string[]]$Lines, [string]$TopicName, [string]$ShortDescription)
    $out = [System.Collections.Generic.List[string]]::new()
    $wrap = {
        param([string]$Text, [int]$Indent, [int]$Hanging = $Indent)
        $width = 80
        $line = ''
        $pad = ' ' * $Indent
        foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
            if ($line -and ($pad.Length + $line.Length + 1 + $word.Length) -gt $width) {
                $out.Add($pad + $line); $line = $word; $pad = ' ' * $Hanging
            } else { $line = if ($line) { "$line $word" } else { $word } }
        }
        if ($line) { $out.Add($pad + $line) }
    }
    $cells = { param([string]$Row) @(($Row.Trim().Trim('|') -replace '\\\|', "`u{1}") -split '\|' | ForEach-Object { (ConvertFrom-InlineMarkdown $_.Trim()).Replace("`u{1}", '|') }) }
    $out.Add('TOPIC'); $out.Add("    $TopicName"); $out.Add('')
    $out.Add('SHORT DESCRIPTION'); & $wrap $ShortDescription 4; $out.Add('')
    $out.Add('LONG DESCRIPTION')
    $paragraph = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if ($paragraph.Count -eq 0) { return }
        $text = ConvertFrom-InlineMarkdown ($paragraph -join ' ')
        if ($text -match '^\s*(?:[-*]|\d+\.)\s+(.*)$') { & $wrap "- $($Matches[1])" 4 6 } else { & $wrap $text 4 }
        $out.Add(''); $paragraph.Clear()
    }
    $header = $null
    $inCode = $false
    foreach ($raw in $Lines) {
        $line = $raw.TrimEnd()
        if ($inCode) {
            if ($line -match $fencePattern) { $inCode = $false; $out.Add('') } else { $out.Add("        $line") }
            continue
        }
        if ($line -match $fencePattern) { & $flush; $inCode = $true; continue }
        if ($line -match '^# ') { continue }
        if ($line -match '^(#{2,})\s+(.*)$') {
            & $flush
            $title = ConvertFrom-InlineMarkdown $Matches[2]
            $out.Add($(if ($Matches[1].Length -eq 2) { $title.ToUpperInvariant() } else { "  $title" }))
            continue
        }
        if ($line -match '^\s*\|') {
            & $flush
            $row = & $cells $line
            if ($null -eq $header) { $header = $row; continue }
            if ($row[0] -match '^-+$') { continue }
            $out.Add("    $($row[0])")
            $short = @(for ($i = 1; $i -lt $row.Count; $i++) { if ($row[$i].Length -le 40) { "$($header[$i]): $($row[$i])" } })
            if ($short) { & $wrap ($short -join '; ') 8 }
            for ($i = 1; $i -lt $row.Count; $i++) { if ($row[$i].Length -gt 40) { & $wrap $row[$i] 8 } }
            $out.Add('')
            continue
        }
        $header = $null
        if (-not $line.Trim()) { & $flush; continue }
        if ($line -match '^\s*(?:[-*]|\d+\.)\s+\S') { & $flush }
        $paragraph.Add($line.Trim())
    }
    & $flush
    $out
}

$configDoc = Join-Path (Split-Path -Parent $PSScriptRoot) 'docs/configuration.md'
$configTopic = "about_$($moduleName)_Configuration"
$configLines = ConvertTo-AboutText -Lines (Get-Content -LiteralPath $configDoc) -TopicName $configTopic `
    -ShortDescription 'Every key of a DataRefresh configuration file: databases, tables, settings, overlays, credentials and sync modes.'
[System.IO.File]::WriteAllLines((Join-Path $helpDir "$configTopic.help.txt"), [string[]]$configLines, [System.Text.UTF8Encoding]::new($false))
Write-Host "  $(Join-Path $helpDir "$configTopic.help.txt") (from docs/configuration.md)"

# Read it back as a user would: PowerShell must find the file and take the synopsis from it.
foreach ($command in $commands) {
    $help = Get-Help -Name $command.Name -Full
    $expected = (ConvertTo-Paragraph $docs[$command.Name].Sections['SYNOPSIS'].Intro.ToArray()) -join ' '
    if ("$($help.Synopsis)".Trim() -ne $expected) {
        throw "Build-Help: Get-Help $($command.Name) does not show the synopsis from the doc (got '$($help.Synopsis)'); is $($written -join ', ') where PowerShell looks?"
    }
    $exampleCount = @($help.examples.example).Count
    if ($exampleCount -ne @($docs[$command.Name].Sections['EXAMPLES'].Subs).Count) {
        throw "Build-Help: Get-Help $($command.Name) shows $exampleCount examples, the doc has $(@($docs[$command.Name].Sections['EXAMPLES'].Subs).Count)"
    }
}
$about = Get-Help -Name "about_$moduleName" -ErrorAction SilentlyContinue
if (-not $about) { throw "Build-Help: Get-Help about_$moduleName finds nothing in $helpDir" }
if (-not (Get-Help -Name $configTopic -ErrorAction SilentlyContinue)) { throw "Build-Help: Get-Help $configTopic finds nothing in $helpDir" }
Write-Host "Help: $($commands.Count) commands documented, about_$moduleName and $configTopic present" -ForegroundColor Green

#endregion
