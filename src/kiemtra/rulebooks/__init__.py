"""Rulebooks that ship with kiemtra: clients of the engine, never imported by it.

``kiemtra.rulebooks.vn`` encodes the regulations of the Communist Party of Vietnam for a ward-level party
organisation. A host may bring its own rulebook instead and use the same engine.
"""
