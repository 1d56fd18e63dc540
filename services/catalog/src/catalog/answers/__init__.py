"""Answers to the review's feedback, point by point (below `matters`: submission checks them)."""

from catalog.answers.service import refuse_unanswered, submitted_answers

__all__ = ["refuse_unanswered", "submitted_answers"]
