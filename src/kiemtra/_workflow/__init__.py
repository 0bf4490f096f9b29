"""The workflow engine: procedure definitions, shared machines, authorization, deadlines, events."""
