"""Electronic supervision of running applications: colours, warnings, their resolution, and
the closed cases' handling times sent to publish."""
