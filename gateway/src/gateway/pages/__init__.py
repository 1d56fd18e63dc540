"""The HTMX pages, one module per audience."""

from gateway.pages import session

ROUTERS = [session.router]

# public, applicant, clerk and approver pages
from gateway.pages import applications, home, public  # noqa: E402

ROUTERS += [home.router, public.router, applications.router]
