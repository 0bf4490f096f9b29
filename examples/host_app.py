"""A host application that embeds the engine: a small WSGI app over a SQLite store, and its outbox worker.

Run: ``python examples/host_app.py``. It keeps the company's complaints (``kiemtra.testing.company_rulebook``)
in a ``kiemtra.SqlStore`` on a SQLite file in a temporary folder, and serves three routes with the standard
library's WSGI (called in-process here, as a test client would; ``wsgiref.simple_server`` would serve the
same ``app`` over HTTP):

- ``POST /complaints`` opens a complaint;
- ``GET /cases/<id>`` shows the case and the moves the caller may make;
- ``POST /cases/<id>/<trigger>`` moves it, or answers ``409`` with every reason, in Vietnamese and English.

The engine writes the notifications of a step (a complaint received, a decision to announce) into the store's
outbox in the same unit of work as the step. A worker, with its own connection to the same file as a separate
process would have, takes them (``take``), delivers them (here: prints them), gives back the one whose
delivery failed (``release``) and acknowledges the others (``ack``); the one given back is delivered on the
next run. The host finally checks the store's hash chains (``verify``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import attrs
import pendulum

import kiemtra
from kiemtra.testing import CompanyCast as C
from kiemtra.testing import company_rulebook

Json = dict[str, Any]
StartResponse = Callable[[str, list[tuple[str, str]]], Any]

ACTORS: dict[str, kiemtra.Actor] = {
    "h-1": C.head,
    "o-1": C.officer,
    "c-1": C.chair,
    "p-1": C.complainant,
    "x-1": C.outsider,
}
"""The host's users, by the id its login gives (the ``X-User`` header here)."""

STATUS = {
    200: "200 OK",
    201: "201 Created",
    403: "403 Forbidden",
    404: "404 Not Found",
    409: "409 Conflict",
}


@attrs.frozen
class Doc:
    """A document of the host's, attached to a move: the engine needs only an ``id`` and a ``kind``."""

    id: str
    kind: str


class App:
    """The host's WSGI application: cases over HTTP, each call as the user the request names."""

    def __init__(self, engine: kiemtra.Engine) -> None:
        self.engine = engine

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Answer one request with JSON."""
        code, body = self.route(environ)
        data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
        start_response(STATUS[code], [("Content-Type", "application/json; charset=utf-8")])
        return [data]

    def route(self, environ: dict[str, Any]) -> tuple[int, Json]:
        """Which call a request makes, and its answer."""
        method, parts = environ["REQUEST_METHOD"], environ["PATH_INFO"].strip("/").split("/")
        actor = ACTORS.get(environ.get("HTTP_X_USER", ""))
        if actor is None:
            return 403, {"error": "unknown user"}
        size = int(environ.get("CONTENT_LENGTH") or 0)
        given: Json = json.loads(environ["wsgi.input"].read(size) or b"{}") if size else {}
        try:
            if method == "POST" and parts == ["complaints"]:
                return 201, self.open(actor, given)
            if method == "GET" and len(parts) == 2 and parts[0] == "cases":
                return 200, self.show(parts[1], actor)
            if method == "POST" and len(parts) == 3 and parts[0] == "cases":
                return 200, self.move(parts[1], parts[2], actor, given)
        except kiemtra.TransitionNotAllowed as refused:
            book = self.engine.rulebook.templates
            reasons = {
                lang: [r.render(book, lang) for r in refused.reasons] for lang in ("en", "vi")
            }
            return 409, {"refused": refused.trigger, "reasons": reasons}
        except kiemtra.PermissionDenied as denied:
            return 403, {"error": str(denied)}
        except kiemtra.UnknownReference as unknown:
            return 404, {"error": str(unknown)}
        return 404, {"error": f"no route {method} /{'/'.join(parts)}"}

    def open(self, actor: kiemtra.Actor, given: Json) -> Json:
        """Open a complaint on the letter the body names."""
        case = self.engine.open(
            "Complaint",
            C.subject,
            [kiemtra.Ground("letter", given["letter"])],
            actor,
            parties=C.parties,
            people=C.people,
        )
        due = None if case.deadline is None else case.deadline.due.isoformat()
        return {"id": case.id, "state": case.state, "due": due}

    def show(self, case_id: str, actor: kiemtra.Actor) -> Json:
        """The case as ``actor`` may see it, and the moves ``actor`` may make now."""
        case = self.engine.case(case_id, actor)
        moves = [o.trigger for o in self.engine.available(case_id, actor) if o.allowed]
        return {"id": case.id, "state": case.state, "seq": case.seq, "may": moves}

    def move(self, case_id: str, trigger: str, actor: kiemtra.Actor, given: Json) -> Json:
        """Fire ``trigger`` with the documents the body lists."""
        docs = [Doc(d["id"], d["kind"]) for d in given.get("evidence", ())]
        event = self.engine.fire(case_id, trigger, actor, evidence=docs)
        due = None if event.due is None else event.due.isoformat()
        return {"state": event.target, "seq": event.seq, "due": due}


def call(app: App, method: str, path: str, user: str, body: Json | None = None) -> tuple[int, Json]:
    """Send one request to ``app`` in-process, as a WSGI server would; return its status and JSON."""
    data = json.dumps(body).encode() if body is not None else b""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "HTTP_X_USER": user,
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.input": io.BytesIO(data),
    }
    setup_testing_defaults(environ)
    status: list[str] = []
    chunks = app(environ, lambda s, _headers: status.append(s))
    return int(status[0].split()[0]), json.loads(b"".join(chunks))


@attrs.define
class Mailer:
    """The host's delivery channel; the mailbox of anyone in ``full`` refuses mail until it is emptied."""

    sent: list[str] = attrs.field(factory=list)
    full: set[tuple[str, str]] = attrs.field(factory=set)

    def send(self, notice: kiemtra.Notice) -> None:
        """Deliver one notice, keyed by its idempotency key; raise when the recipient's box is full."""
        if notice.recipient in self.full:
            raise OSError(f"mailbox of {notice.recipient[1]} is full")
        self.sent.append(notice.key)


