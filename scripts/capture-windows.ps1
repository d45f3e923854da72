<#
.SYNOPSIS
  Writes a hostcheck capture bundle of this Windows host: a directory named after the host with
  numeric netstat output with owners, CSV tasklists (with services), all in UTF-8, and host.json.

.DESCRIPTION
  Run in an elevated PowerShell (5.1 or 7) for the most owner information (netstat -b needs
  elevation); it works unelevated too and records which it was. Copy the directory to where
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

# Version 2: `sources` names the command that wrote each file, so hostcheck knows what each
# capture could show (docs/captures.md, "Declared coverage").
$sources = @(
    [ordered]@{ file = 'netstat.txt'; command = $netstat },
    [ordered]@{ file = 'tasklist-svc.csv'; command = 'tasklist /svc /fo csv' },
    [ordered]@{ file = 'tasklist.csv'; command = 'tasklist /fo csv' }
)
[ordered]@{
    hostcheck_bundle = 2
    host             = $env:COMPUTERNAME
    platform         = 'windows'
    captured_at      = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
    elevated         = $elevated
    display_language = (Get-UICulture).Name
    commands         = @($netstat, 'tasklist /svc /fo csv', 'tasklist /fo csv')
    sources          = $sources
} | ConvertTo-Json -Depth 4 | Set-Content -Encoding utf8 (Join-Path $dir 'host.json')

Write-Output "hostcheck bundle written to $dir"
