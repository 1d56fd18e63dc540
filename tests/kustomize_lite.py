"""The part of kustomize that deploy/ uses, to render an overlay where no kustomize binary is:
`resources` (files, and folders holding a kustomization.yaml), `patches` (strategic merge
patches, one resource per file, aimed by the patch's own kind and name), then `namespace`,
`labels` (on each resource's metadata only) and `images`, in kustomize's order. Any other
field, option or patch directive is refused, so the manifests never lean on something this
renderer would quietly do differently from `kubectl apply -k`."""

from pathlib import Path
from typing import Any

import yaml

Resource = dict[str, Any]
FIELDS = {"apiVersion", "kind", "resources", "patches", "namespace", "labels", "images"}
CLUSTER_SCOPED = {"Namespace", "IngressClass", "ClusterRole", "ClusterRoleBinding",
                  "CustomResourceDefinition", "PersistentVolume", "StorageClass"}
# Lists that a strategic merge patch merges item by item on their `name` (the patchMergeKey
# of these fields in the Kubernetes API); every other list is replaced, as kustomize does for
# a custom resource it has no schema of.
MERGED_BY_NAME = {"containers", "initContainers", "env", "volumes"}
BUILT_IN = ("v1", "apps/", "batch/", "policy/", "autoscaling/", "networking.k8s.io/")


class Unsupported(ValueError):
    """The kustomization asks for something this renderer does not do."""


def documents(path: Path) -> list[Resource]:
    """Every non-empty YAML document of a file."""
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def render(folder: Path) -> list[Resource]:
    """The resources `kubectl apply -k folder` would send, for the subset above."""
    kustomization = documents(folder / "kustomization.yaml")[0]
    if unknown := set(kustomization) - FIELDS:
        raise Unsupported(f"{folder}: {sorted(unknown)}")
    resources: list[Resource] = []
    for entry in kustomization.get("resources", []):
        path = folder / entry
        resources += render(path) if path.is_dir() else documents(path)
    ids = [(r["kind"], r["metadata"]["name"]) for r in resources]
    if len(ids) != len(set(ids)):
        raise Unsupported(f"{folder}: a kind and name twice in {ids}")
    for patch in kustomization.get("patches", []):
        apply_patch(folder, patch, resources)
    for resource in resources:
        if "namespace" in kustomization and resource["kind"] not in CLUSTER_SCOPED:
            resource["metadata"]["namespace"] = kustomization["namespace"]
        for entry in kustomization.get("labels", []):
            if set(entry) != {"pairs"}:
                raise Unsupported(f"{folder}: labels take only `pairs` here: {entry}")
            resource["metadata"].setdefault("labels", {}).update(entry["pairs"])
        for image in kustomization.get("images", []):
            set_image(resource, image)
    return resources


def apply_patch(folder: Path, patch: dict[str, Any], resources: list[Resource]) -> None:
    """A strategic merge patch from a file, on the resource of its kind and name."""
    if set(patch) != {"path"}:
        raise Unsupported(f"{folder}: a patch is a `path` alone here: {patch}")
    docs = documents(folder / patch["path"])
    if len(docs) != 1:
        raise Unsupported(f"{patch['path']}: one resource per patch file")
    change = docs[0]
    targets = [r for r in resources if (r["kind"], r["metadata"]["name"])
               == (change["kind"], change["metadata"]["name"])]
    if not targets:
        raise Unsupported(f"{patch['path']}: no {change['kind']} {change['metadata']['name']}")
    built_in = change["apiVersion"].startswith(BUILT_IN)
    merged = merge(targets[0], change, built_in=built_in)
    targets[0].clear()
    targets[0].update(merged)


def merge(base: Any, change: Any, *, built_in: bool, field: str = "") -> Any:
    """`change` merged into `base`: maps key by key, lists of MERGED_BY_NAME item by item
    on `name` (built-in kinds only), anything else replaced."""
    if isinstance(change, dict) and isinstance(base, dict):
        if directives := [k for k in change if str(k).startswith("$")]:
            raise Unsupported(f"patch directives {directives}")
        merged = dict(base)
        for key, value in change.items():
            merged[key] = (merge(base[key], value, built_in=built_in, field=key)
                           if key in base else value)
        return merged
    if isinstance(change, list) and isinstance(base, list) and built_in \
            and field in MERGED_BY_NAME:
        merged_items = list(base)
        for item in change:
            index = next((i for i, old in enumerate(merged_items)
                          if old["name"] == item["name"]), None)
            if index is None:
                merged_items.append(item)
            else:
                merged_items[index] = merge(merged_items[index], item, built_in=built_in)
        return merged_items
    return change


def set_image(resource: Resource, image: dict[str, str]) -> None:
    """kustomize's `images`: a new name or tag for every container running `image['name']`."""
    if unknown := set(image) - {"name", "newName", "newTag"}:
        raise Unsupported(f"images take name, newName, newTag here: {sorted(unknown)}")
    pod = resource.get("spec", {}).get("template", {}).get("spec", {})
    for container in pod.get("containers", []) + pod.get("initContainers", []):
        name, _, tag = container["image"].partition(":")
        if name == image["name"]:
            tag = image.get("newTag", tag)
            container["image"] = f"{image.get('newName', name)}:{tag}" if tag else \
                image.get("newName", name)
