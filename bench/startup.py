#!/usr/bin/env python3
"""Times process start-up: runs each command N times (40 unless -n says),
interleaved (one run of every command per round, so a change in the
machine's load hits all of them alike), and prints each command's median
wall time and median CPU time (user + system, from wait4), with the load
average before and after. Exit codes other than 0 and 1 stop it.

Usage: bench/startup.py [-n RUNS] LABEL 'COMMAND ARGS...' [LABEL 'COMMAND ARGS...']...

For BENCHMARKS.md ("Start-up"):

  bench/startup.py "hello-world Go binary" "$DIR/hello" \\
    version "$DIR/tmpllint version" \\
    check "$DIR/tmpllint check --no-config testdata/templates/default-oie.html"
"""
import os
import statistics
import sys
import time


def main(argv):
    runs = 40
    if len(argv) >= 2 and argv[0] == "-n":
        runs, argv = int(argv[1]), argv[2:]
    if not argv or len(argv) % 2:
        sys.exit(__doc__)
    cases = []
    for label, cmd in zip(argv[::2], argv[1::2]):
        if not cmd.split():
            sys.exit("%s: no command" % label)
        cases.append((label, cmd.split()))
    devnull = os.open(os.devnull, os.O_WRONLY)
    wall = {label: [] for label, _ in cases}
    cpu = {label: [] for label, _ in cases}
    load0 = os.getloadavg()
    for _ in range(runs):
        for label, cmd in cases:
            start = time.perf_counter()
            pid = os.posix_spawnp(cmd[0], cmd, os.environ,
                                  file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                                (os.POSIX_SPAWN_DUP2, devnull, 2)])
            _, status, usage = os.wait4(pid, 0)
            wall[label].append(time.perf_counter() - start)
            cpu[label].append(usage.ru_utime + usage.ru_stime)
            code = os.waitstatus_to_exitcode(status)
            if code not in (0, 1):
                sys.exit("%s: exit code %d" % (" ".join(cmd), code))
    print("load average before %.1f %.1f %.1f, after %.1f %.1f %.1f; %d runs each"
          % (load0 + os.getloadavg() + (runs,)))
    width = max(len(label) for label, _ in cases)
    for label, _ in cases:
        print("%-*s  wall %5.1f ms  cpu %5.1f ms" % (width, label, statistics.median(wall[label]) * 1000,
                                                     statistics.median(cpu[label]) * 1000))


if __name__ == "__main__":
    main(sys.argv[1:])
