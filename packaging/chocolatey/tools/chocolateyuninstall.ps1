# Removes WebRTC Desktop Host through Squirrel's Update.exe, the uninstaller its
# installer registered for the current user.
$ErrorActionPreference = 'Stop'

[array]$keys = Get-UninstallRegistryKey -SoftwareName 'WebRTC Desktop Host*'
if ($keys.Count -eq 0) {
  Write-Warning "WebRTC Desktop Host is not installed for this user; nothing to uninstall."
  return
}

foreach ($key in $keys) {
  # UninstallString is: "...\webrtc_desktop_host\Update.exe" --uninstall
  $updateExe = ($key.UninstallString -split '"')[1]
  Uninstall-ChocolateyPackage -PackageName $env:ChocolateyPackageName -FileType 'exe' `
    -File $updateExe -SilentArgs '--uninstall -s' -ValidExitCodes @(0)
}
