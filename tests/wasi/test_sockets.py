#!/usr/bin/env python3
"""WASI sockets: a guest accepts on a listening socket granted with --tcplisten.

sockets/echo_upper.c (clang --target=wasm32-wasi) accepts one connection on fd 3,
reads a line with sock_recv, sends it back upper-cased with sock_send and shuts the
connection down with sock_shutdown. The test connects, checks the reply and the end of
stream, and the guest's report and exit status. Environment: POGO.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    pogo = os.environ.get("POGO", "pogo")
    with tempfile.TemporaryDirectory(prefix="pogo-sock-") as work:
        wasm = os.path.join(work, "echo.wasm")
        subprocess.run(["clang", "--target=wasm32-wasi", "-O1", "-o", wasm, os.path.join(HERE, "sockets", "echo_upper.c")],
                       check=True)
        exe = os.path.join(work, "echo")
        subprocess.run([pogo, "build", "--cc", "tcc", "-O0", wasm, "-o", exe], check=True)
        port = free_port()
        env = dict(os.environ, POGO_WASI="--tcplisten\n127.0.0.1:%d" % port)
        guest = subprocess.Popen([exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        reply = b""
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
                    c.sendall(b"hello, pogo\n")
                    while True:
                        chunk = c.recv(100)
                        if not chunk:
                            break
                        reply += chunk
                break
            except ConnectionRefusedError:
                time.sleep(0.05)
        out, err = guest.communicate(timeout=30)
        if reply != b"HELLO, POGO\n" or guest.returncode != 0 or out != "served 12 bytes\n":
            print("FAIL: reply %r, guest exit %d, stdout %r, stderr %r" % (reply, guest.returncode, out, err))
            return 1
        # a bad address is a one-line error before the guest runs
        r = subprocess.run([exe], capture_output=True, text=True, env=dict(os.environ, POGO_WASI="--tcplisten\nnohost"))
        if r.returncode != 1 or "--tcplisten nohost" not in r.stderr or len(r.stderr.strip().splitlines()) != 1:
            print("FAIL: bad --tcplisten: exit %d, %r" % (r.returncode, r.stderr))
            return 1
    print("ok: accept, recv, send and shutdown on a preopened socket")
    return 0


if __name__ == "__main__":
    sys.exit(main())
