# Homebrew cask for WebRTC Desktop Host. This file is a template: `npm run
# release:manifests` fills {{version}}, {{sha256_arm}} and {{sha256_intel}} from the
# published release files and the release workflow pushes the result to the tap.
cask "webrtc-desktop-host" do
  arch arm: "arm64", intel: "x64"

  version "{{version}}"
  sha256 arm:   "{{sha256_arm}}",
         intel: "{{sha256_intel}}"

  url "https://github.com/{{repo}}/releases/download/v#{version}/webrtc-desktop-host-darwin-#{arch}-#{version}.zip"
  name "WebRTC Desktop Host"
  desc "Share your screen peer to peer; viewers join from a link in any browser"
  homepage "https://github.com/{{repo}}"

  livecheck do
    url :url
    strategy :github_latest
  end

  # The app updates itself from GitHub releases (update.electronjs.org).
  auto_updates true
  depends_on macos: ">= :monterey"

  app "WebRTC Desktop Host.app"

  zap trash: [
    "~/Library/Application Support/WebRTC Desktop Host",
    "~/Library/Caches/io.github.webrtc-desktop-host",
    "~/Library/Caches/io.github.webrtc-desktop-host.ShipIt",
    "~/Library/HTTPStorages/io.github.webrtc-desktop-host",
    "~/Library/Logs/WebRTC Desktop Host",
    "~/Library/Preferences/io.github.webrtc-desktop-host.plist",
    "~/Library/Saved Application State/io.github.webrtc-desktop-host.savedState",
  ]
end
