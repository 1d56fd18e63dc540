"""compose.yaml describes the distributed mode and is valid against the Compose Specification."""

import importlib
import json
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[1]
PARTS = ["catalog", "intake", "review", "publish", "gateway"]


def compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_file_is_valid_against_the_specification() -> None:
    schema = json.loads((ROOT / "tests" / "data" / "compose-spec.json").read_text())
    jsonschema.validate(compose(), schema)


def test_every_part_runs_after_the_migrate_step_and_its_app_factory_exists() -> None:
    services = compose()["services"]
    assert {"postgres", "migrate", *PARTS} <= services.keys()
    for part in PARTS:
        service = services[part]
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        target = service["command"][1]
        module, factory = target.split(":")
        assert callable(getattr(importlib.import_module(module), factory)), target
    assert services["gateway"]["environment"]["ONEWINDOW_MODE"] == "distributed"


def test_the_parts_run_as_the_runtime_role_the_migrate_step_grants() -> None:
    services = compose()["services"]
    migrate = services["migrate"]["environment"]
    runtime = migrate["ONEWINDOW_RUNTIME_ROLE"]
    assert f"//{runtime}:" not in migrate["ONEWINDOW_DATABASE_URL"]
    for part in PARTS:
        assert f"//{runtime}:" in services[part]["environment"]["ONEWINDOW_DATABASE_URL"], part


def test_intake_keeps_its_files_on_the_s3_compatible_service() -> None:
    services = compose()["services"]
    intake = services["intake"]
    assert intake["environment"]["INTAKE_FILE_STORE"].startswith("s3://")
    assert intake["environment"]["INTAKE_S3_ENDPOINT_URL"] == "http://minio:9000"
    assert intake["depends_on"]["minio"]["condition"] == "service_healthy"
    assert "healthcheck" in services["minio"]
    settings = importlib.import_module("intake.config").IntakeSettings(
        file_store=intake["environment"]["INTAKE_FILE_STORE"], database_url="sqlite:///x")
    assert settings.object_store()


def test_every_part_runs_as_replicas_behind_one_published_balancer() -> None:
    services = compose()["services"]
    for part in PARTS:
        assert services[part]["deploy"]["replicas"] >= 2, part
        assert "ports" not in services[part], part  # only the balancer is reachable from outside
    balancer = services["balancer"]
    assert [v.split(":")[0] for v in balancer["volumes"]] == ["./deploy/compose/nginx.conf"]
    assert (ROOT / "deploy" / "compose" / "nginx.conf").read_text().count("server gateway:8000")
    assert services["gateway"]["environment"]["ONEWINDOW_REDIS_URL"] == "redis://redis:6379/0"
