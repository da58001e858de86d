"""Time one command as a whole process: wall seconds, CPU seconds and peak memory (for the benchmarks).

A fresh wrapper process runs the command, so that ``getrusage(RUSAGE_CHILDREN)`` is that command's
alone: peak RSS of its largest process, CPU (user + system) of its whole process tree once waited for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

_WRAPPER = r"""
import json, os, resource, signal, subprocess, sys, time
cmd, timeout, cwd = json.loads(sys.argv[1]), float(sys.argv[2]), sys.argv[3] or None
t = time.perf_counter()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True, cwd=cwd)
timed_out = False
try:
    out, _ = p.communicate(timeout=timeout)
except subprocess.TimeoutExpired:
    timed_out = True
    os.killpg(p.pid, signal.SIGKILL)
    out, _ = p.communicate()
s = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write(json.dumps({"seconds": s, "cpu_s": ru.ru_utime + ru.ru_stime, "rss_mib": ru.ru_maxrss / 1024,
                             "exit_code": p.returncode, "timed_out": timed_out,
                             "output": out.decode("utf-8", "replace")}))
"""


def run_timed(cmd: list[str], *, timeout: float = 1800, env: dict[str, str] | None = None,
              cwd: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Run ``cmd`` to its end; ``seconds``, ``cpu_s``, ``rss_mib``, ``exit_code``, ``timed_out``, ``output``
    (stdout and stderr together), ``loadavg`` (the 1-minute load average before and after)."""
    before = os.getloadavg()[0]
    p = subprocess.run([sys.executable, "-c", _WRAPPER, json.dumps(cmd), str(timeout), str(cwd or "")],
                       capture_output=True, text=True, env=env, check=True)
    r = json.loads(p.stdout)
    r["loadavg"] = (round(before, 2), round(os.getloadavg()[0], 2))
    return r
