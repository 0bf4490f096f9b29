"""Embed the engine with a rulebook that is not Vietnamese: a company's complaint handling.

Run: ``python examples/company_complaint.py``. It opens a complaint, moves it through its procedure, shows
a blocked move with its reasons in English and Vietnamese, extends a deadline, and prints the history and
the procedure's diagram.
"""

from __future__ import annotations

import attrs
import pendulum

import kiemtra
from kiemtra.testing import CompanyCast as C
from kiemtra.testing import company_rulebook


@attrs.frozen
class Doc:
    """A document attached to a move."""

    id: str
    kind: str


def main() -> list[str]:
    """Run the walkthrough; return the lines it printed."""
    out: list[str] = []
    say = out.append
    book = company_rulebook()
    clock = kiemtra.FixedClock(pendulum.datetime(2026, 2, 12, 9, tz="Asia/Ho_Chi_Minh"))
    engine = kiemtra.Engine(
        book, kiemtra.MemoryStore(), clock, access=kiemtra.AccessPolicy(directory=C.directory)
    )
    case = engine.open(
        "Complaint",
        C.subject,
        [kiemtra.Ground("letter", "L-2026-001")],
        C.complainant,
        parties=C.parties,
        people=C.people,
    )
    assert case.deadline is not None
    say(
        f"opened {case.id} under version {case.version}; acknowledge by {case.deadline.due} (Tết skipped)"
    )
    engine.fire(case.id, "triage", C.officer)  # version 2025 added a triage step
    engine.fire(case.id, "acknowledge", C.officer)
    engine.fire(case.id, "assign", C.head)
    try:
        engine.fire(case.id, "report", C.officer)
    except kiemtra.TransitionNotAllowed as refused:
        for reason in refused.reasons:
            say("blocked (en): " + reason.render(book.templates, "en"))
            say("blocked (vi): " + reason.render(book.templates, "vi"))
    event = engine.extend(case.id, C.head, note="witness abroad")
    say(f"investigation extended to {event.due}")
    engine.fire(case.id, "report", C.officer, evidence=[Doc("R-1", "report")])
    engine.fire(case.id, "decide", C.head, evidence=[Doc("D-1", "decision")])
    engine.fire(case.id, "notify", C.officer)
    for option in engine.available(case.id, C.complainant):
        if option.allowed:
            say(f"the complainant may now: {option.trigger}")
    for e in engine.history(case.id, C.head):
        say(f"  {e.seq}. {e.trigger or e.kind}: {e.source or '-'} -> {e.target} by {e.actor}")
    say(engine.diagram("Complaint").splitlines()[0])
    return out


if __name__ == "__main__":
    for line in main():
        print(line)
