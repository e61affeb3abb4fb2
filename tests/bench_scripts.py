"""Load a script of bench/ as a module, as tests of the benchmarks' database side need."""

import importlib.util
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parents[1] / "bench"


def load_bench_script(name):
    """bench/<name>.py as a module named bench_<name>.

    The scripts import their neighbours (bench/exam.py) as top-level modules, as
    they do when run as scripts, so bench/ is on the path while one loads.
    """
    sys.path.insert(0, str(BENCH_DIR))
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH_DIR / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH_DIR))
    return module
