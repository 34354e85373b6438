"""The bad requests of `hostile.py`, one function per group, on every route."""

import json
import urllib.parse

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
