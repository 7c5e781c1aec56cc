#!/usr/bin/env bash
# The browser tests drive Debian's Chromium with Playwright (no browser download).
# Install it when missing and we are root; otherwise say how (the tests then skip, saying why).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing Debian's chromium" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
else
  echo "ensure-chromium: /usr/bin/chromium is missing; install Debian's 'chromium' package to run the browser tests" >&2
fi
