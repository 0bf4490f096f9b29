"""The domain model: attrs entities, frozen and validated when constructed."""
