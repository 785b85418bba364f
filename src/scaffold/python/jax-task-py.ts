/** trainer/task.py of the JAX template: data-parallel training over the TPU chips of one host. */
export const JAX_TASK_PY = String.raw`"""Trains a small classifier with JAX, data-parallel over every local device (TPU chips).

On a multi-host TPU slice each host runs this same program; jax.distributed connects them.
Run it locally with: python -m trainer.task --epochs 1 (JAX falls back to the CPU).
"""

import argparse
import os

from trainer.environment import Environment, report_metric


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Train a JAX classifier on Vertex AI TPUs.")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=128, help="per device")
    parser.add_argument("--learning-rate", type=float, default=0.05)
    parser.add_argument("--hidden-units", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def init_params(jax, jnp, key, features, hidden):
    k1, k2 = jax.random.split(key)
    return {
        "w1": jax.random.normal(k1, (features, hidden)) * jnp.sqrt(2.0 / features),
        "b1": jnp.zeros(hidden),
        "w2": jax.random.normal(k2, (hidden, 2)) * jnp.sqrt(2.0 / hidden),
        "b2": jnp.zeros(2),
    }


def train(args):
    import jax
    import jax.numpy as jnp
    import numpy as np

    # A multi-host slice lists every host; jax.distributed must start before any computation.
    if len([h for h in os.environ.get("TPU_WORKER_HOSTNAMES", "").split(",") if h]) > 1:
        jax.distributed.initialize()
    env = Environment()
    devices = jax.local_devices()
    print(env.describe(), f"devices: {devices}", flush=True)

    rng = np.random.default_rng(args.seed)
    x = rng.normal(size=(8192, 20)).astype("float32")
    y = (x @ rng.normal(size=20) > 0).astype("int32")
    x_train, y_train, x_test, y_test = x[:6144], y[:6144], x[6144:], y[6144:]

    def logits(params, inputs):
        hidden = jax.nn.relu(inputs @ params["w1"] + params["b1"])
        return hidden @ params["w2"] + params["b2"]

    def loss(params, inputs, labels):
        log_probs = jax.nn.log_softmax(logits(params, inputs))
        return -jnp.mean(jnp.take_along_axis(log_probs, labels[:, None], axis=1))

    def step(params, inputs, labels):
        value, grads = jax.value_and_grad(loss)(params, inputs, labels)
        grads = jax.lax.pmean(grads, axis_name="devices")
        params = jax.tree_util.tree_map(lambda p, g: p - args.learning_rate * g, params, grads)
        return params, jax.lax.pmean(value, axis_name="devices")

    parallel_step = jax.pmap(step, axis_name="devices")
    params = init_params(jax, jnp, jax.random.PRNGKey(args.seed), x.shape[1], args.hidden_units)
    replicated = jax.device_put_replicated(params, devices)
    count = len(devices)
    batch = args.batch_size * count
    steps = 0
    for epoch in range(args.epochs):
        order = rng.permutation(len(x_train))
        for start in range(0, len(order) - batch + 1, batch):
            idx = order[start:start + batch]
            shard = lambda a: a[idx].reshape((count, args.batch_size) + a.shape[1:])
            replicated, value = parallel_step(replicated, shard(x_train), shard(y_train))
            steps += 1
        print(f"epoch {epoch + 1}/{args.epochs} loss={float(value[0]):.4f}", flush=True)

    params = jax.tree_util.tree_map(lambda p: np.asarray(p[0]), replicated)
    accuracy = float(jnp.mean(jnp.argmax(logits(params, x_test), axis=1) == y_test))
    if env.is_primary and jax.process_index() == 0:
        os.makedirs(env.model_dir, exist_ok=True)
        np.savez(os.path.join(env.model_dir, "params.npz"), **params)
        print(f"saved model to {env.model_dir}", flush=True)
        report_metric("accuracy", accuracy, steps)


def main(argv=None):
    train(parse_args(argv))


if __name__ == "__main__":
    main()
`;
