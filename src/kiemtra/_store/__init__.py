"""Event stores: the protocol every store follows, and the in-memory store."""
