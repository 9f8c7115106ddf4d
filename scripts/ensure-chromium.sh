#!/usr/bin/env bash
# The e2e specs drive Debian's Chromium (Playwright cannot download its own browser here).
set -euo pipefail
chromium=${KEEPSAKE_CHROMIUM:-/usr/bin/chromium}
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian's chromium for the e2e tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium is needed at $chromium for the e2e tests: sudo apt-get install chromium" >&2
  exit 1
fi
