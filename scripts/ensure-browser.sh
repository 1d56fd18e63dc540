#!/usr/bin/env sh
# Install Debian's Chromium and a CJK font for the browser tests when they are missing
# (needs root and apt-get; elsewhere the browser tests say what to install).
set -e
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "wenquanyi"; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "browser tests need Debian's chromium and fonts-wqy-microhei (apt-get install)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null
