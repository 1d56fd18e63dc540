"""Briefings (简报): drafted from the period's figures, approved by a leader, published as 第N期."""
