"""The timing attacks of `hostile.py`: the retry storm of a flaky phone
system and slow or idle clients. Each is bounded in count and time."""

import json
import os
import socket
import sys
import threading
import time

from hostile_http import Answer
from hostile_requests import me, ringing


def retry_storm(server, tally, storm_size):
    if not server.secret:
        print("retry storm skipped: no webhook secret (SKYDESK_WEBHOOK_SECRET or --secret)",
              file=sys.stderr)
        return
    agent = me(server)
    call_id = f"hostile-storm-{os.getpid()}-{int(time.time())}"
    offers = []
    stop = threading.Event()

    def listen():
        # The agent's own event stream: how often is the call offered?
        try:
            sock = server.connect(timeout=1)
            sock.sendall(f"GET /api/v1/events HTTP/1.1\r\nHost: {server.host}\r\n"
                         f"Authorization: Bearer {server.token}\r\n\r\n".encode())
            buffer = b""
            while not stop.is_set():
                try:
                    chunk = sock.recv(65536)
                except socket.timeout:
                    continue
                if not chunk:
                    break
                buffer += chunk
            sock.close()
            offers.append(sum(1 for line in buffer.split(b"\n")
                              if b'"call_offered"' in line and call_id.encode() in line))
        except OSError as e:
            offers.append(f"no event stream: {e}")

    listener = threading.Thread(target=listen)
    listener.start()
    time.sleep(0.5)
    event = json.dumps(ringing(call_id, "+8613800138000", agent))
    barrier = threading.Barrier(storm_size)
    answers = []

    def fire():
        barrier.wait()
        answers.append(server.request("POST", "/api/v1/calls/events", event, auth="secret"))

    threads = [threading.Thread(target=fire) for _ in range(storm_size)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted({a.status for a in answers if a.status is not None})
    for answer in answers:
        tally.record("retry storm", f"ringing {call_id}", answer)
    if len(statuses) > 1:
        tally.other("retry storm", f"the same event answered differently: {statuses}")
    # The call ends; a late retry must not ring it again.
    hangup = json.dumps({**ringing(call_id, "+8613800138000", agent), "event": "hangup"})
    tally.record("retry storm", "hangup", server.request("POST", "/api/v1/calls/events", hangup,
                                                          auth="secret"))
    tally.record("retry storm", "late retry", server.request("POST", "/api/v1/calls/events", event,
                                                              auth="secret"))
    time.sleep(1.5)
    stop.set()
    listener.join()
    offered = offers[0] if offers else "no event stream"
    if offered != 1:
        tally.other("retry storm", f"{storm_size} identical ringing events and a late retry "
                                   f"offered the call {offered} times (expected once)")
    else:
        tally.other("retry storm", "offered once", failed=False)


def slow_clients(server, tally, limit, idle_count):
    """All three run at once, so the group takes about `limit` seconds."""

    def trickle_headers():
        request = f"GET /healthz HTTP/1.1\r\nHost: {server.host}\r\nX-Slow: {'a' * 200}\r\n\r\n"
        sock = server.connect()
        started = time.monotonic()
        try:
            for byte in request.encode():
                if time.monotonic() - started > limit:
                    tally.hang("slow clients",
                               f"headers at one byte a second: still open after {limit} s")
                    return
                sock.sendall(bytes([byte]))
                sock.settimeout(1)
                try:
                    if not sock.recv(4096):
                        break  # closed on us: good
                    break  # answered (408): good
                except socket.timeout:
                    pass
            tally.other("slow clients", "headers trickled", failed=False)
        except OSError:
            tally.other("slow clients", "headers trickled: closed", failed=False)
        finally:
            sock.close()

    def unsent_body():
        sock = server.connect()
        try:
            sock.sendall(f"POST /api/v1/calls/events HTTP/1.1\r\nHost: {server.host}\r\n"
                         f"Authorization: Bearer {server.secret or 'none'}\r\n"
                         "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{".encode())
            sock.settimeout(limit)
            answer = Answer()
            try:
                data = sock.recv(4096)
                if data:
                    line = data.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
                    status = int(line[1]) if len(line) > 1 and line[1].isdigit() else None
                    answer = Answer(status, "", data)
                    if status is not None and status >= 500:
                        tally.record("slow clients", "body declared, never sent", answer,
                                     expect_problem=False)
                        return
            except socket.timeout:
                tally.hang("slow clients", f"body declared, never sent: no answer in {limit} s")
                return
            tally.other("slow clients", "body declared, never sent", failed=False)
        except OSError:
            tally.other("slow clients", "body declared, never sent: closed", failed=False)
        finally:
            sock.close()

    def idle_connections():
        sockets = []
        try:
            for _ in range(idle_count):
                try:
                    sockets.append(server.connect(timeout=2))
                except OSError:
                    break
            time.sleep(1)
            # Others are still served while the idle ones are open.
            answer = server.request("GET", "/healthz", timeout=5)
            tally.record("slow clients", f"a request beside {len(sockets)} idle connections",
                         answer)
            time.sleep(max(0.0, limit - 1))
            still_open = 0
            for sock in sockets:
                sock.setblocking(False)
                try:
                    sock.recv(1)  # closed (b"") or answered (408): fine
                except BlockingIOError:
                    still_open += 1
                except OSError:
                    pass
            if still_open:
                tally.hang("slow clients",
                           f"{still_open} of {len(sockets)} idle connections still open after {limit} s")
            else:
                tally.other("slow clients", "idle connections closed", failed=False)
        finally:
            for sock in sockets:
                sock.close()

    threads = [threading.Thread(target=f) for f in (trickle_headers, unsent_body, idle_connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
