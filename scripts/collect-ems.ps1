<#
.SYNOPSIS
    Read-only export of the Exchange facts hybrid-readiness judges, for `hybrid-readiness import-ems FOLDER`.

.DESCRIPTION
    Run in the Exchange Management Shell (Windows PowerShell 5.1) on an Exchange server or a management workstation.
    Every call reads: Get-* cmdlets, Active Directory searches and, unless -SkipExSetup, the file version of
    ExSetup.exe on each server through PowerShell remoting. Nothing is changed and no secret is read. Each export is
    written with Export-Clixml into OutputFolder; manifest.xml records when, by whom, where, and each export's object
    count or error. Permissions and the meaning of every file: docs/consultant.md in the hybrid-readiness package.

.PARAMETER OutputFolder
    A new or empty folder for the exports.

.PARAMETER Mailbox
    SMTP addresses of mailboxes to look up with Get-Recipient (their database and recipient type).

.PARAMETER SkipExSetup
    Do not read ExSetup.exe's version on each server (it needs remoting and local administrator rights there).

.EXAMPLE
    .\collect-ems.ps1 -OutputFolder 'C:\Temp\hybrid-readiness' -Mailbox 'alex@contoso.com'
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $OutputFolder,
    [string[]] $Mailbox = @(),
    [switch] $SkipExSetup
)

Set-StrictMode -Version 2.0 -ErrorAction Stop
$ErrorActionPreference = 'Stop'
$ToolVersion = '0.1.0'
# Deep enough for DatabaseCopies, ActivationPreference and the SearchResult property lists; deeper only adds bulk.
$ExportDepth = 4
$Exports = New-Object -TypeName 'System.Collections.Generic.List[object]' -ErrorAction Stop
$StartedAt = (Get-Date -ErrorAction Stop).ToUniversalTime()

if (Test-Path -LiteralPath "$OutputFolder" -ErrorAction Stop) {
    if (@(Get-ChildItem -LiteralPath "$OutputFolder" -Force -ErrorAction Stop).Count -gt 0) {
        throw "The folder '$OutputFolder' is not empty: pass a new or empty folder, so that no older export is mixed in."
    }
} else {
    $null = New-Item -ItemType Directory -Path "$OutputFolder" -ErrorAction Stop
}

# Runs one read, writes its objects to FileName (an empty result writes an empty export) and records the outcome.
function Export-Fact {
    [CmdletBinding()]
    param([string] $Source, [string] $FileName, [scriptblock] $Read)
    $entry = [pscustomobject]@{ Source = $Source; File = $FileName; Count = 0; Error = $null }
    $entry.PSObject.TypeNames.Insert(0, 'HybridReadiness.CollectEms.Export')
    $items = @()
    try {
        $items = @(& $Read)
        $path = Join-Path -Path "$OutputFolder" -ChildPath "$FileName" -ErrorAction Stop
        $items | Export-Clixml -LiteralPath "$path" -Depth $ExportDepth -Encoding UTF8 -ErrorAction Stop
        $entry.Count = $items.Count
    } catch {
        $entry.Error = $_.Exception.Message
        Write-Warning -Message "$Source failed: $($_.Exception.Message)" -ErrorAction Continue
    }
    $Exports.Add($entry)
    return $items
}

# One AD object or search result through System.DirectoryServices (any domain user may read these).
function Find-DirectoryObject {
    [CmdletBinding()]
    param([string] $SearchRoot, [string] $Filter, [string[]] $Attributes, [string] $Scope)
    $root = New-Object -TypeName System.DirectoryServices.DirectoryEntry -ArgumentList "$SearchRoot" -ErrorAction Stop
    $searcher = New-Object -TypeName System.DirectoryServices.DirectorySearcher -ArgumentList $root, $Filter, $Attributes -ErrorAction Stop
    $searcher.SearchScope = $Scope
    return $searcher.FindOne()
}

$rootDse = New-Object -TypeName System.DirectoryServices.DirectoryEntry -ArgumentList 'LDAP://RootDSE' -ErrorAction Stop
$schemaNc = [string] $rootDse.Properties['schemaNamingContext'].Value
$defaultNc = [string] $rootDse.Properties['defaultNamingContext'].Value

