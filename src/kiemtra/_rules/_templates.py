"""Message templates by language, supplied by a rulebook, and locale-aware formatting of values."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from kiemtra._errors import DefinitionError
from kiemtra._money import Money
from kiemtra._time import Duration

__all__ = ["Templates", "format_value"]

_LOCALES = {"vi": "vi_VN", "en": "en_GB"}
_REMEMBERED = 200_000  # formatted values kept per Templates before the memo starts again


def format_value(value: object, lang: str, templates: Templates | None = None) -> str:
    """Format ``value`` for people reading ``lang``: money, ratios as percents, dates, durations."""
    from babel.dates import format_date
    from babel.numbers import format_decimal, format_percent

    locale = _LOCALES.get(lang, lang)
    if isinstance(value, bool) or value is None:
        key = f"value.{str(value).lower()}"
        return templates.get(lang, key, str(value)) if templates else str(value)
    if isinstance(value, Money):
        return value.format(locale)
    if isinstance(value, Fraction):
        return str(format_percent(float(value), format="#,##0.##%", locale=locale))
    if isinstance(value, int):
        return str(format_decimal(value, locale=locale))
    if isinstance(value, _dt.datetime):
        return f"{format_date(value, format='short', locale=locale)} {value:%H:%M} {value.tzinfo}"
    if isinstance(value, _dt.date):
        return str(format_date(value, format="dd/MM/yyyy", locale=locale))
    if isinstance(value, Duration):
        unit_key = f"unit.{value.unit.value}"
        unit = templates.get(lang, unit_key, value.unit.value) if templates else value.unit.value
        return f"{value.amount} {unit}"
    return str(value)


@attrs.frozen
class Templates:
    """Message templates: ``{lang: {message_key: "text with {placeholders}"}}``.

    Placeholders take :meth:`str.format` syntax and receive the arguments formatted for the language.
    """

    messages: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    # Formatting a value for a language (money, shares, dates through Babel) is most of what rendering
    # costs, and reports format the same values many times: each text is remembered, per instance.
    _formatted: dict[tuple[type, object, str], str] = attrs.field(
        factory=dict, init=False, repr=False, eq=False
    )

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages that have templates."""
        return tuple(sorted(self.messages))

    def get(self, lang: str, key: str, default: str | None = None) -> str:
        """The raw template for ``key`` in ``lang``.

        Raises:
            DefinitionError: no template and no default.
        """
        try:
            return self.messages[lang][key]
        except KeyError:
            if default is not None:
                return default
            raise DefinitionError("templates", [f"no {lang!r} template for {key!r}"]) from None

    def format(self, value: object, lang: str) -> str:
        """``value`` formatted for people reading ``lang`` (:func:`format_value`), remembered."""
        try:
            key = (type(value), value, lang)
            found = self._formatted.get(key)
        except TypeError:  # an unhashable value: formatted each time
            return format_value(value, lang, self)
        if found is None:
            if len(self._formatted) >= _REMEMBERED:
                self._formatted.clear()
            found = self._formatted[key] = format_value(value, lang, self)
        return found

    def render(self, key: str, args: Mapping[str, Any], lang: str) -> str:
        """The message ``key`` in ``lang`` with its arguments formatted for that language.

        A string argument ``name=value`` whose key ``"<name>.<value>"`` has a template is shown by that
        template (``level="good"`` reads "hoàn thành tốt nhiệm vụ" in Vietnamese).

        Raises:
            DefinitionError: the template is missing or names an argument that was not given.
        """
        template = self.get(lang, key)
        messages = self.messages.get(lang, {})
        formatted = {}
        for name, value in args.items():
            # A word argument is shown by its own template when there is one: level=excellent uses
            # "level.excellent", so codes stay codes in data and read as words in messages.
            label = messages.get(f"{name}.{value}") if isinstance(value, str) else None
            formatted[name] = label if label is not None else self.format(value, lang)
        try:
            return template.format(**formatted)
        except (KeyError, IndexError) as exc:
            raise DefinitionError(
                "templates", [f"{lang!r} template {key!r} needs argument {exc}"]
            ) from None

    def missing(self, keys: Iterable[str], languages: Iterable[str] = ("vi", "en")) -> list[str]:
        """Every ``lang:key`` pair among ``keys`` that has no template; empty when all are there."""
        langs = tuple(languages)
        return [
            f"{lang}:{key}"
            for key in keys
            for lang in langs
            if key not in self.messages.get(lang, {})
        ]

    def merged(self, other: Templates) -> Templates:
        """These templates with ``other``'s added (``other`` wins on a clash)."""
        langs = set(self.messages) | set(other.messages)
        return Templates(
            {
                lang: {**self.messages.get(lang, {}), **other.messages.get(lang, {})}
                for lang in langs
            }
        )
