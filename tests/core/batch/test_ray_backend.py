"""Ray: a worker node lost in the middle of a batch costs retries, never an input, a partial file or a double write."""

import shutil

import pytest

from core.batch import runner
from core.workflow.options import AnalysisOptions
from core.batch.runner import Listener, Target, run_batch
from core.recording.recorder import partial_path
from tests.conftest import ROOT

ray = pytest.importorskip("ray")


@pytest.fixture()
def cluster():
    """A head and one worker node (1 CPU each) in this process tree, as Ray's own tests make them; always shut down."""
    from ray.cluster_utils import Cluster

    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    worker = c.add_node(num_cpus=1)
    try:
        ray.init(address=c.address, job_config=ray.job_config.JobConfig(code_search_path=[str(ROOT)]),
                 log_to_driver=False, logging_level="error")
        yield c, worker
    finally:
        ray.shutdown()
        c.shutdown()


def test_removing_a_node_mid_batch_loses_nothing(tmp_path, synthetic_video, tiny_weights, cluster, monkeypatch):
    from core.batch.ray_backend import RayPool

    c, worker_node = cluster
    inputs = [shutil.copy(synthetic_video, tmp_path / f"{n}.avi") for n in "abcd"]
    out = tmp_path / "out"
    targets = [Target(p, out / f"{p.stem}.emotions.csv") for p in inputs]
    writes: list = []
    write = runner.write_timeline
    monkeypatch.setattr(runner, "write_timeline", lambda path, body: (writes.append(path), write(path, body)))

    class RemoveWorkerNode(Listener):
        """Takes the worker node away once both actors hold a job."""

        jobs_started = 0

        def started(self, name, event):
            self.jobs_started += 1
            if self.jobs_started == 2:
                c.remove_node(worker_node)

    options = AnalysisOptions(device="cpu", weights=str(tiny_weights))
    with RayPool(options, actors=2) as pool:
        report = run_batch(targets, pool, options, {"emotion_cnn": "x"}, summary_path=out / "summary.csv",
                           listener=RemoveWorkerNode())
    assert sorted((r.input, r.status, r.frames) for r in report.rows) == [(str(p), "ok", 30) for p in inputs]
    assert sum(r.retried for r in report.rows) >= 1  # the job on the lost node went to the head's actor
    assert sorted(writes) == sorted(t.out for t in targets)  # each timeline written exactly once
    assert all(t.out.is_file() and not partial_path(t.out).exists() for t in targets)
    assert (out / "summary.csv").read_text().count(",ok,") == 4
