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
import os
import sys
import time

# Leaves no __pycache__ in the repository.
sys.dont_write_bytecode = True

from hostile_http import Server, Tally
from hostile_requests import auth, bodies, hostile_text, me, methods, non_utf8_paths, unknown_routes
from hostile_timing import retry_storm, slow_clients


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=os.environ.get("SKYDESK_SERVER", "http://127.0.0.1:7878"))
    parser.add_argument("--token", default=os.environ.get("SKYDESK_TOKEN"),
                        help="an agent's API token (default: SKYDESK_TOKEN)")
    parser.add_argument("--secret", default=os.environ.get("SKYDESK_WEBHOOK_SECRET"),
                        help="the webhook secret (default: SKYDESK_WEBHOOK_SECRET)")
    parser.add_argument("--timeout", type=float, default=5.0,
                        help="seconds a request may wait for its answer (default 5)")
    parser.add_argument("--slow-limit", type=float, default=35.0,
                        help="seconds a slow or idle connection may stay open (default 35, above"
                        " the server's default body timeout of 30)")
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
