"""Time ``linkwatch generate`` at each scale and record output sizes.

Run: ``.venv/bin/python -m bench.generate [--scales tiny small medium large]``.
Writes ``bench/results/generate.json``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import write_result
from synthetic.config import Scale, config_for
from synthetic.generator import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--scales", nargs="+", default=["tiny", "small", "medium"], choices=[s.value for s in Scale]
    )
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    figures: dict[str, object] = {}
    for name in arguments.scales:
        config = config_for(Scale(name), seed=arguments.seed)
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            summary = generate(config, Path(folder))
            seconds = time.perf_counter() - began
            size = sum(p.stat().st_size for p in Path(folder).iterdir())
        figures[name] = {
            "people": config.people,
            "seconds": round(seconds, 2),
            "output_mb": round(size / 1e6, 1),
            "counts": summary.counts,
        }
        print(f"{name}: {config.people:,} people in {seconds:.2f} s, {size / 1e6:.1f} MB")
    path = write_result("generate", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
