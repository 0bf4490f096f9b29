"""Explanations as the report shows them: :meth:`~kiemtra.Explanation.render` and
:meth:`~kiemtra.Explanation.describe`, except that an explanation whose template is missing reads as its key
and arguments rather than failing the whole report.
"""

from __future__ import annotations

from kiemtra._errors import DefinitionError
from kiemtra._rules._explanation import Explanation
from kiemtra._rules._templates import Templates

__all__ = ["explain"]


def explain(explanation: Explanation, templates: Templates, lang: str) -> tuple[str, str]:
    """The message and the full basis of ``explanation`` in ``lang``.

    An explanation whose template is missing, or misses an argument, reads as its message key and
    arguments rather than failing the report.
    """
    try:
        return explanation.render(templates, lang), explanation.describe(templates, lang)
    except (DefinitionError, KeyError, IndexError, ValueError):
        message = f"{explanation.message_key} {dict(explanation.args)}"
        literal = message.replace("{", "{{").replace("}", "}}")
        stand_in = templates.merged(Templates({lang: {explanation.message_key: literal}}))
        return message, explanation.describe(stand_in, lang)
