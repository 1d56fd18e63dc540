"""The gateway's own metrics, beside those every part has (kit.metrics): sign-in failures."""

from prometheus_client import Counter

from kit.metrics import REGISTRY

# Incremented wherever a sign-in is refused (wrong username or password, a locked account…).
SIGN_IN_FAILURES = Counter("onewindow_sign_in_failures",
                           "Sign-ins refused at the gateway (pages and API).",
                           registry=REGISTRY)
