#!/usr/bin/env python3
"""Plays a hostile client and a flaky phone system against a running skydesk
server, and prints what it let through.

    skydesk user add hostile --role agent --db URL      # prints a token
    SKYDESK_WEBHOOK_SECRET=s3cret skydesk serve --db URL &
    SKYDESK_TOKEN=<token> SKYDESK_WEBHOOK_SECRET=s3cret \\
        python3 scripts/hostile.py --server http://127.0.0.1:7878

Only the Python standard library; loopback servers only. Bad requests on
every route (wrong methods, unknown routes, non-UTF-8 paths, wrong types,
null, huge bodies, missing and bad credentials, hostile text), the retry
storm (the same ringing event 20 times at once) and slow clients (headers at
one byte a second, a body declared but never sent, many idle connections).

Prints a table per group: requests tried, 5xx answers, error answers that
are not application/problem+json, hangs (no answer within the limit), and
other failures (an error text echoing control or bidi characters, a retried
ring offered more than once, a server that never closes a slow or idle
connection). Exits 1 when any of these is not zero, 2 on bad usage.
"""

import argparse
import ipaddress
import json
import os
import socket
import sys
import threading
import time
import urllib.parse

GROUPS = [
    "methods",
    "unknown routes",
    "non-UTF-8 paths",
    "auth",
    "bodies",
    "hostile text",
    "retry storm",
    "slow clients",
]

HOSTILE_TEXT = [
    "\x1b[2J\x1b]0;owned\x07",
    "abc\u202edcba",
    "\u2066isolate\u2069",
    "' OR 1=1; DROP TABLE travellers;--",
    "张伟",
    "１３８００１３８０００",
    "Ｆｕｌｌ\u3000ｗｉｄｔｈ",
    "null\x00byte",
    "x" * 5000,
]

# What an error text must never carry back from the request.
UNSAFE_ECHOES = ["\x1b", "\u202e", "\u2066", "\\u001b", "\\u202e", "\\u202E", "\\u2066"]


class Answer:
    def __init__(self, status=None, content_type="", body=b"", hung=False, error=""):
        self.status = status
        self.content_type = content_type
        self.body = body
        self.hung = hung
        self.error = error


class Tally:
    def __init__(self):
        self.rows = {g: {"tried": 0, "5xx": 0, "not problem+json": 0, "hangs": 0, "other": 0}
                     for g in GROUPS}
        self.findings = []
        self.lock = threading.Lock()

    def record(self, group, what, answer, expect_problem=True):
        with self.lock:
            row = self.rows[group]
            row["tried"] += 1
            if answer.hung:
                row["hangs"] += 1
                self.findings.append(f"{group}: {what} -> no answer ({answer.error})")
                return
            if answer.status is None:
                # The server closed the connection without answering: not a
                # hang, not a 5xx; worth knowing.
                self.findings.append(f"{group}: {what} -> closed without an answer")
                return
            if answer.status >= 500:
                row["5xx"] += 1
                self.findings.append(f"{group}: {what} -> {answer.status}")
            if (answer.status >= 400 and expect_problem
                    and not answer.content_type.startswith("application/problem+json")):
                row["not problem+json"] += 1
                self.findings.append(
                    f"{group}: {what} -> {answer.status} {answer.content_type or 'no content type'}")
            if answer.status >= 400:
                text = answer.body.decode("utf-8", "replace")
                if any(e in text for e in UNSAFE_ECHOES):
                    row["other"] += 1
                    self.findings.append(
                        f"{group}: {what} -> {answer.status} echoes control or bidi characters")

    def other(self, group, message, failed=True):
        with self.lock:
            self.rows[group]["tried"] += 1
            if failed:
                self.rows[group]["other"] += 1
                self.findings.append(f"{group}: {message}")

    def hang(self, group, message):
        with self.lock:
            self.rows[group]["tried"] += 1
            self.rows[group]["hangs"] += 1
            self.findings.append(f"{group}: {message}")

    def print(self):
        columns = ["tried", "5xx", "not problem+json", "hangs", "other"]
        width = max(len(g) for g in GROUPS + ["total"])
        header = f"{'group':<{width}}  " + "  ".join(f"{c:>16}" for c in columns)
        print(header)
        print("-" * len(header))
        total = {c: 0 for c in columns}
        for group in GROUPS:
            row = self.rows[group]
            for c in columns:
                total[c] += row[c]
            print(f"{group:<{width}}  " + "  ".join(f"{row[c]:>16}" for c in columns))
        print("-" * len(header))
        print(f"{'total':<{width}}  " + "  ".join(f"{total[c]:>16}" for c in columns))
        if self.findings:
            print()
            shown = self.findings[:60]
            for f in shown:
                print("  " + printable(f))
            if len(self.findings) > len(shown):
                print(f"  ... and {len(self.findings) - len(shown)} more")
        return total


