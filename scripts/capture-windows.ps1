<#
.SYNOPSIS
  Writes a hostcheck capture bundle of this Windows host: a directory named after the host with
  numeric netstat output with owners, CSV tasklists (with services), the Win32_Process list
  (parent, executable path, command line), the SHA-256 and Authenticode signature of every
  listening socket's executable, all in UTF-8, and host.json.

.DESCRIPTION
  Run in an elevated PowerShell (5.1 or 7) for the most owner information (netstat -b needs
  elevation; unelevated, Win32_Process has no executable path for other users' processes, so
  their path, hash and signature stay unknown); it works unelevated too and records which it
  was. Copy the directory to where
  hostcheck runs and evaluate it with:
      hostcheck check --capture <HOSTNAME>
  or put many such directories under one folder and run `hostcheck check --fleet <folder>`.

.PARAMETER OutputDirectory
  Where the bundle directory is created (default: the current directory).
#>
param([string]$OutputDirectory = (Get-Location).Path)

$ErrorActionPreference = 'Stop'
$dir = Join-Path $OutputDirectory $env:COMPUTERNAME
New-Item -ItemType Directory -Force $dir | Out-Null

$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
$elevated = ([Security.Principal.WindowsPrincipal]$identity).IsInRole(
    [Security.Principal.WindowsBuiltInRole]::Administrator)
$netstat = if ($elevated) { 'netstat -anob' } else { 'netstat -ano' }

cmd /c $netstat | Set-Content -Encoding utf8 (Join-Path $dir 'netstat.txt')
tasklist /svc /fo csv | Set-Content -Encoding utf8 (Join-Path $dir 'tasklist-svc.csv')
tasklist /fo csv | Set-Content -Encoding utf8 (Join-Path $dir 'tasklist.csv')

# Every process with its parent, executable path and command line. ExecutablePath and
# CommandLine are null for other users' processes when not elevated: Export-Csv writes nothing
# for them, and hostcheck leaves those owners' paths unknown (docs/captures.md, "Owner identity
# on Windows"). Export-Csv -NoTypeInformation -Encoding UTF8 writes a quoted header, every value
# quoted, CRLF, with a byte-order mark in 5.1 and without one in 7.
$win32Process = 'Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine | Export-Csv -NoTypeInformation -Encoding UTF8'
$processes = @(Get-CimInstance Win32_Process |
    Select-Object ProcessId, ParentProcessId, Name, ExecutablePath, CommandLine)
$processes | Export-Csv -NoTypeInformation -Encoding UTF8 (Join-Path $dir 'win32-process.csv')

# The owners of listening sockets: from the cmdlets where they exist (Windows 8 / 2012 and
# later), else from the netstat rows (a TCP row whose remote port is 0, a UDP row with `*:*`).
if (Get-Command Get-NetTCPConnection -ErrorAction SilentlyContinue) {
    $ownerSource = 'Get-NetTCPConnection -State Listen; Get-NetUDPEndpoint'
    $owners = @(Get-NetTCPConnection -State Listen -ErrorAction SilentlyContinue | ForEach-Object { $_.OwningProcess }) +
              @(Get-NetUDPEndpoint -ErrorAction SilentlyContinue | ForEach-Object { $_.OwningProcess })
} else {
    $ownerSource = $netstat
    $owners = @(Get-Content (Join-Path $dir 'netstat.txt') | ForEach-Object {
        if ($_ -match '^\s*TCP\s+\S+\s+\S+:0\s+\S*\s*(\d+)\s*$' -or $_ -match '^\s*UDP\s+\S+\s+\*:\*\s+(\d+)\s*$') {
            [int]$Matches[1]
        }
    })
}
$byId = @{}
foreach ($process in $processes) { $byId[[int64]$process.ProcessId] = $process }

# For each owner (not PID 0 or the kernel, PID 4) whose executable path is known: the file's
# SHA-256 and its Authenticode status and signer subject. The path is the one Win32_Process
# gave for that PID; hostcheck refuses the join when another capture names another program.
$signatures = @(foreach ($owner in ($owners | Where-Object { $_ -gt 4 } | Sort-Object -Unique)) {
    $path = $byId[[int64]$owner].ExecutablePath
    if (-not $path) { continue }
    $hash = Get-FileHash -Algorithm SHA256 -LiteralPath $path -ErrorAction SilentlyContinue
    $signature = Get-AuthenticodeSignature -LiteralPath $path -ErrorAction SilentlyContinue
    [pscustomobject][ordered]@{
        ProcessId     = $owner
        Path          = $path
        SHA256        = $(if ($hash) { $hash.Hash } else { $null })
        Status        = $(if ($signature) { $signature.Status.ToString() } else { $null })
        SignerSubject = $(if ($signature -and $signature.SignerCertificate) { $signature.SignerCertificate.Subject } else { $null })
    }
})
$signatureCommand = "Get-FileHash -Algorithm SHA256; Get-AuthenticodeSignature (owners from $ownerSource) | Export-Csv -NoTypeInformation -Encoding UTF8"

# Version 2: `sources` names the command that wrote each file, so hostcheck knows what each
# capture could show (docs/captures.md, "Declared coverage").
$sources = @(
    [ordered]@{ file = 'netstat.txt'; command = $netstat },
    [ordered]@{ file = 'tasklist-svc.csv'; command = 'tasklist /svc /fo csv' },
    [ordered]@{ file = 'tasklist.csv'; command = 'tasklist /fo csv' },
    [ordered]@{ file = 'win32-process.csv'; command = $win32Process }
)
$commands = @($netstat, 'tasklist /svc /fo csv', 'tasklist /fo csv', $win32Process)
# An empty Export-Csv writes an empty file, which is no capture: write the signatures only when
# some owner's executable was found.
if ($signatures.Count -gt 0) {
    $signatures | Export-Csv -NoTypeInformation -Encoding UTF8 (Join-Path $dir 'signatures.csv')
    $sources += [ordered]@{ file = 'signatures.csv'; command = $signatureCommand }
    $commands += $signatureCommand
}
[ordered]@{
    hostcheck_bundle = 2
    host             = $env:COMPUTERNAME
    platform         = 'windows'
    captured_at      = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
    elevated         = $elevated
    display_language = (Get-UICulture).Name
    commands         = $commands
    sources          = $sources
} | ConvertTo-Json -Depth 4 | Set-Content -Encoding utf8 (Join-Path $dir 'host.json')

Write-Output "hostcheck bundle written to $dir"
