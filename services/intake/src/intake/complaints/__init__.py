"""监督投诉: complaints filed by anyone, handled by the supervisors; departments' timeliness."""