# Get-ExchangeServer without -Status: AdminDisplayVersion comes from AD; -Status would contact every server and add
# only its current domain controllers.
$servers = Export-Fact -Source 'Get-ExchangeServer' -FileName 'ExchangeServer.xml' -ErrorAction Stop -Read { Get-ExchangeServer -ErrorAction Stop }
$databaseParameters = @{ Status = $true; ErrorAction = 'Stop' }
if ((Get-Command -Name Get-MailboxDatabase -ErrorAction Stop).Parameters.ContainsKey('IncludePreExchange2013')) {
    $databaseParameters['IncludePreExchange2013'] = $true
}
$null = Export-Fact -Source 'Get-MailboxDatabase' -FileName 'MailboxDatabase.xml' -ErrorAction Stop -Read { Get-MailboxDatabase @databaseParameters }

# Mailboxes per database and recipient type, read from AD like hybrid-readiness's LDAP collector: one paged search of
# the forest through the global catalog for mailbox users (homeMDB set). Get-Mailbox -ResultSize Unlimited would
# return every mailbox object in full and take hours in a large organization.
$null = Export-Fact -Source 'MailboxCount' -FileName 'MailboxCount.xml' -ErrorAction Stop -Read {
    $forest = [System.DirectoryServices.ActiveDirectory.Forest]::GetCurrentForest()
    $catalog = New-Object -TypeName System.DirectoryServices.DirectoryEntry -ArgumentList "GC://$($forest.Name)" -ErrorAction Stop
    $searcher = New-Object -TypeName System.DirectoryServices.DirectorySearcher -ArgumentList $catalog, '(&(objectClass=user)(homeMDB=*))', @('homeMDB', 'msExchRecipientTypeDetails') -ErrorAction Stop
    $searcher.PageSize = 1000
    $counts = @{}
    $results = $searcher.FindAll()
    try {
        foreach ($result in $results) {
            $database = [string] $result.Properties['homemdb'][0]
            $typeValues = $result.Properties['msexchrecipienttypedetails']
            $type = if ($typeValues.Count -gt 0) { [string] $typeValues[0] } else { '' }
            if (-not $counts.ContainsKey($database)) { $counts[$database] = @{} }
            $counts[$database][$type] = 1 + $(if ($counts[$database].ContainsKey($type)) { $counts[$database][$type] } else { 0 })
        }
    } finally {
        $results.Dispose()
    }
    $collectedAt = (Get-Date -ErrorAction Stop).ToUniversalTime()
    foreach ($database in $counts.Keys) {
        foreach ($type in $counts[$database].Keys) {
            $row = [pscustomobject]@{ Database = $database; RecipientTypeDetails = $type; Count = [int64] $counts[$database][$type]; CollectedAt = $collectedAt }
            $row.PSObject.TypeNames.Insert(0, 'HybridReadiness.CollectEms.MailboxCount')
            $row
        }
    }
}

if ($Mailbox.Count -gt 0) {
    $null = Export-Fact -Source 'Get-Recipient' -FileName 'Recipient.xml' -ErrorAction Stop -Read {
        foreach ($address in $Mailbox) {
            try {
                Get-Recipient -Identity $address -ErrorAction Stop
            } catch {
                # A mailbox that does not exist is a finding (hybrid-readiness reports it), not a failed export.
                if ($_.CategoryInfo.Reason -ne 'ManagementObjectNotFoundException') { throw }
            }
        }
    }
}

$null = Export-Fact -Source 'Get-OrganizationConfig' -FileName 'OrganizationConfig.xml' -ErrorAction Stop -Read { Get-OrganizationConfig -ErrorAction Stop }
$null = Export-Fact -Source 'ms-Exch-Schema-Version-Pt' -FileName 'SchemaVersion.xml' -ErrorAction Stop -Read {
    Find-DirectoryObject -SearchRoot "LDAP://$schemaNc" -Filter '(cn=ms-Exch-Schema-Version-Pt)' -Attributes @('rangeUpper', 'distinguishedName') -Scope 'OneLevel' -ErrorAction Stop
}
$null = Export-Fact -Source 'Microsoft Exchange System Objects' -FileName 'DomainObjectVersion.xml' -ErrorAction Stop -Read {
    Find-DirectoryObject -SearchRoot "LDAP://CN=Microsoft Exchange System Objects,$defaultNc" -Filter '(objectClass=*)' -Attributes @('objectVersion', 'distinguishedName') -Scope 'Base' -ErrorAction Stop
}
$null = Export-Fact -Source 'Get-AuthServer' -FileName 'AuthServer.xml' -ErrorAction Stop -Read { Get-AuthServer -ErrorAction Stop }
$null = Export-Fact -Source 'Get-PartnerApplication' -FileName 'PartnerApplication.xml' -ErrorAction Stop -Read { Get-PartnerApplication -ErrorAction Stop }
$null = Export-Fact -Source 'Get-IntraOrganizationConnector' -FileName 'IntraOrganizationConnector.xml' -ErrorAction Stop -Read { Get-IntraOrganizationConnector -ErrorAction Stop }
$null = Export-Fact -Source 'Get-HybridConfiguration' -FileName 'HybridConfiguration.xml' -ErrorAction Stop -Read { Get-HybridConfiguration -ErrorAction Stop }
$null = Export-Fact -Source 'Get-AuthConfig' -FileName 'AuthConfig.xml' -ErrorAction Stop -Read { Get-AuthConfig -ErrorAction Stop }
$null = Export-Fact -Source 'Get-SettingOverride' -FileName 'SettingOverride.xml' -ErrorAction Stop -Read { Get-SettingOverride -ErrorAction Stop }
$null = Export-Fact -Source 'Get-AcceptedDomain' -FileName 'AcceptedDomain.xml' -ErrorAction Stop -Read { Get-AcceptedDomain -ErrorAction Stop }

