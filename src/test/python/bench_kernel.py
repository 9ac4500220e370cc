"""Benchmark of the aiolab kernel as a Jupyter client sees it.

Prints the time from starting the kernel process to its first reply (kernel_info), the time to the first
executed cell, and the median round trip (execute_request to execute_reply) of 50 trivial cells, twice: early,
right after 10 warm-up cells, and warm, after 300 cells have let the JIT compile javac.

    /usr/bin/python3 src/test/python/bench_kernel.py                 # installs the built jar's spec in a temp dir
    /usr/bin/python3 src/test/python/bench_kernel.py --kernel NAME   # an installed kernel spec, by name
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def install_temp_spec():
    prefix = tempfile.mkdtemp(prefix="aiolab-bench-")
    subprocess.run([os.path.join(ROOT, "bin", "aiolab"), "kernel", "install", "--prefix", prefix],
                   check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    return "aiolab"


def wait_reply(kc, msg_id, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", help="kernel spec name (default: install the built jar's spec in a temp dir)")
    ap.add_argument("--cells", type=int, default=50)
    ap.add_argument("--warm-up", type=int, default=300, help="cells before the warm measurement")
    ap.add_argument("--runs", type=int, default=3, help="kernel starts to measure (the median is reported)")
    args = ap.parse_args()
    name = args.kernel or install_temp_spec()

    startups, first_cells, early, medians = [], [], [], []
    for _ in range(args.runs):
        km = KernelManager(kernel_name=name)
        t0 = time.monotonic()
        km.start_kernel(stderr=subprocess.DEVNULL)
        kc = km.client()
        kc.start_channels()
        msg_id = kc.kernel_info()
        wait_reply(kc, msg_id)
        t_info = time.monotonic()
        reply = wait_reply(kc, kc.execute("1 + 1"))
        assert reply["content"]["status"] == "ok", reply["content"]
        t_cell = time.monotonic()
        startups.append((t_info - t0) * 1000)
        first_cells.append((t_cell - t0) * 1000)

        def median_trip():
            trips = []
            for _ in range(args.cells):
                t = time.monotonic()
                wait_reply(kc, kc.execute("1 + 1"))
                trips.append((time.monotonic() - t) * 1000)
            return statistics.median(trips)

        for _ in range(10):
            wait_reply(kc, kc.execute("1 + 1"))
        early.append(median_trip())
        for _ in range(args.warm_up):
            wait_reply(kc, kc.execute("1 + 1"))
        medians.append(median_trip())
        kc.stop_channels()
        km.shutdown_kernel(now=True)

    print("kernel: %s (%d starts, %d warm cells each)" % (name, args.runs, args.cells))
    print("startup to first reply (kernel_info): median %.0f ms  (runs: %s)"
          % (statistics.median(startups), ", ".join("%.0f" % s for s in startups)))
    print("startup to first cell result:         median %.0f ms  (runs: %s)"
          % (statistics.median(first_cells), ", ".join("%.0f" % s for s in first_cells)))
    print("early trivial cell round trip:        median %.1f ms  (per start: %s)"
          % (statistics.median(early), ", ".join("%.1f" % m for m in early)))
    print("warm trivial cell round trip:         median %.1f ms  (per start: %s)"
          % (statistics.median(medians), ", ".join("%.1f" % m for m in medians)))


if __name__ == "__main__":
    sys.exit(main())
