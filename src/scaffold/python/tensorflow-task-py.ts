/** trainer/task.py of the TensorFlow template: Keras under MultiWorkerMirroredStrategy. */
export const TENSORFLOW_TASK_PY = String.raw`"""Trains a small Keras classifier with MultiWorkerMirroredStrategy.

The strategy reads TF_CONFIG, which Vertex AI sets for distributed jobs, so the same code runs on
one replica or on several (worker pools 0 and 1). Run it locally with: python -m trainer.task --epochs 1
"""

import argparse
import os
import tempfile

from trainer.environment import Environment, report_metric


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Train a Keras classifier on Vertex AI.")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64, help="per replica")
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--hidden-units", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def synthetic_data(np, size=8192, features=20, seed=0):
    """Stands in for real data: replace with your own tf.data pipeline (for example from /gcs/...)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(size, features)).astype("float32")
    y = (x @ rng.normal(size=features) > 0).astype("int32")
    split = int(size * 0.8)
    return (x[:split], y[:split]), (x[split:], y[split:])


def train(args):
    import numpy as np
    import tensorflow as tf

    env = Environment()
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    print(env.describe(), f"replicas in sync: {strategy.num_replicas_in_sync}", flush=True)
    tf.keras.utils.set_random_seed(args.seed)

    (x_train, y_train), (x_test, y_test) = synthetic_data(np, seed=args.seed)
    global_batch = args.batch_size * strategy.num_replicas_in_sync
    train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(len(x_train)).batch(global_batch)

    with strategy.scope():
        model = tf.keras.Sequential([
            tf.keras.Input(shape=(x_train.shape[1],)),
            tf.keras.layers.Dense(args.hidden_units, activation="relu"),
            tf.keras.layers.Dense(2),
        ])
        model.compile(
            optimizer=tf.keras.optimizers.Adam(args.learning_rate),
            loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            metrics=["accuracy"])

    callbacks = [tf.keras.callbacks.TensorBoard(log_dir=env.tensorboard_dir)] if env.is_primary else []
    history = model.fit(train_ds, epochs=args.epochs, callbacks=callbacks, verbose=2)
    _, accuracy = model.evaluate(x_test, y_test, batch_size=global_batch, verbose=0)

    # Every worker must save (the strategy syncs them); only the chief's copy is kept.
    save_dir = env.model_dir if env.is_primary else tempfile.mkdtemp()
    os.makedirs(save_dir, exist_ok=True)
    model.export(save_dir)
    if env.is_primary:
        print(f"saved model to {save_dir}", flush=True)
        report_metric("accuracy", float(accuracy), len(history.epoch))


def main(argv=None):
    train(parse_args(argv))


if __name__ == "__main__":
    main()
`;