def printable(text):
    """Findings are printed on a terminal: show controls, never obey them."""
    out = []
    for ch in text[:300]:
        if ch.isprintable() and ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


class Server:
    def __init__(self, url, token, secret, timeout):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme != "http" or not parsed.hostname:
            raise SystemExit(f"--server must be an http:// URL, not {url!r}")
        self.host = parsed.hostname
        self.port = parsed.port or 80
        self.token = token
        self.secret = secret
        self.timeout = timeout
        addresses = {info[4][0] for info in socket.getaddrinfo(self.host, self.port)}
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_loopback:
                raise SystemExit(f"{self.host} is {address}: only loopback servers are attacked")

    def connect(self, timeout=None):
        return socket.create_connection((self.host, self.port), timeout=timeout or self.timeout)

    def raw(self, request, read_body=True, timeout=None):
        """Sends raw bytes and reads one answer (status line, headers, body)."""
        timeout = timeout or self.timeout
        deadline = time.monotonic() + timeout
        try:
            sock = self.connect(timeout)
        except OSError as e:
            return Answer(hung=True, error=f"cannot connect: {e}")
        try:
            sock.sendall(request)
            data = b""
            while b"\r\n\r\n" not in data:
                sock.settimeout(max(0.05, deadline - time.monotonic()))
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
            if not data:
                return Answer()
            head, _, body = data.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            parts = lines[0].split(" ")
            status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length", "-1") or -1)
            if read_body and headers.get("content-type", "") != "text/event-stream":
                while (length < 0 or len(body) < length) and time.monotonic() < deadline:
                    if length < 0 and body.endswith(b"0\r\n\r\n"):
                        break
                    sock.settimeout(max(0.05, deadline - time.monotonic()))
                    try:
                        chunk = sock.recv(65536)
                    except socket.timeout:
                        break
                    if not chunk:
                        break
                    body += chunk
            return Answer(status, headers.get("content-type", ""), body)
        except socket.timeout:
            return Answer(hung=True, error=f"nothing within {timeout:.0f} s")
        except OSError as e:
            return Answer(error=str(e))
        finally:
            sock.close()

    def request(self, method, path, body=None, headers=None, auth="token", timeout=None):
        """`path` is bytes or str; sent as given (no encoding)."""
        if isinstance(path, str):
            path = path.encode("utf-8")
        if isinstance(body, str):
            body = body.encode("utf-8")
        lines = [method.encode() + b" " + path + b" HTTP/1.1",
                 f"Host: {self.host}:{self.port}".encode(), b"Connection: close"]
        credential = {"token": self.token, "secret": self.secret}.get(auth, auth)
        if credential:
            lines.append(b"Authorization: Bearer " + credential.encode("utf-8", "surrogateescape"))
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}".encode("utf-8"))
        if body is not None:
            if not any(n.lower() == "content-type" for n in (headers or {})):
                lines.append(b"Content-Type: application/json")
            lines.append(f"Content-Length: {len(body)}".encode())
        request = b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")
        return self.raw(request, timeout=timeout)


