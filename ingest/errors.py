"""Errors raised by the ingest stages; the CLI and app translate them at the boundary."""


class IngestError(Exception):
    """Base class for everything ingest raises on purpose."""


class SourceError(IngestError):
    """A source file cannot be read: names the file and the problem in one line."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class PatternError(IngestError):
    """A shipped pattern or lookup table is malformed."""