# -ADPropertiesOnly: the URLs live in AD; without it each cmdlet also asks every server's IIS, slowly or not at all.
foreach ($cmdlet in @('Get-OwaVirtualDirectory', 'Get-WebServicesVirtualDirectory', 'Get-AutodiscoverVirtualDirectory', 'Get-RestVirtualDirectory')) {
    $file = "$($cmdlet -replace '^Get-', '').xml"
    $null = Export-Fact -Source $cmdlet -FileName $file -ErrorAction Stop -Read {
        $command = Get-Command -Name $cmdlet -ErrorAction Stop
        $parameters = @{ ErrorAction = 'Stop' }
        if ($command.Parameters.ContainsKey('ADPropertiesOnly')) { $parameters['ADPropertiesOnly'] = $true }
        & $command @parameters
    }
}

# What each server has installed: ExSetup.exe's file version, as HealthChecker reads it. Edge servers are not domain
# members and are skipped; a server that refuses remoting is recorded in the manifest, the rest still run.
if (-not $SkipExSetup) {
    foreach ($server in $servers) {
        if ($server.IsEdgeServer -or -not $server.Fqdn) { continue }
        $null = Export-Fact -Source 'ExSetup.exe' -FileName "ExSetup.$($server.Name).xml" -ErrorAction Stop -Read {
            Invoke-Command -ComputerName ([string] $server.Fqdn) -ErrorAction Stop -ScriptBlock {
                $path = Join-Path -Path "$env:ExchangeInstallPath" -ChildPath 'bin\ExSetup.exe' -ErrorAction Stop
                (Get-Item -LiteralPath "$path" -ErrorAction Stop).VersionInfo
            }
        }
    }
}

$manifest = [pscustomobject]@{
    SchemaVersion      = 1
    Tool               = 'collect-ems.ps1'
    ToolVersion        = $ToolVersion
    StartedAt          = $StartedAt
    FinishedAt         = (Get-Date -ErrorAction Stop).ToUniversalTime()
    RanBy              = "$env:USERDOMAIN\$env:USERNAME"
    ComputerName       = $env:COMPUTERNAME
    PowerShellVersion  = $PSVersionTable.PSVersion.ToString()
    MailboxCountMethod = 'Active Directory search of the forest through the global catalog: mailbox users (homeMDB set) by homeMDB and msExchRecipientTypeDetails'
    MailboxCountScope  = 'forest'
    RequestedMailboxes = [string[]] $Mailbox
    Exports            = $Exports.ToArray()
}
$manifest.PSObject.TypeNames.Insert(0, 'HybridReadiness.CollectEms.Manifest')
$manifestPath = Join-Path -Path "$OutputFolder" -ChildPath 'manifest.xml' -ErrorAction Stop
$manifest | Export-Clixml -LiteralPath "$manifestPath" -Depth $ExportDepth -Encoding UTF8 -ErrorAction Stop

$failed = @($Exports | Where-Object -FilterScript { $null -ne $_.Error } -ErrorAction Stop)
Write-Host -Object "Wrote $($Exports.Count) exports to '$OutputFolder' ($($failed.Count) failed; see manifest.xml). Bring the folder and run: hybrid-readiness import-ems <folder> -o inventory.json" -ErrorAction Stop
