"""The HTMX pages, one route module per audience; they share `gateway.page` and the clients
and never import each other."""

from gateway.pages import (
    account,
    applications,
    apply,
    audit,
    catalog_admin,
    editor,
    excel,
    hall,
    history,
    home,
    legal,
    lint_admin,
    metrics,
    operations,
    public,
    review,
    session,
    todo,
    two_factor,
)

ROUTERS = [session.router, two_factor.router, account.router, editor.router, review.router,
           home.router, public.router, apply.router, applications.router, lint_admin.router,
           history.router, metrics.router, catalog_admin.router, excel.router, todo.router,
           legal.router, audit.router, operations.router, hall.router]
