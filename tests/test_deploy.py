"""deploy/: each overlay renders, every resource is valid against the Kubernetes API schemas of
one pinned release (offline, kubernetes-validate's bundled schemas), and what an operator
counts on holds: probes, sizes, disruption budgets, autoscalers, the migrate Job, PostgreSQL by
the operator with one schema per part, secrets only by reference, pinned images."""

import importlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
from sqlalchemy.engine import make_url

from gateway.cli import PARTS
from kit.db import Database
from kit.reads import Reader
from tests.kustomize_lite import Resource, Unsupported, render

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
KUBERNETES = "1.35"  # the release whose API schemas the manifests are checked against
OVERLAYS = ["zone", "province"]
SECRET_WORDS = ("SECRET", "PASSWORD", "KEY", "TOKEN")
CLUSTER_SCHEMA = json.loads((ROOT / "tests/data/cnpg-cluster.schema.json").read_text())


@cache
def rendered(overlay: str) -> tuple[Resource, ...]:
    return tuple(render(DEPLOY / "overlays" / overlay))


def of(overlay: str, kind: str) -> dict[str, Resource]:
    return {r["metadata"]["name"]: r for r in rendered(overlay) if r["kind"] == kind}


def container(resource: Resource) -> dict[str, Any]:
    containers = resource["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1, resource["metadata"]["name"]
    return containers[0]


def settings(overlay: str) -> dict[str, str]:
    return of(overlay, "ConfigMap")["onewindow-settings"]["data"]


def environment(overlay: str, resource: Resource) -> dict[str, str]:
    """What a container's process sees as plain values: the ConfigMap, then its own env."""
    values = dict(settings(overlay))
    values.update({e["name"]: e["value"] for e in container(resource).get("env", [])
                   if "value" in e})
    return values


def quantity(text: str | int) -> float:
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    match = re.fullmatch(r"([0-9.]+)(m|Ki|Mi|Gi)?", str(text))
    assert match, text
    return float(match[1]) * units.get(match[2] or "", 1)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_resource_is_valid_against_the_api_schemas(overlay: str) -> None:
    kinds = set()
    for resource in rendered(overlay):
        kinds.add(resource["kind"])
        if resource["kind"] == "Cluster":
            jsonschema.validate(resource, CLUSTER_SCHEMA)
        else:
            kubernetes_validate.validate(resource, KUBERNETES, strict=True)
        assert resource["metadata"]["namespace"] == f"onewindow-{overlay}"
    assert kinds == {"ConfigMap", "Cluster", "Job", "Deployment", "Service",
                     "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress",
                     "NetworkPolicy"}


def test_a_misspelt_field_fails_validation() -> None:
    deployment = json.loads(json.dumps(of("zone", "Deployment")["catalog"]))
    container(deployment)["readinesProbe"] = container(deployment).pop("readinessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES, strict=True)
    cluster = json.loads(json.dumps(of("zone", "Cluster")["onewindow-db"]))
    cluster["spec"]["instance"] = cluster["spec"].pop("instances")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(cluster, CLUSTER_SCHEMA)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_each_part_is_probed_sized_budgeted_autoscaled_and_served(overlay: str) -> None:
    deployments, services = of(overlay, "Deployment"), of(overlay, "Service")
    budgets, scalers = of(overlay, "PodDisruptionBudget"), of(overlay, "HorizontalPodAutoscaler")
    assert set(deployments) == set(PARTS)
    for part, deployment in deployments.items():
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert selector.items() <= pod_labels.items(), part
        box = container(deployment)
        module, factory = box["command"][1].split(":")
        assert box["command"][0] == "uvicorn" and module == f"{part}.main"
        app = getattr(importlib.import_module(module), factory)()
        port = {p["name"]: p["containerPort"] for p in box["ports"]}["http"]
        assert box["command"][-2:] == ["--port", str(port)]
        for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
            assert box[probe]["httpGet"] == {"path": path, "port": "http"}, (part, probe)
            assert app.url_path_for(path.strip("/")) == path, (part, path)  # kit/app.py
        requests, limits = box["resources"]["requests"], box["resources"]["limits"]
        assert {"cpu", "memory"} <= requests.keys(), part
        assert quantity(limits["memory"]) >= quantity(requests["memory"]) >= 128 * 2**20
        assert budgets[part]["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
        scaler = scalers[part]
        assert scaler["apiVersion"] == "autoscaling/v2"
        assert scaler["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1",
                                                   "kind": "Deployment", "name": part}
        assert scaler["spec"]["minReplicas"] == deployment["spec"]["replicas"]
        assert scaler["spec"]["maxReplicas"] > scaler["spec"]["minReplicas"]
        assert services[part]["spec"]["selector"].items() <= pod_labels.items()
        assert services[part]["spec"]["ports"][0]["targetPort"] == "http"


def test_a_province_runs_more_and_larger_pods_than_a_zone() -> None:
    for part in PARTS:
        zone, province = of("zone", "Deployment")[part], of("province", "Deployment")[part]
        assert province["spec"]["replicas"] >= 2, part
        assert province["spec"]["replicas"] > zone["spec"]["replicas"], part
        for kind in ("requests", "limits"):
            for name, amount in container(zone)["resources"][kind].items():
                assert quantity(container(province)["resources"][kind][name]) >= \
                    quantity(amount), (part, kind, name)
        assert of("province", "HorizontalPodAutoscaler")[part]["spec"]["maxReplicas"] > \
            of("zone", "HorizontalPodAutoscaler")[part]["spec"]["maxReplicas"], part
    zone_db, province_db = of("zone", "Cluster")["onewindow-db"], \
        of("province", "Cluster")["onewindow-db"]
    assert province_db["spec"]["instances"] >= 3 > zone_db["spec"]["instances"] >= 2


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_no_secret_is_written_in_the_manifests(overlay: str) -> None:
    assert "Secret" not in {r["kind"] for r in rendered(overlay)}
    assert not [key for key in settings(overlay) if any(w in key for w in SECRET_WORDS)]
    for resource in [*of(overlay, "Deployment").values(), *of(overlay, "Job").values()]:
        for variable in container(resource).get("env", []):
            if any(word in variable["name"] for word in SECRET_WORDS):
                assert "value" not in variable, variable["name"]
                assert "secretKeyRef" in variable["valueFrom"], variable["name"]
        for url in (v for k, v in environment(overlay, resource).items() if "URL" in k):
            assert make_url(url).password is None if "://" in url else True, url
    text = json.dumps(rendered(overlay))
    assert "onewindow-development-secret" not in text and "onewindow-demo" not in text


def secret_references(overlay: str) -> set[tuple[str, str]]:
    """Every (Secret, key) the manifests read; a key of '' for a whole Secret."""
    found: set[tuple[str, str]] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "secretKeyRef" in node:
                found.add((node["secretKeyRef"]["name"], node["secretKeyRef"]["key"]))
            for key in ("passwordSecret", "secret"):
                if isinstance(node.get(key), dict):
                    found.add((node[key]["name"], ""))
            if "secretName" in node:
                found.add((node["secretName"], ""))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(list(rendered(overlay)))
    return found


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_secret_the_manifests_read_is_documented(overlay: str) -> None:
    guide = (DEPLOY / "README.md").read_text(encoding="utf-8")
    for name, key in secret_references(overlay):
        assert f"`{name}`" in guide, name
        assert not key or f"`{key}`" in guide, (name, key)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_migrate_job_runs_as_owner_and_grants_the_runtime_role(overlay: str) -> None:
    job = of(overlay, "Job")["onewindow-migrate"]
    cluster = of(overlay, "Cluster")["onewindow-db"]["spec"]
    box = container(job)
    assert box["command"] == ["python", "-m", "gateway", "migrate"]
    env = environment(overlay, job)
    owner = cluster["bootstrap"]["initdb"]["owner"]
    runtime = env["ONEWINDOW_RUNTIME_ROLE"]
    assert make_url(env["ONEWINDOW_DATABASE_URL"]).username == owner
    assert runtime in {role["name"] for role in cluster["managed"]["roles"]}
    for part in of(overlay, "Deployment").values():
        url = make_url(environment(overlay, part)["ONEWINDOW_DATABASE_URL"])
        assert url.username == runtime
        assert url.host == f"{cluster_name(overlay)}-rw"
        assert url.database == cluster["bootstrap"]["initdb"]["database"]


def cluster_name(overlay: str) -> str:
    return next(iter(of(overlay, "Cluster")))


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_postgresql_has_one_schema_per_part_and_room_for_every_connection(overlay: str) -> None:
    cluster = of(overlay, "Cluster")["onewindow-db"]["spec"]
    made = [re.fullmatch(r"CREATE SCHEMA IF NOT EXISTS (\w+) AUTHORIZATION (\w+)", sql)
            for sql in cluster["bootstrap"]["initdb"]["postInitApplicationSQL"]]
    assert all(made) and {m[1] for m in made if m} == set(PARTS)
    assert {m[2] for m in made if m} == {cluster["bootstrap"]["initdb"]["owner"]}
    schemas = {importlib.import_module(f"{part}.db").SCHEMA for part in PARTS}
    assert schemas == set(PARTS)  # each part's tables live in the schema of its name
    url = "postgresql+psycopg://app@db/onewindow"
    pools = (Database(url, "catalog").writer.pool, Reader(url, "catalog").engine.pool)
    per_process = sum(p.size() + p._max_overflow for p in pools)  # type: ignore[attr-defined]
    processes = sum(s["spec"]["maxReplicas"]
                    for s in of(overlay, "HorizontalPodAutoscaler").values())
    reserve = 10  # the operator's own, psql by hand, a backup
    needed = (processes + len(of(overlay, "Job"))) * per_process + reserve
    assert int(cluster["postgresql"]["parameters"]["max_connections"]) >= needed


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_images_are_pinned_by_tag(overlay: str) -> None:
    images = [container(r)["image"] for r in rendered(overlay) if r["kind"] in
              ("Deployment", "Job")] + [of(overlay, "Cluster")["onewindow-db"]["spec"]["imageName"]]
    for image in images:
        name, _, tag = image.rpartition(":")
        assert name and "/" not in tag and tag not in ("", "latest"), image
    assert len({i for i in images if "onewindow:" in i or "/onewindow:" in i}) == 1


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_gateway_is_behind_the_ingress_and_reaches_every_service(overlay: str) -> None:
    ingress = of(overlay, "Ingress")["onewindow"]["spec"]
    (rule,) = ingress["rules"]
    assert rule["http"]["paths"][0]["backend"]["service"] == {"name": "gateway",
                                                              "port": {"name": "http"}}
    assert rule["host"] in ingress["tls"][0]["hosts"]
    gateway = environment(overlay, of(overlay, "Deployment")["gateway"])
    assert gateway["ONEWINDOW_MODE"] == "distributed"
    assert gateway["ONEWINDOW_PUBLIC_ORIGIN"] == f"https://{rule['host']}"
    services = of(overlay, "Service")
    for part in ("catalog", "intake", "review", "publish"):
        url = make_url(gateway[f"ONEWINDOW_{part.upper()}_URL"].replace("http", "h", 1))
        assert (url.host, url.port) == (part, services[part]["spec"]["ports"][0]["port"])


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_intake_keeps_the_materials_on_s3_compatible_storage(overlay: str) -> None:
    env = environment(overlay, of(overlay, "Deployment")["intake"])
    names = {e["name"] for e in container(of(overlay, "Deployment")["intake"])["env"]}
    assert {"INTAKE_S3_ACCESS_KEY_ID", "INTAKE_S3_SECRET_ACCESS_KEY"} <= names
    intake = importlib.import_module("intake.config").IntakeSettings(
        file_store=env["INTAKE_FILE_STORE"], database_url="sqlite:///x")
    assert intake.object_store()


def test_the_renderer_refuses_what_it_does_not_implement(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources: [../base]\nnamePrefix: x-\n")
    with pytest.raises(Unsupported):
        render(tmp_path)
    (tmp_path / "kustomization.yaml").write_text(
        f"resources: [{DEPLOY / 'base'}]\npatches: [{{path: p.yaml}}]\n")
    (tmp_path / "p.yaml").write_text("apiVersion: v1\nkind: Service\nmetadata: {name: nobody}\n")
    with pytest.raises(Unsupported):
        render(tmp_path)
