"""The Kubernetes deployment's files (deploy/, docs/kubernetes.md) kept consistent with the project: no
cluster renders them here, so what can drift is checked instead: the Dagster release, the code location's
module, the instance settings of one machine, and the variables the code reads."""
from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import REPO_ROOT

VALUES = REPO_ROOT / "deploy" / "helm" / "values.yaml"
DOCKERFILE = REPO_ROOT / "deploy" / "Dockerfile"


def _pyproject() -> dict:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins(requirements: list[str]) -> dict[str, str]:
    return dict(re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^]]*\])?==([0-9.]+)", entry).groups()
                for entry in requirements if "==" in entry)


def test_the_chart_release_and_the_k8s_extra_are_the_pinned_dagster_family() -> None:
    project = _pyproject()["project"]
    pins = _pins(project["dependencies"])
    k8s = _pins(project["optional-dependencies"]["k8s"])
    assert k8s["dagster-k8s"] == pins["dagster-postgres"] == pins["dagster-celery"]
    release = pins["dagster"]
    text = VALUES.read_text(encoding="utf-8")
    named = set(re.findall(r"--version ([0-9.]+)", text)) | set(re.findall(r"release ([0-9.]+)", text))
    assert named == {release}, f"the values file names Dagster {named}, pyproject.toml pins {release}"
    assert release in (REPO_ROOT / "docs" / "kubernetes.md").read_text(encoding="utf-8")


def test_the_code_location_is_the_module_dagster_loads_here() -> None:
    values = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    [deployment] = values["dagster-user-deployments"]["deployments"]
    arguments = deployment["dagsterApiGrpcArgs"]
    module = arguments[arguments.index("--module-name") + 1]
    assert module == _pyproject()["tool"]["dagster"]["module_name"]
    workspace = yaml.safe_load((REPO_ROOT / "workspace.yaml").read_text(encoding="utf-8"))
    assert module in [entry["python_module"]["module_name"] for entry in workspace["load_from"]]
    # the image installs the extra that brings the run launcher
    assert "'.[k8s]'" in DOCKERFILE.read_text(encoding="utf-8")
    assert values["runLauncher"]["type"] == "K8sRunLauncher"


def test_the_instance_settings_are_those_of_one_machine() -> None:
    values = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    local = yaml.safe_load((REPO_ROOT / ".dagster" / "dagster.yaml").read_text(encoding="utf-8"))
    coordinator = values["dagsterDaemon"]["runCoordinator"]
    assert coordinator["enabled"] and coordinator["type"] == "QueuedRunCoordinator"
    assert coordinator["config"]["queuedRunCoordinator"]["maxConcurrentRuns"] == local["concurrency"]["runs"][
        "max_concurrent_runs"]
    monitoring = values["dagsterDaemon"]["runMonitoring"]
    for chart_key, local_key in (("startTimeoutSeconds", "start_timeout_seconds"),
                                 ("maxRuntimeSeconds", "max_runtime_seconds"),
                                 ("pollIntervalSeconds", "poll_interval_seconds")):
        assert monitoring[chart_key] == local["run_monitoring"][local_key], chart_key
    assert values["telemetry"]["enabled"] is local["telemetry"]["enabled"] is False


def test_every_variable_the_deployment_sets_is_one_the_code_reads() -> None:
    values = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    [deployment] = values["dagster-user-deployments"]["deployments"]
    names = {entry["name"] for entry in deployment["env"]}
    assert names, "the deployment names the data folder"
    code = "\n".join(path.read_text(encoding="utf-8") for folder in ("dateline", "pipelines", "assets")
                     for path in (REPO_ROOT / folder).rglob("*.py"))
    for name in names:
        assert f'"{name}"' in code, f"{name} is set by the deployment but read nowhere in the code"
