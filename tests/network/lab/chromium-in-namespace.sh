#!/bin/sh
# Playwright's executablePath for a browser inside a lab namespace: Playwright drives it
# over pipes, which cross namespaces. NETLAB_NAMESPACE names it; CHROMIUM_PATH the binary.
exec ip netns exec "$NETLAB_NAMESPACE" "${CHROMIUM_PATH:-/usr/bin/chromium}" "$@"