def deliver(
    store: kiemtra.OutboxStore, mailer: Mailer, now: dt.datetime, say: Callable[[str], None]
) -> None:
    """One run of the outbox worker: take the waiting notices, deliver each, ack or give back."""
    taken = store.take("mailer", now=now, lease=dt.timedelta(minutes=5))
    done, failed = [], []
    for message in taken:
        notice = message.notice
        who = ":".join(notice.recipient)
        try:
            mailer.send(notice)
        except OSError as error:
            say(f"  could not tell {who} ({error}); given back, attempt {message.attempts}")
            store.release(
                [message.id], now=now, retry_after=dt.timedelta(minutes=10), error=str(error)
            )
            failed.append(message.id)
            continue
        say(f"  told {who}: {notice.kind} of {notice.case_id} ({notice.trigger} -> {notice.state})")
        done.append(message.id)
    acked = store.ack(done, now=now)
    say(
        f"  worker run at {now:%d/%m %H:%M}: {len(taken)} taken, {acked} acked, {len(failed)} given back"
    )


def main(folder: str | Path | None = None) -> list[str]:
    """Run the walkthrough, its store in ``folder`` (a temporary one by default); return what it printed."""
    if folder is None:
        with tempfile.TemporaryDirectory() as temporary:
            return walkthrough(Path(temporary) / "cases.db")
    return walkthrough(Path(folder) / "cases.db")


def walkthrough(path: Path) -> list[str]:
    """Serve the requests, run the outbox worker twice and verify the store at ``path``."""
    out: list[str] = []
    say = out.append
    clock = kiemtra.FixedClock(pendulum.datetime(2026, 2, 12, 9, tz="Asia/Ho_Chi_Minh"))
    numbers = iter(range(1, 1000))
    url = f"sqlite:///{path}"
    with kiemtra.SqlStore(url) as store:
        engine = kiemtra.Engine(
            company_rulebook(),
            store,
            clock,
            access=kiemtra.AccessPolicy(directory=C.directory),
            ids=lambda: f"CMP-{next(numbers):04d}",
        )
        app = App(engine)
        code, opened = call(app, "POST", "/complaints", "p-1", {"letter": "L-2026-001"})
        case = opened["id"]
        say(f"POST /complaints -> {code} {case} {opened['state']}, acknowledge by {opened['due']}")
        steps: list[tuple[int, str, str, list[Json]]] = [
            (1, "triage", "o-1", []),
            (1, "acknowledge", "o-1", []),
            (24, "assign", "h-1", []),
            (24 * 17, "report", "o-1", [{"id": "R-1", "kind": "report"}]),
            (1, "decide", "o-1", []),  # refused: not the head, and no decision
            (24, "decide", "h-1", [{"id": "D-1", "kind": "decision"}]),
            (1, "notify", "o-1", []),
        ]
        for hours, trigger, user, docs in steps:
            clock.advance(hours=hours)
            before = len(store.messages())
            code, answer = call(app, "POST", f"/cases/{case}/{trigger}", user, {"evidence": docs})
            if code == 409:
                say(f"POST /cases/{case}/{trigger} as {user} -> 409, nothing written:")
                say("  " + " / ".join(answer["reasons"]["en"]))
                say("  " + " / ".join(answer["reasons"]["vi"]))
                assert len(store.messages()) == before  # a refused move writes no notice either
                continue
            say(f"POST /cases/{case}/{trigger} as {user} -> {code} {answer['state']}")
        code, shown = call(app, "GET", f"/cases/{case}", "p-1")
        say(f"GET /cases/{case} as p-1 -> {code} {shown['state']}, may: {', '.join(shown['may'])}")
        code, hidden = call(app, "GET", f"/cases/{case}", "x-1")
        say(f"GET /cases/{case} as x-1 -> {code} {hidden['error']}")
    with kiemtra.SqlStore(url, create=False) as worker:  # the worker's own connection
        waiting = worker.messages(delivered=False)
        say(f"outbox: {len(waiting)} notices waiting, written with their steps:")
        for message in waiting:
            n = message.notice
            say(f"  #{message.id} {n.kind} to {':'.join(n.recipient)} after step {n.seq} ({n.key})")
        mailer = Mailer(full={("member", C.subject.id)})
        deliver(worker, mailer, clock.now(), say)
        mailer.full.clear()  # the employee empties the mailbox
        deliver(worker, mailer, clock.now().add(minutes=15), say)
        left = worker.messages(delivered=False)
        say(f"outbox: {len(worker.messages(delivered=True))} delivered, {len(left)} waiting")
        checked = worker.verify()
        say(
            f"verified: {checked.cases} case, {checked.events} events, digest {checked.digest.value[:12]}"
        )
    return out


if __name__ == "__main__":
    for line in main():
        print(line)
