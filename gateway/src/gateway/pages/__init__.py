"""The HTMX pages, one route module per audience; they share `gateway.page` and the clients
and never import each other."""

from gateway.pages import (
    account,
    applications,
    apply,
    approver,
    audit,
    butler,
    catalog_admin,
    complaints,
    editor,
    excel,
    feedback,
    following,
    hall,
    history,
    holidays,
    home,
    legal,
    lint_admin,
    metrics,
    operations,
    preliminary,
    public,
    questions,
    review,
    session,
    todo,
    two_factor,
)

ROUTERS = [session.router, two_factor.router, account.router, editor.router, review.router,
           home.router, public.router, apply.router, applications.router, butler.router,
           lint_admin.router, history.router, metrics.router, catalog_admin.router, excel.router,
           todo.router, legal.router, audit.router, operations.router, following.router,
           complaints.router, feedback.router, holidays.router, approver.router, hall.router,
           preliminary.router, questions.router]
