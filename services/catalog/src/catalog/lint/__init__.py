"""The standard linter: rules with stable codes over a matter standard, phrases kept as data."""

from catalog.lint.engine import Finding, findings_for, lint_standard, lintable, refuse_errors
from catalog.lint.phrases import PhraseBook, load_phrases
from catalog.lint.rules import RULES

__all__ = ["RULES", "Finding", "PhraseBook", "findings_for", "lint_standard", "lintable",
           "load_phrases", "refuse_errors"]
