#!/usr/bin/env sh
# Install what WeasyPrint needs to render the case documents (pango) and a CJK font they name
# by family ("WenQuanYi Micro Hei"), when they are missing (needs root and apt-get; elsewhere
# it says what to install). Idempotent: nothing happens when both are there.
set -e
has_pango() { ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so.0"; }
has_font() { fc-list 2>/dev/null | grep -qi -e "wenquanyi" -e "noto sans cjk"; }
if has_pango && has_font; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "documents need pango and a CJK font: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-wqy-microhei" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
has_pango || apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
has_font || apt-get install -y -qq --no-install-recommends fonts-wqy-microhei fontconfig >/dev/null
