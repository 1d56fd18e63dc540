"""Versions of a matter standard: publishing on an effective date, cancelling, diffs and the
reform metrics computed from them (issue 3, sections 2 and 4)."""
