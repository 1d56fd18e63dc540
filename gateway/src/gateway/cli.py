"""`python -m gateway migrate|demo|serve|all`: set up and run the platform."""

import argparse
import importlib
import os

import uvicorn

from gateway.config import SERVICES, GatewaySettings
from kit import migrations
from kit.db import Database

PARTS = (*SERVICES, "gateway")


def migrate(url: str, parts: tuple[str, ...] = PARTS) -> None:
    """Bring every part's schema to the latest migration."""
    for part in parts:
        migrations.upgrade(part, url)


def load_demo(url: str, parts: tuple[str, ...] = PARTS) -> None:
    """Load each part's demo data (once; loading again changes nothing)."""
    for part in parts:
        demo = importlib.import_module(f"{part}.demo")
        db = Database(url, part)
        try:
            with db.session() as session:
                loaded = demo.load(session)
            print(f"demo data {part}: {'loaded' if loaded else 'already present'}")
        finally:
            db.dispose()


def serve(host: str, port: int) -> None:
    uvicorn.run("gateway.main:create_app", factory=True, host=host, port=port,
                log_config=None, proxy_headers=False)


def main() -> None:
    parser = argparse.ArgumentParser(prog="onewindow")
    parser.add_argument("command", choices=["migrate", "demo", "serve", "all"])
    parser.add_argument("--parts", default=",".join(PARTS),
                        help="comma-separated parts (distributed mode migrates per part)")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    url = GatewaySettings().database_url
    parts = tuple(p for p in args.parts.split(",") if p)
    if args.command in ("migrate", "all"):
        migrate(url, parts)
    if args.command in ("demo", "all"):
        load_demo(url, parts)
    if args.command in ("serve", "all"):
        serve(args.host, args.port)


if __name__ == "__main__":
    main()
