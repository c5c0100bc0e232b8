# Installs WebRTC Desktop Host with its Squirrel installer, silently, for the current
# user. A template: `npm run release:manifests` fills {{url64}} and {{checksum64}}
# with the published Setup.exe and its SHA-256.
$ErrorActionPreference = 'Stop'

$packageArgs = @{
  packageName    = $env:ChocolateyPackageName
  fileType       = 'exe'
  url64bit       = '{{url64}}'
  checksum64     = '{{checksum64}}'
  checksumType64 = 'sha256'
  softwareName   = 'WebRTC Desktop Host*'
  # Squirrel installs without questions when silent and exits 0.
  silentArgs     = '--silent'
  validExitCodes = @(0)
}

Install-ChocolateyPackage @packageArgs
