/** trainer/environment.py: standard library only, so `--help` works without any ML framework. */
export const ENVIRONMENT_PY = String.raw`"""What Vertex AI tells a training replica through environment variables.

Outside Vertex AI (a local run) the same code writes under ./outputs instead.
"""

import json
import os


def gcs_to_local(path):
    """Vertex AI mounts Cloud Storage at /gcs (Cloud Storage FUSE): gs://b/p is the file /gcs/b/p."""
    if path and path.startswith("gs://"):
        return "/gcs/" + path[len("gs://"):]
    return path


class Environment:
    """Output folders and the replica's place in the cluster."""

    def __init__(self, environ=None, local_output="outputs"):
        env = os.environ if environ is None else environ
        # Set when the job has a baseOutputDirectory.
        self.model_dir = gcs_to_local(env.get("AIP_MODEL_DIR") or os.path.join(local_output, "model"))
        self.checkpoint_dir = gcs_to_local(
            env.get("AIP_CHECKPOINT_DIR") or os.path.join(local_output, "checkpoints"))
        self.tensorboard_dir = gcs_to_local(
            env.get("AIP_TENSORBOARD_LOG_DIR") or os.path.join(local_output, "logs"))
        # CLUSTER_SPEC: {"cluster": {"workerpool0": ["host:port"], ...}, "task": {"type", "index", "trial"}}
        spec = json.loads(env.get("CLUSTER_SPEC") or "{}")
        self.cluster = spec.get("cluster", {})
        task = spec.get("task", {})
        self.task_type = task.get("type", "workerpool0")
        self.task_index = int(task.get("index", 0))
        self.trial_id = task.get("trial") or env.get("CLOUD_ML_TRIAL_ID")

    @property
    def is_primary(self):
        return self.task_type == "workerpool0"

    @property
    def training_replicas(self):
        """Primary (pool 0) and workers (pool 1): the replicas that train."""
        return list(self.cluster.get("workerpool0", [])) + list(self.cluster.get("workerpool1", []))

    @property
    def world_size(self):
        return max(1, len(self.training_replicas))

    @property
    def rank(self):
        if self.task_type == "workerpool1":
            return len(self.cluster.get("workerpool0", [])) + self.task_index
        return self.task_index

    @property
    def primary_address(self):
        """(host, port) of the primary replica, or None outside a distributed job."""
        primary = self.cluster.get("workerpool0") or []
        if not primary:
            return None
        host, _, port = primary[0].rpartition(":")
        return host, port

    def describe(self):
        return (f"replica {self.task_type}-{self.task_index} (rank {self.rank} of {self.world_size}); "
                f"model -> {self.model_dir}")


def report_metric(tag, value, step):
    """Reports the tuning metric where Vertex AI hyperparameter tuning reads it.

    Uses cloudml-hypertune, which the prebuilt training images include. It is imported here,
    not at the top, so the module loads where it is not installed.
    """
    print(f"{tag}={value:.4f} (step {step})", flush=True)
    try:
        import hypertune
    except ImportError:
        return
    hypertune.HyperTune().report_hyperparameter_tuning_metric(
        hyperparameter_metric_tag=tag, metric_value=value, global_step=step)
`;
