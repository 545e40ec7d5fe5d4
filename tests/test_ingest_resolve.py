"""Resolution: defaults are offline and pure; resolvers are injectable; unresolved kept."""

from __future__ import annotations

from ingest.extract import find_references
from ingest.models import (
    CitingContext,
    PartSpan,
    Pinpoint,
    Reference,
    ReferenceKind,
    ResolvedReference,
)
from ingest.resolve import DEFAULT_RESOLVERS, resolve_references
from ingest.tables import load_alias_table, load_case_names


def _ref(kind: ReferenceKind, start: int = 0, **groups: str) -> Reference:
    return Reference(start, start + 5, "x" * 5, kind, tuple(sorted(groups.items())))


def test_resolve_alias_tables_are_valid_and_cover_migration_law() -> None:
    table = load_alias_table()
    assert table["Vw"].work == "BWBR0011823" and table["VV"].work == "BWBR0012002"
    assert table["EVRM"].kind is ReferenceKind.TREATY
    assert load_case_names()["Chavez-Vilchez"] == "ECLI:EU:C:2017:354"


def test_resolve_unknown_regeling_is_kept_with_reason() -> None:
    (out,) = resolve_references(
        [_ref(ReferenceKind.LEGISLATION, regeling="Wet X", artikel="1")]
    )
    assert out.work is None and out.iri is None and "Wet X" in (out.reason or "")
    assert out.to_json()["reason"] and out.to_json()["work"] is None


def test_resolve_injected_resolver_replaces_default() -> None:
    def online_lookup(reference, *, context, previous) -> ResolvedReference:
        return ResolvedReference(reference, "ECLI:NL:RVS:2011:BR1234", Pinpoint())

    resolvers = {**DEFAULT_RESOLVERS, ReferenceKind.CASE_LAW: online_lookup}
    (out,) = resolve_references(
        [_ref(ReferenceKind.CASE_LAW, ljn="BR1234")], resolvers=resolvers
    )
    assert out.work == "ECLI:NL:RVS:2011:BR1234"
    (default,) = resolve_references([_ref(ReferenceKind.CASE_LAW, ljn="BR1234")])
    assert default.work is None and "LJN" in (default.reason or "")


def test_resolve_missing_resolver_keeps_reference() -> None:
    (out,) = resolve_references(
        [_ref(ReferenceKind.GAZETTE, series="stb")], resolvers={}
    )
    assert out.work is None and out.reason == "no resolver for kind gazette"


def test_resolve_deze_wet_needs_citing_regeling() -> None:
    ref = _ref(ReferenceKind.LEGISLATION, artikel="3", self="wet")
    assert resolve_references([ref])[0].work is None
    assert (
        resolve_references([ref], context=CitingContext(work="BWBR0011823"))[0].work
        == "BWBR0011823"
    )


def test_resolve_is_pure() -> None:
    refs = [_ref(ReferenceKind.GAZETTE, series="stb", year="2000", number="497")]
    assert resolve_references(refs) == resolve_references(refs)


def test_resolve_bare_article_the_citing_regeling_lacks_is_not_its_own() -> None:
    # "de artikelen 8:1 tot en met 8:5" in the Vw, after naming the Awb earlier
    context = CitingContext(
        work="BWBR0011823", parts=(PartSpan(0, 100, "artikel", "8"),)
    )
    own, other = resolve_references(
        [
            _ref(ReferenceKind.LEGISLATION, 0, artikel="8"),
            _ref(ReferenceKind.LEGISLATION, 10, artikel="8:1"),
        ],
        context=context,
    )
    assert own.work == "BWBR0011823"
    assert other.work is None and "artikel 8:1" in (other.reason or "")
    # without known parts (a context built by hand) the citing regeling is assumed,
    # unless the shipped article table knows it has no such article
    (bare,) = resolve_references(
        [_ref(ReferenceKind.LEGISLATION, artikel="8:1")],
        context=CitingContext(work="BWBR0011823"),
    )
    assert bare.work is None
    assert "no such article in Vreemdelingenwet 2000" in (bare.reason or "")
    (unknown,) = resolve_references(
        [_ref(ReferenceKind.LEGISLATION, artikel="8:1")],
        context=CitingContext(work="BWBR0001854"),  # Sr: articles not in the table
    )
    assert unknown.work == "BWBR0001854"


def test_resolve_context_parts_innermost_and_previous() -> None:
    parts = (
        PartSpan(0, 100, "hoofdstuk", "2"),
        PartSpan(10, 60, "artikel", "5"),
        PartSpan(20, 30, "lid", "1"),
        PartSpan(30, 60, "lid", "2"),
        PartSpan(60, 100, "artikel", "6"),
    )
    context = CitingContext(work="BWBR0011823", parts=parts)
    assert context.part_at(35, "lid") == parts[3]
    assert context.part_at(35, "hoofdstuk") == parts[0]
    assert context.part_at(65, "lid") is None  # article 6 has no leden
    assert context.part_before(35, "lid") == parts[2]
    assert context.part_before(25, "lid") is None
    assert context.has_part("artikel", "6") and not context.has_part("artikel", "7")


def test_resolve_a_ruling_does_not_cite_itself_by_its_partys_name():
    text = "Moussa Sacko v Commissione Territoriale; judgment of 26 July 2017, Sacko"
    own = find_references(text, CitingContext(document="ECLI:EU:C:2017:591"))
    assert [(r.work, r.reason) for r in own] == [
        (None, "'Sacko' names a party of this very ruling"),
        (None, "'Sacko' names a party of this very ruling"),
    ]
    other = find_references(text, CitingContext(document="ECLI:EU:C:2018:584"))
    assert [r.work for r in other] == ["ECLI:EU:C:2017:591"] * 2
