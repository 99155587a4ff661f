"""core sets OMP_WAIT_POLICY=PASSIVE before torch loads, from every entry point that loads torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Records the policy in force when `torch` is first looked for, then imports the modules named in argv.
PROBE = """
import importlib, json, os, sys
seen = {}
class Probe:
    def find_spec(self, name, path=None, target=None):
        if name == "torch" and "torch" not in seen:
            seen["torch"] = os.environ.get("OMP_WAIT_POLICY")
        return None
sys.meta_path.insert(0, Probe())
for module in sys.argv[1:]:
    importlib.import_module(module)
print(json.dumps({"torch_loaded": "torch" in sys.modules, "policy_at_torch": seen.get("torch"),
                  "policy": os.environ.get("OMP_WAIT_POLICY")}))
"""


def _probe(*modules: str, env_extra: dict[str, str] | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    env.update(env_extra or {})
    out = subprocess.run([sys.executable, "-c", PROBE, *modules], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=240, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_core_sets_the_passive_wait_policy():
    got = _probe("core")
    assert got["policy"] == "PASSIVE"
    assert not got["torch_loaded"]


def test_a_users_own_policy_wins():
    assert _probe("core", env_extra={"OMP_WAIT_POLICY": "ACTIVE"})["policy"] == "ACTIVE"


@pytest.mark.parametrize("modules", [
    ("cli.entry", "cli.analyze", "cli.self_test"),  # main.py's commands
    ("gui.app",),  # the window
    ("core.batch.local_pool",),  # batch workers (spawned: they import this first)
    ("core.text.helper_process",),
    ("benchmarks.bench_gallery",),
    ("benchmarks.bench_pipeline",),
    ("benchmarks.bench_classifier",),
    ("benchmarks.bench_text",),
], ids=lambda m: m[0])
def test_torch_loads_only_after_the_policy_is_set(modules):
    got = _probe(*modules, "core.vision.classifier")  # the classifier brings torch in if nothing did before
    assert got["torch_loaded"]
    assert got["policy_at_torch"] == "PASSIVE"
