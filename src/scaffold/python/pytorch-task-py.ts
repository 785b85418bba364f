/** trainer/task.py of the PyTorch template: one GPU, or DistributedDataParallel across replicas. */
export const PYTORCH_TASK_PY = String.raw`"""Trains a small classifier with PyTorch.

One process per replica. With several replicas (worker pools 0 and 1) it trains with
DistributedDataParallel; Vertex AI sets MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK for
PyTorch, and CLUSTER_SPEC is the fallback. Run it locally with: python -m trainer.task --epochs 1
"""

import argparse
import os

from trainer.environment import Environment, report_metric


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Train a PyTorch classifier on Vertex AI.")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64, help="per replica")
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--hidden-units", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def init_distributed(env):
    """Joins the process group when the job has more than one training replica."""
    import torch
    import torch.distributed as dist

    world_size = int(os.environ.get("WORLD_SIZE", env.world_size))
    rank = int(os.environ.get("RANK", env.rank))
    if world_size <= 1:
        return 0, 1
    if "MASTER_ADDR" not in os.environ and env.primary_address:
        host, port = env.primary_address
        os.environ["MASTER_ADDR"] = host
        os.environ["MASTER_PORT"] = port or "2222"
    dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo", rank=rank, world_size=world_size)
    return rank, world_size


def synthetic_dataset(torch, size=8192, features=20, seed=0):
    """Stands in for real data: replace with your own Dataset (for example read from /gcs/...)."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(size, features, generator=generator)
    y = (x @ torch.randn(features, generator=generator) > 0).long()
    return torch.utils.data.TensorDataset(x, y)


def train(args):
    import torch
    from torch import nn
    from torch.nn.parallel import DistributedDataParallel
    from torch.utils.data import DataLoader
    from torch.utils.data.distributed import DistributedSampler

    env = Environment()
    rank, world_size = init_distributed(env)
    print(env.describe(), flush=True)
    device = torch.device(f"cuda:{torch.cuda.current_device()}" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)

    dataset = synthetic_dataset(torch, seed=args.seed)
    train_set, test_set = torch.utils.data.random_split(
        dataset, [0.8, 0.2], generator=torch.Generator().manual_seed(args.seed))
    sampler = DistributedSampler(train_set, num_replicas=world_size, rank=rank) if world_size > 1 else None
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=sampler is None, sampler=sampler)

    model = nn.Sequential(nn.Linear(20, args.hidden_units), nn.ReLU(), nn.Linear(args.hidden_units, 2)).to(device)
    if world_size > 1:
        model = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    loss_fn = nn.CrossEntropyLoss()

    step = 0
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x.to(device)), y.to(device))
            loss.backward()
            optimizer.step()
            step += 1
        print(f"epoch {epoch + 1}/{args.epochs} loss={loss.item():.4f}", flush=True)

    model.eval()
    x_test, y_test = (torch.stack(t) for t in zip(*test_set))
    with torch.no_grad():
        accuracy = (model(x_test.to(device)).argmax(dim=1).cpu() == y_test).float().mean().item()

    if rank == 0:
        os.makedirs(env.model_dir, exist_ok=True)
        plain = model.module if isinstance(model, DistributedDataParallel) else model
        torch.save(plain.state_dict(), os.path.join(env.model_dir, "model.pt"))
        print(f"saved model to {env.model_dir}", flush=True)
        report_metric("accuracy", accuracy, step)
    if world_size > 1:
        torch.distributed.destroy_process_group()


def main(argv=None):
    train(parse_args(argv))


if __name__ == "__main__":
    main()
`;
