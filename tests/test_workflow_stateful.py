"""The pluggable stateful test, run on the example company procedures."""

from __future__ import annotations

import pendulum

from kiemtra._example import CompanyCast as C
from kiemtra._example import company_rulebook
from kiemtra._stateful import procedure_state_machine
from kiemtra._workflow._access import AccessPolicy

START = pendulum.datetime(2024, 11, 4, 9, tz="Asia/Ho_Chi_Minh")

ComplaintMachine = procedure_state_machine(
    company_rulebook(),
    "Complaint",
    actors=C.actors(),
    subject=C.subject,
    parties=C.parties,
    people=C.people,
    evidence_kinds=["report", "decision"],
    start=START,
    access=AccessPolicy(directory=C.directory),
)
TestComplaintMachine = ComplaintMachine.TestCase

MisconductMachine = procedure_state_machine(
    company_rulebook(),
    "Misconduct",
    actors=C.actors(),
    subject=C.subject,
    parties=C.parties,
    start=START,
    access=AccessPolicy(directory=C.directory),
)
TestMisconductMachine = MisconductMachine.TestCase
