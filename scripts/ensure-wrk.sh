#!/usr/bin/env sh
# Install Debian's wrk (the HTTP load generator of `make bench`) when it is missing (needs root
# and apt-get; elsewhere it says what to install and fails). Waits for a dpkg lock another
# apt-get holds, a few times, before giving up.
set -e
if command -v wrk >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "make bench needs wrk: apt-get install wrk (or brew install wrk)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
for try in 1 2 3 4 5 6 7 8 9 10; do
  if apt-get install -y -qq wrk >/dev/null 2>&1; then exit 0; fi
  apt-get update -qq >/dev/null 2>&1 || true  # a stale package list, or the lock: retry
  echo "apt-get install wrk failed (try $try; the dpkg lock may be held): waiting" >&2
  sleep 15
done
echo "could not install wrk with apt-get" >&2
exit 1
