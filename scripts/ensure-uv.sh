#!/usr/bin/env sh
# Print the path of uv, installing it with pip first when it is missing.
set -e
if command -v uv >/dev/null 2>&1; then command -v uv; exit 0; fi
for candidate in "$HOME/.local/bin/uv"; do
  [ -x "$candidate" ] && { echo "$candidate"; exit 0; }
done
python3 -m pip install --quiet uv >&2 2>/dev/null || python3 -m pip install --quiet --user uv >&2
command -v uv 2>/dev/null || echo "$HOME/.local/bin/uv"
