"""The rulebook core: parameters by effective period, citations, explanations, templates."""
