"""Difficult questions (疑难问题): departments raise them while compiling their standards, the
working group answers them (at its weekly meeting or at once), and the answers form a knowledge
base every department searches."""
