"""Run pytest for each mutant from a pre-warmed process (scripts/mutation.sh).

mutmut starts the test command once per mutant; a fresh interpreter spends most of its time
importing pytest, hypothesis, SQLAlchemy and Qt. ``serve`` imports them once and forks a child
per request; the child imports the project afresh (the mutant included) and runs pytest.
``run`` is the client mutmut calls: it starts with ``python -S`` and only uses the standard
library, so a mutant costs its tests and little else.

    python scripts/mutation_fork.py serve SOCKET MUTATED_MODULE PRELOAD...
    python -S scripts/mutation_fork.py run SOCKET PYTEST_ARGS...
"""

import json
import os
import socket
import sys

CHILD_SECONDS = 600  # a mutant that loops forever: mutmut gives up long before


def serve(path: str, mutated: str, preload: list[str]) -> None:
    import contextlib
    import importlib.util
    import signal

    for name in preload:
        importlib.import_module(name)
    # the child must import the mutated module from its file, so nothing preloaded imports it
    assert mutated not in sys.modules, f"{mutated} preloaded: the mutants would not be seen"
    source = mutated.replace(".", "/") + ".py"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(path)
        server.listen()
        while True:
            conn, _ = server.accept()
            with conn:
                request = json.loads(conn.makefile().readline())
                if request == "stop":
                    return
                pid = os.fork()
                if pid == 0:
                    server.close()
                    conn.close()
                    signal.alarm(CHILD_SECONDS)
                    # the mutant's bytecode is never reused: two mutants of the same size
                    # written within one second would look alike to the .pyc check
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(importlib.util.cache_from_source(source))
                    import pytest

                    null = os.open(os.devnull, os.O_WRONLY)
                    os.dup2(null, 1)
                    os.dup2(null, 2)
                    os._exit(int(pytest.main(request)))
                code = _wait(pid, conn)
                with contextlib.suppress(OSError):  # the client is gone (mutmut's timeout)
                    conn.sendall(f"{code}\n".encode())


def _wait(pid: int, conn: socket.socket) -> int:
    """The child's exit code; the child is killed when the client goes away first (mutmut
    stops a test command that takes too long: the mutant loops)."""
    import select
    import signal

    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        readable, _, _ = select.select([conn], [], [], 0.05)
        if readable and not conn.recv(1):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return -signal.SIGKILL


def run(path: str, args: list[str]) -> int:
    """pytest's verdict as mutmut 2.5.1 reads it: only exit code 1 kills a mutant, so a
    mutant that breaks an import (pytest's 2, errors while collecting) is said as 1."""
    try:
        with socket.socket(socket.AF_UNIX) as client:
            client.connect(path)
            client.sendall((json.dumps(args) + "\n").encode())
            answer = client.makefile().readline()
    except OSError:  # no server: a failure to connect must not count as a killed mutant
        answer = ""
    if not answer.strip():
        import subprocess

        answer = str(subprocess.call([sys.executable, "-m", "pytest", *args]))
    return 0 if int(answer) == 0 else 1


if __name__ == "__main__":
    command, sock, *rest = sys.argv[1:]
    if command == "serve":
        serve(sock, rest[0], rest[1:])
    elif command == "stop":
        with socket.socket(socket.AF_UNIX) as client:
            client.connect(sock)
            client.sendall(b'"stop"\n')
    else:
        sys.exit(run(sock, rest))
