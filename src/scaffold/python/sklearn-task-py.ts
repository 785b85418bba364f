/** trainer/task.py of the CPU quickstart: scikit-learn, small enough for one CPU machine. */
export const SKLEARN_TASK_PY = String.raw`"""Trains a scikit-learn classifier on one CPU machine: the quickest job to try Vertex AI with.

Run it locally with: python -m trainer.task
"""

import argparse
import os

from trainer.environment import Environment, report_metric


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Train a scikit-learn classifier on Vertex AI.")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularization strength")
    parser.add_argument("--max-iter", type=int, default=200)
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def train(args):
    import joblib
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    env = Environment()
    print(env.describe(), flush=True)
    x, y = make_classification(n_samples=args.samples, n_features=20, random_state=args.seed)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=args.seed)
    model = LogisticRegression(C=args.c, max_iter=args.max_iter).fit(x_train, y_train)
    accuracy = float(model.score(x_test, y_test))

    os.makedirs(env.model_dir, exist_ok=True)
    # model.joblib is the file name Vertex AI's prebuilt scikit-learn prediction images load.
    joblib.dump(model, os.path.join(env.model_dir, "model.joblib"))
    print(f"saved model to {env.model_dir}", flush=True)
    report_metric("accuracy", accuracy, model.n_iter_.max().item())


def main(argv=None):
    train(parse_args(argv))


if __name__ == "__main__":
    main()
`;
