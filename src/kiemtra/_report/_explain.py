"""Explanations as the report shows them: the message of
:meth:`~kiemtra._rules._explanation.Explanation.render` and the full basis of
:meth:`~kiemtra._rules._explanation.Explanation.describe`, with every value formatted once per process.

A report explains dozens of outcomes that read the same parameters on the same dates; formatting a value for
a language (money, percents, dates through Babel) is most of what describing costs, so the formatted values
are remembered. The texts are the ones ``Explanation.render`` and ``Explanation.describe`` give (a test compares them).
"""

from __future__ import annotations

import threading
from typing import Final

from kiemtra._errors import DefinitionError
from kiemtra._rules._explanation import Explanation
from kiemtra._rules._param import ParamUse
from kiemtra._rules._templates import Templates, format_value

__all__ = ["describe", "explain", "render"]

_MAX: Final = 200_000
# Per templates (held, so that its id is not reused): (type, value, lang) -> text, and parameter lines.
_FORMATTED: dict[int, tuple[Templates, dict[tuple[type, object, str], str]]] = {}
_LOCK = threading.Lock()


def _memo(templates: Templates) -> dict[tuple[type, object, str], str]:
    found = _FORMATTED.get(id(templates))
    if found is None or found[0] is not templates:
        with _LOCK:
            if len(_FORMATTED) > 8:
                _FORMATTED.clear()
            found = _FORMATTED[id(templates)] = (templates, {})
    elif len(found[1]) >= _MAX:
        found[1].clear()
    return found[1]


def _fmt(value: object, lang: str, templates: Templates) -> str:
    memo = _memo(templates)
    try:
        key = (type(value), value, lang)
        found = memo.get(key)
    except TypeError:  # an unhashable value: format it each time
        return format_value(value, lang, templates)
    if found is None:
        found = memo[key] = format_value(value, lang, templates)
    return found


def _param_line(use: ParamUse, lang: str, t: Templates) -> str:
    memo = _memo(t)
    key: tuple[type, object, str] = (ParamUse, use, lang)
    try:
        found = memo.get(key)
        hashable = True
    except TypeError:
        found, hashable = None, False
    if found is None:
        flag = ""
        if use.overridden:
            flag += " [" + t.get(lang, "explain.overridden", "overridden") + "]"
        if use.status.value != "confirmed":
            flag += " [" + t.get(lang, f"status.{use.status.value}", use.status.value) + "]"
        cited = "; ".join(str(c) for c in use.citations)
        found = f"  {use.key} = {_fmt(use.value, lang, t)} ({cited}){flag}"
        if hashable:
            memo[key] = found
    return found


def render(explanation: Explanation, templates: Templates, lang: str) -> str:
    """``explanation.render(templates, lang)``.

    Raises:
        DefinitionError: the template is missing or names an argument that was not given.
    """
    e = explanation
    template = templates.get(lang, e.message_key)
    messages = templates.messages.get(lang, {})
    formatted = {}
    for name, value in (*e.inputs.items(), *e.thresholds.items(), *e.args.items()):
        label = messages.get(f"{name}.{value}") if isinstance(value, str) else None
        formatted[name] = label if label is not None else _fmt(value, lang, templates)
    try:
        return template.format(**formatted)
    except (KeyError, IndexError) as exc:
        raise DefinitionError(
            "templates", [f"{lang!r} template {e.message_key!r} needs argument {exc}"]
        ) from None


def describe(explanation: Explanation, templates: Templates, lang: str, message: str) -> str:
    """``explanation.describe(templates, lang)``, given its rendered ``message``."""
    t = templates
    e = explanation
    lines = [message, f"  {t.get(lang, 'explain.rule', 'rule')}: {e.rule_id} v{e.rule_version}"]
    if e.governing_date is not None:
        label = t.get(lang, "explain.governing_date", "governing date")
        lines.append(f"  {label}: {_fmt(e.governing_date, lang, t)}")
    basis = t.get(lang, "explain.citation", "basis")
    lines.extend(f"  {basis}: {c}" for c in e.citations)
    lines.extend(_param_line(p, lang, t) for p in e.params)
    word = t.get(lang, "explain.input", "input")
    lines.extend(f"  {word} {name} = {_fmt(v, lang, t)}" for name, v in e.inputs.items())
    word = t.get(lang, "explain.threshold", "threshold")
    lines.extend(f"  {word} {name} = {_fmt(v, lang, t)}" for name, v in e.thresholds.items())
    if e.evidence:
        lines.append(f"  {t.get(lang, 'explain.evidence', 'evidence')}: {', '.join(e.evidence)}")
    return "\n".join(lines)


def explain(explanation: Explanation, templates: Templates, lang: str) -> tuple[str, str]:
    """The message and the full basis of ``explanation`` in ``lang``.

    An explanation whose template is missing, or misses an argument, reads as its message key and
    arguments rather than failing the report.
    """
    try:
        message = render(explanation, templates, lang)
    except (DefinitionError, KeyError, IndexError, ValueError):
        message = f"{explanation.message_key} {dict(explanation.args)}"
    return message, describe(explanation, templates, lang, message)
