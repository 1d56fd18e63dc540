"""The HTMX pages, one module per audience."""

from gateway.pages import session

ROUTERS = [session.router]

# Department editors and review groups.
from gateway.pages import editor, review  # noqa: E402

ROUTERS += [editor.router, review.router]

# public, applicant, clerk and approver pages
from gateway.pages import applications, home, public  # noqa: E402

ROUTERS += [home.router, public.router, applications.router]

# The standard linter's phrase lists (administrators).
from gateway.pages import lint_admin  # noqa: E402

ROUTERS += [lint_admin.router]

# Version history and diffs (editors, review groups); reform metrics (supervisors and staff).
from gateway.pages import history, metrics  # noqa: E402

ROUTERS += [history.router, metrics.router]

# provincial catalog: pilots and the rollout (administrators), the basic catalog (editors)
from gateway.pages import catalog_admin  # noqa: E402

ROUTERS += [catalog_admin.router]

# Compile by Excel and the department's to-do list (editors); the legal basis registry (staff).
from gateway.pages import excel, legal, todo  # noqa: E402

ROUTERS += [excel.router, todo.router, legal.router]
