"""Builders for expected values in extraction/resolution tables."""

from __future__ import annotations

from typing import Any

from ingest.models import Pinpoint, ResolvedReference


def make_expected(
    kind: str, work: str | None, **pinpoint: str
) -> tuple[str, str | None, dict[str, str]]:
    """The projection tests compare: (kind, work, pinpoint dict)."""
    return (kind, work, Pinpoint(**pinpoint).as_dict())


def project(resolved: ResolvedReference) -> tuple[str, str | None, dict[str, str]]:
    """(kind, work, pinpoint) of a resolved reference."""
    return (str(resolved.reference.kind), resolved.work, resolved.pinpoint.as_dict())


def project_all(
    resolved: list[ResolvedReference],
) -> list[tuple[str, str | None, dict[str, Any]]]:
    return [project(item) for item in resolved]