ROUTES = [
    ("GET", "/healthz"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/callers/+8613800138000"),
    ("GET", "/api/v1/travellers?q=zhang"),
    ("GET", "/api/v1/travellers/1"),
    ("POST", "/api/v1/travellers/1/phones"),
    ("POST", "/api/v1/calls/events"),
    ("POST", "/api/v1/calls/hostile-1/answer"),
    ("POST", "/api/v1/calls/hostile-1/hangup"),
    ("GET", "/api/v1/events"),
]


def methods(server, tally):
    for method, path in ROUTES:
        for wrong in ["GET", "POST", "PUT", "DELETE", "PATCH"]:
            if wrong == method:
                continue
            body = "{}" if wrong in ("POST", "PUT", "PATCH") else None
            auth = "secret" if path.endswith("/calls/events") else "token"
            tally.record("methods", f"{wrong} {path}", server.request(wrong, path, body, auth=auth))
    tally.record("methods", "BREW /healthz", server.request("BREW", "/healthz"))


def unknown_routes(server, tally):
    for path in ["/", "/api", "/api/v1", "/api/v1/nope", "/api/v2/me", "/api/v1/me/extra",
                 "/api/v1/travellers/1/phones/2", "/api/v1/calls", "/api/v1/calls//answer",
                 "/api/v1/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/callers/",
                 "/api/v1/travellers/%00", "/api/v1/" + "a" * 8000, "/healthz?" + "q=1&" * 2000]:
        tally.record("unknown routes", f"GET {path[:60]}", server.request("GET", path))


def non_utf8_paths(server, tally):
    for method, path in [
        ("POST", b"/api/v1/calls/%FF/answer"),
        ("POST", b"/api/v1/calls/%C0%AF/hangup"),
        ("GET", b"/api/v1/callers/%FF%FE"),
        ("GET", b"/api/v1/travellers/%FF"),
        ("GET", b"/api/v1/travellers?q=%FF%FE"),
        ("GET", b"/api/v1/travellers?q=%E5%BC"),
        ("POST", b"/api/v1/travellers/%ED%A0%80/phones"),
        ("GET", b"/api/v1/callers/\xff\xfe"),
        ("GET", b"/api/v1/travellers?q=\xc3"),
    ]:
        body = b'{"number":"+8613800138000"}' if method == "POST" else None
        # Raw bytes above 0x7F are not HTTP: the HTTP layer refuses them
        # before any route, so only a 4xx is asked of it.
        malformed = any(b > 0x7F for b in path)
        tally.record("non-UTF-8 paths", f"{method} {path.decode('latin-1')}",
                     server.request(method, path, body), expect_problem=not malformed)


def auth(server, tally):
    bad = [None, "", "wrong", "x" * 10000, "tok\x1ben", "\u202etoken", "' OR '1'='1",
           "张伟", "１２３"]
    for method, path in ROUTES[1:]:
        for credential in bad:
            body = "{}" if method == "POST" else None
            answer = server.request(method, path, body, auth=credential or None)
            # A control character in a header is not HTTP (see non_utf8_paths).
            malformed = credential is not None and any(ord(c) < 0x20 for c in credential)
            tally.record("auth", f"{method} {path} with {credential!r:.20}", answer,
                         expect_problem=not malformed)
            if answer.status is not None and answer.status < 400:
                tally.other("auth", f"{method} {path} accepted {credential!r:.20}")
    # Other schemes, and the agent's token on the webhook.
    for header in ["Basic dXNlcjpwYXNz", "Bearer", "bearer  ", "Token abc", "Bearer a b c"]:
        tally.record("auth", f"GET /api/v1/me with {header!r}",
                     server.request("GET", "/api/v1/me", headers={"Authorization": header},
                                    auth=None))
    event = json.dumps(ringing("hostile-auth", "+8613800138000", None))
    tally.record("auth", "webhook with an agent's token",
                 server.request("POST", "/api/v1/calls/events", event, auth="token"))


def ringing(call_id, caller, agent):
    event = {"event": "ringing", "call_id": call_id, "from": caller, "to": "+864008108888"}
    if agent:
        event["agent"] = agent
    return event


def bodies(server, tally):
    good_event = ringing("hostile-body", "+8613800138000", None)
    shapes = [
        ("not JSON", "this is not json"),
        ("empty", ""),
        ("null", "null"),
        ("array", "[]"),
        ("number", "42"),
        ("empty object", "{}"),
        ("wrong type", json.dumps({**good_event, "event": 5})),
        ("null field", json.dumps({**good_event, "call_id": None})),
        ("unknown event", json.dumps({**good_event, "event": "exploded\u202e"})),
        ("extra field", json.dumps({**good_event, "admin": True})),
        ("nested 10000", "[" * 10000 + "]" * 10000),
        ("truncated", json.dumps(good_event)[:-5]),
        ("bad UTF-8", b'{"event":"ringing","call_id":"\xff\xfe","from":"1","to":"2"}'),
        ("BOM", "\ufeff" + json.dumps(good_event)),
        ("17 KiB", json.dumps({**good_event, "queue": "q" * 17 * 1024})),
        ("1 MiB", json.dumps({**good_event, "queue": "q" * 1024 * 1024})),
    ]
    for name, body in shapes:
        tally.record("bodies", f"webhook {name}",
                     server.request("POST", "/api/v1/calls/events", body, auth="secret"))
        phone_body = body if name != "unknown event" else json.dumps({"number": 5})
        tally.record("bodies", f"add phone {name}",
                     server.request("POST", "/api/v1/travellers/1/phones", phone_body))
    for name, body in [("null number", '{"number":null}'), ("number as int", '{"number":13800138000}'),
                       ("no number", '{"label":"x"}'), ("label array", '{"number":"+8613800138000","label":[]}')]:
        tally.record("bodies", f"add phone {name}",
                     server.request("POST", "/api/v1/travellers/1/phones", body))
    for name, headers in [("text/plain", {"Content-Type": "text/plain"}),
                          ("form", {"Content-Type": "application/x-www-form-urlencoded"})]:
        tally.record("bodies", f"webhook as {name}",
                     server.request("POST", "/api/v1/calls/events", json.dumps(good_event),
                                    headers=headers, auth="secret"))
    for path in ["/api/v1/calls/hostile-body/answer", "/api/v1/calls/hostile-body/hangup"]:
        tally.record("bodies", f"POST {path} with a body", server.request("POST", path, "[1,2,3]"))


def hostile_text(server, tally):
    quote = lambda s: urllib.parse.quote(s, safe="")
    for text in HOSTILE_TEXT:
        shown = text[:20]
        tally.record("hostile text", f"search {shown!r}",
                     server.request("GET", "/api/v1/travellers?q=" + quote(text)), )
        tally.record("hostile text", f"caller {shown!r}",
                     server.request("GET", "/api/v1/callers/" + quote(text)))
        tally.record("hostile text", f"traveller id {shown!r}",
                     server.request("GET", "/api/v1/travellers/" + quote(text)))
        tally.record("hostile text", f"answer {shown!r}",
                     server.request("POST", "/api/v1/calls/" + quote(text) + "/answer"))
        tally.record("hostile text", f"add phone {shown!r}",
                     server.request("POST", "/api/v1/travellers/1/phones",
                                    json.dumps({"number": text, "label": text})))
        event = {**ringing("hostile-" + text[:40], text, None), "queue": text}
        tally.record("hostile text", f"ringing from {shown!r}",
                     server.request("POST", "/api/v1/calls/events", json.dumps(event), auth="secret"))
        tally.record("hostile text", f"event named {shown!r}",
                     server.request("POST", "/api/v1/calls/events",
                                    json.dumps({**event, "event": text}), auth="secret"))
    for limit in ["0", "-1", "51", "1000", "１０", "1e3", "' OR 1=1"]:
        tally.record("hostile text", f"search limit={limit}",
                     server.request("GET", "/api/v1/travellers?q=zhang&limit=" + quote(limit)))


def me(server):
    answer = server.request("GET", "/api/v1/me")
    try:
        return json.loads(answer.body)["name"]
    except (ValueError, KeyError, TypeError):
        return None


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=os.environ.get("SKYDESK_SERVER", "http://127.0.0.1:7878"))
    parser.add_argument("--token", default=os.environ.get("SKYDESK_TOKEN"),
                        help="an agent's API token (default: SKYDESK_TOKEN)")
    parser.add_argument("--secret", default=os.environ.get("SKYDESK_WEBHOOK_SECRET"),
                        help="the webhook secret (default: SKYDESK_WEBHOOK_SECRET)")
    parser.add_argument("--timeout", type=float, default=5.0,
                        help="seconds a request may wait for its answer (default 5)")
    parser.add_argument("--slow-limit", type=float, default=15.0,
                        help="seconds a slow or idle connection may stay open (default 15)")
    parser.add_argument("--idle", type=int, default=200, help="idle connections (default 200)")
    parser.add_argument("--storm", type=int, default=20, help="copies of one ringing event (default 20)")
    parser.add_argument("--skip-slow", action="store_true", help="leave out the slow clients")
    args = parser.parse_args()
    if not args.token:
        parser.error("an agent's token is needed: --token or SKYDESK_TOKEN")
    if not (1 <= args.idle <= 1000 and 1 <= args.storm <= 100 and 0 < args.slow_limit <= 120
            and 0 < args.timeout <= 60):
        parser.error("--idle 1-1000, --storm 1-100, --slow-limit up to 120 s, --timeout up to 60 s")
    server = Server(args.server, args.token, args.secret, args.timeout)
    health = server.request("GET", "/healthz", auth=None)
    if health.status != 200:
        print(f"{args.server} does not answer /healthz ({health.status or health.error})",
              file=sys.stderr)
        return 2
    if me(server) is None:
        print("the token is not accepted by GET /api/v1/me", file=sys.stderr)
        return 2

    started = time.monotonic()
    tally = Tally()
    methods(server, tally)
    unknown_routes(server, tally)
    non_utf8_paths(server, tally)
    auth(server, tally)
    bodies(server, tally)
    hostile_text(server, tally)
    retry_storm(server, tally, args.storm)
    if not args.skip_slow:
        slow_clients(server, tally, args.slow_limit, args.idle)
    total = tally.print()
    print(f"\n{total['tried']} tries in {time.monotonic() - started:.1f} s against {args.server}")
    failed = total["5xx"] + total["not problem+json"] + total["hangs"] + total["other"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
