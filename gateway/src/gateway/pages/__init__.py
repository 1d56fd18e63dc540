"""The HTMX pages, one module per audience."""

from gateway.pages import session

ROUTERS = [session.router]
