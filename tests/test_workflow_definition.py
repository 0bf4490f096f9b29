"""Procedure definitions are validated when an engine loads them; every problem is reported."""

from __future__ import annotations

import pendulum
import pytest

from kiemtra import DateRange, DefinitionError
from kiemtra._calendar import FixedClock
from kiemtra._example import company_rulebook
from kiemtra._store._memory import MemoryStore
from kiemtra._workflow._definition import Move, Permit, Procedure, ProcedureVersion, State
from kiemtra._workflow._engine import Engine

SINCE = DateRange(pendulum.date(2020, 1, 1))


def load(*versions: ProcedureVersion) -> None:
    """Load a procedure into an engine on the company rulebook."""
    Engine(
        company_rulebook(),
        MemoryStore(),
        FixedClock(pendulum.datetime(2024, 1, 1, tz="UTC")),
        procedures=[Procedure("P", versions)],
    )


def version(states: list[State], moves: list[Move], initial: str = "a") -> ProcedureVersion:
    """A version in force since 2020."""
    return ProcedureVersion("1", SINCE, initial, states, moves)


def test_sound_definition_loads() -> None:
    """A two-state procedure with one move loads."""
    load(version([State("a"), State("b", final=True)], [Move("go", ["a"], "b")]))


def test_unreachable_state_is_an_error() -> None:
    """A state no move leads to is reported as unreachable."""
    with pytest.raises(DefinitionError, match="'c' is unreachable"):
        load(
            version(
                [State("a"), State("b", final=True), State("c", final=True)],
                [Move("go", ["a"], "b")],
            )
        )


def test_dead_end_is_an_error() -> None:
    """A non-final state with no way out is reported."""
    with pytest.raises(DefinitionError, match="non-final state 'b' has no way out"):
        load(version([State("a"), State("b")], [Move("go", ["a"], "b")]))


def test_unknown_trigger_is_an_error() -> None:
    """A separation of duties naming a trigger no move has is reported."""
    with pytest.raises(DefinitionError, match="unknown trigger 'nope'"):
        load(
            version(
                [State("a"), State("b", final=True)],
                [Move("go", ["a"], "b", separate_from=["nope"])],
            )
        )


def test_move_to_unknown_state_is_an_error() -> None:
    """A move naming a state that does not exist is reported."""
    with pytest.raises(DefinitionError, match="unknown state 'z'"):
        load(
            version(
                [State("a"), State("b", final=True)],
                [Move("go", ["a"], "b"), Move("to_z", ["a"], "z")],
            )
        )


def test_deadline_without_a_parameter_is_an_error() -> None:
    """A deadline naming no parameter of the rulebook is reported."""
    with pytest.raises(DefinitionError, match="deadline without a parameter"):
        load(
            version(
                [State("a", deadline="complaint.nope"), State("b", final=True)],
                [Move("go", ["a"], "b")],
            )
        )


def test_extension_nobody_may_grant_is_an_error() -> None:
    """An extension without extenders is reported."""
    with pytest.raises(DefinitionError, match="nobody may grant it"):
        load(
            version(
                [
                    State(
                        "a",
                        deadline="complaint.appeal_window",
                        extension="complaint.extension",
                        max_extensions=1,
                    ),
                    State("b", final=True),
                ],
                [Move("go", ["a"], "b")],
            )
        )


def test_unknown_initial_state_is_an_error() -> None:
    """An initial state that is not a state is reported."""
    with pytest.raises(DefinitionError, match="initial state 'x'"):
        load(version([State("a"), State("b", final=True)], [Move("go", ["a"], "b")], initial="x"))


def test_final_state_with_exits_is_an_error() -> None:
    """A final state that moves on is contradictory."""
    with pytest.raises(DefinitionError, match="final state 'b' has moves out"):
        load(
            version(
                [State("a"), State("b", final=True)],
                [Move("go", ["a"], "b"), Move("back", ["b"], "a")],
            )
        )


def test_overlapping_versions_are_an_error() -> None:
    """Two versions in force on the same day are reported."""
    v1 = version([State("a"), State("b", final=True)], [Move("go", ["a"], "b")])
    v2 = ProcedureVersion("2", DateRange(pendulum.date(2023, 1, 1)), "a", v1.states, v1.moves)
    with pytest.raises(DefinitionError, match="versions 1 and 2 overlap"):
        load(v1, v2)


def test_every_problem_is_reported_at_once() -> None:
    """One load reports the unreachable state and the dead end together."""
    with pytest.raises(DefinitionError) as err:
        load(version([State("a"), State("b"), State("c", final=True)], [Move("go", ["a"], "b")]))
    assert len(err.value.problems) == 2


def test_permits_are_data() -> None:
    """A permit is a plain value naming a party and roles."""
    assert Permit("office", roles=["head"]).roles == ("head",)
