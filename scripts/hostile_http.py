"""The raw HTTP client and the tally of `hostile.py`: requests are sent as
bytes (so that paths and headers can be anything), and every answer is
judged the same way."""

import ipaddress
import socket
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
