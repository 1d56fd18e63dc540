import os
import sys

# glibc gives each thread its own malloc arena (up to eight a core); two keep the embedded
# platform ~90 MB smaller (kit.heap). glibc reads the setting once, at the start of the
# process: set it and start again, before anything is imported.
if "MALLOC_ARENA_MAX" not in os.environ:
    os.environ["MALLOC_ARENA_MAX"] = "2"
    os.execv(sys.executable, [sys.executable, "-m", "gateway", *sys.argv[1:]])

from gateway.cli import main  # noqa: E402  (after the restart above)

main()
