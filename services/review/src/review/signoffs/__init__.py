"""Joint sign-off of applications (并联审批): each co-handling department answers in review."""
