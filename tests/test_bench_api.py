"""The pure helpers of bench/bench_api.py: wrk's output, /proc accounting, rotation and ratio maths."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("bench_api", Path(__file__).parent.parent / "bench" / "bench_api.py")
bench_api = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("bench_api", bench_api)  # dataclasses look their module up there
_SPEC.loader.exec_module(bench_api)

# real `wrk -t1 -c4 -d1s --latency` output against a server answering 404
WRK_NON_2XX = """Running 1s test @ http://127.0.0.1:36189/nope
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.25ms    2.78ms  26.10ms   90.08%
    Req/Sec     1.35k   333.04     1.89k    70.00%
  Latency Distribution
     50%    2.45ms
     75%    3.72ms
     90%    5.79ms
     99%   16.82ms
  1349 requests in 1.00s, 685.04KB read
  Non-2xx or 3xx responses: 1349
Requests/sec:   1342.38
Transfer/sec:    681.67KB
"""

# the same shape with microsecond/second latencies and wrk's socket error line
WRK_SOCKET_ERRORS = """Running 5s test @ http://127.0.0.1:40000
  1 threads and 16 connections
  Latency Distribution
     50%  812.00us
     75%    1.20ms
     90%    2.01ms
     99%    1.50s
  4321 requests in 5.00s, 9.87MB read
  Socket errors: connect 0, read 2, write 1, timeout 3
Requests/sec:    864.20
Transfer/sec:      1.97MB
"""


def test_parse_wrk_reads_counts_rate_latencies_and_non_2xx():
    assert bench_api.parse_wrk(WRK_NON_2XX) == {"requests": 1349, "rps": 1342.38, "p50": 2.45, "p99": 16.82,
                                                "non2xx": 1349, "socket_errors": 0}


def test_parse_wrk_converts_units_and_sums_socket_errors():
    run = bench_api.parse_wrk(WRK_SOCKET_ERRORS)
    assert run["p50"] == pytest.approx(0.812)
    assert run["p99"] == pytest.approx(1500.0)
    assert (run["requests"], run["rps"], run["non2xx"], run["socket_errors"]) == (4321, 864.2, 0, 6)


def test_parse_wrk_rejects_other_output():
    with pytest.raises(ValueError, match="not wrk output"):
        bench_api.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_cpu_ticks_sums_own_and_reaped_children_time_despite_odd_names():
    # pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    line = "4103 (a (b) c) S 1 4103 4103 0 -1 4194560 100 0 0 0 250 40 7 3 20 0 5 0 1000 12345 678"
    assert bench_api.stat_fields(line)[:2] == ["S", "1"]
    assert bench_api.cpu_ticks(line) == 250 + 40 + 7 + 3


def test_process_tree_accounting_of_this_process():
    assert bench_api.descendants(os.getpid())[0] == os.getpid()
    assert bench_api.tree_cpu_seconds(os.getpid()) > 0
    assert bench_api.rss_mb(os.getpid()) > 1


def test_rotated_puts_a_different_server_first_each_round():
    servers = ["kg", "kg0", "minimal", "oxigraph"]
    assert [bench_api.rotated(servers, r)[0] for r in range(5)] == ["kg", "kg0", "minimal", "oxigraph", "kg"]
    assert sorted(bench_api.rotated(servers, 3)) == sorted(servers)
    assert [bench_api.rotated(["kg", "minimal"], r) for r in range(2)] == [["kg", "minimal"], ["minimal", "kg"]]


def test_paired_ratios_and_their_median_summary():
    kg = [{"rps": 400.0}, {"rps": 500.0}, {"rps": 450.0}]
    minimal = [{"rps": 500.0}, {"rps": 550.0}, {"rps": 600.0}]
    ratios = bench_api.paired_ratios(kg, minimal)
    assert ratios == pytest.approx([0.8, 500 / 550, 0.75])
    assert bench_api.ratio_summary(ratios) == "0.80 [0.75-0.91]"


def test_paired_ratios_need_one_run_per_round_on_both_sides():
    with pytest.raises(ValueError):
        bench_api.paired_ratios([{"rps": 1.0}], [{"rps": 1.0}, {"rps": 2.0}])


def test_median_of_skips_missing_values():
    runs = [{"p99": 3.0}, {"p99": None}, {"p99": 1.0}, {"p99": 2.0}]
    assert bench_api.median_of(runs, "p99") == 2.0


def test_growth_percent():
    assert bench_api.growth_percent(200.0, 250.0) == pytest.approx(25.0)
    assert bench_api.growth_percent(200.0, 190.0) == pytest.approx(-5.0)


def test_wrk_script_cycles_over_escaped_paths():
    script = bench_api.wrk_script(['/a?q="x"', "/b\\c"])
    assert '"/a?q=\\"x\\""' in script and '"/b\\\\c"' in script
    assert "i = i % #paths + 1" in script
