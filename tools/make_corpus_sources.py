"""Write corpus/SOURCES.md from the shared corpus manifests (sources.jsonl, and the
tables of the later additions in SOURCES-2026-12.md).

Run once after copying files into corpus/: ``python tools/make_corpus_sources.py SHARED``.
The bundled files keep their upstream names under a regrouped folder; this maps them back.
"""

import json
import sys
from pathlib import Path

FOLDERS: dict[
    str, tuple[str, ...]
] = {  # bundled folder -> folder(s) in the shared corpus
    "bwb": ("bwb-toestand", "bwb-format-samples"),
    "bwb-2012": ("bwb-wetgeving-2012",),
    "bwb-wti": ("bwb-format-samples",),
    "kamerstukken": ("kamerstukken",),
    "tk-odata/zaak-motie": ("tk-odata/zaak-motie",),
    "tk-odata/stemming-per-agendapunt": ("tk-odata/stemming-per-agendapunt",),
    "rechtspraak": ("rechtspraak", "rechtspraak-annotated"),
    "eu": ("eu",),
    "publicaties": ("officiele-publicaties",),
    "cjeu": ("cjeu-judgments",),
}
# Folders added later, whose provenance is a table in this file of the shared corpus
# (columns: file | official id | repo | path | commit | sha256).
LATER = "SOURCES-2026-12.md"
LATER_FOLDERS = {
    "cjeu-judgments": "CJEU judgment (English EUR-Lex judgment body, XML fragment)",
}


def _later_records(shared: Path) -> dict[str, dict]:
    """Manifest records of the later folders, read from their tables."""
    records: dict[str, dict] = {}
    folder = None
    for line in (shared / "corpus" / LATER).read_text().splitlines():
        if line.startswith("## "):
            name = line[3:].split(" ", 1)[0].strip("/")
            folder = name if name in LATER_FOLDERS else None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if folder is None or len(cells) != 6 or cells[0] in ("file", "---"):
            continue
        name, official, repo, path, commit, sha256 = cells
        celex = next(
            (part.split()[1] for part in official.split(";") if "CELEX" in part), ""
        )
        records[f"{folder}/{name}"] = {
            "what": f"{LATER_FOLDERS[folder]}: {official}",
            "official_url": (
                f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}"
            ),
            "repo": repo,
            "path": path,
            "commit": commit,
            "sha256": sha256,
        }
    return records


def _record(records: dict[str, dict], upstreams: tuple[str, ...], name: str) -> dict:
    """The manifest record of a bundled file: the one shared folder that holds it."""
    found = [records[f"{up}/{name}"] for up in upstreams if f"{up}/{name}" in records]
    if len(found) != 1:
        raise SystemExit(
            f"{name}: found in {len(found)} of the shared folders {upstreams}"
        )
    return found[0]


def main(shared: Path, corpus: Path) -> None:
    records = {}
    for line in (shared / "corpus" / "sources.jsonl").read_text().splitlines():
        record = json.loads(line)
        records[record["file"]] = record
    records.update(_later_records(shared))
    rows = []
    for bundled, upstreams in FOLDERS.items():
        for path in sorted((corpus / bundled).glob("*")):
            record = _record(records, upstreams, path.name)
            rows.append(
                f"| {bundled}/{path.name} | {record['what']} | {record['official_url']} "
                f"| {record['repo']} | {record['path']} | {record['commit']} "
                f"| {record['sha256']} |"
            )
    header = (
        "# Bundled corpus: provenance\n\n"
        "Real public documents in their official formats, copied byte for byte.\n\n"
        "- `seeds/`: the five documents wetgraaf was specified from, plain text as received "
        "from the PDF or web page (see `seeds/README.md` for each one's official identifier).\n"
        "- `bwb/`: BWB toestand XML (schema toestand 2016-1) of the Vreemdelingenwet 2000, "
        "Vreemdelingenbesluit 2000 and Algemene wet bestuursrecht, from the KOOP BWB "
        "repository; and of the Wet op de zorgtoeslag (not migration law: the regeling "
        "whose WTI is in `bwb-wti/`, so history and versions meet), from "
        "MinBZK/regelrecht-mvp.\n"
        "- `bwb-2012/`: older BWB XML (root `wetgeving`, DTD bwb-plus-meta-1_61w, as served "
        "around October 2012) of the Vreemdelingencirculaire 2000 parts A and C, the Voorschrift "
        "Vreemdelingen 2000, EVRM, Vluchtelingenverdrag, Rijkswet op het Nederlanderschap and "
        "WBV 2012/17, from kuipersb/wettenbestand.\n"
        "- `bwb-wti/`: BWB wetstechnische informatie (WTI XML, schema BWB-WTI 2016-1), a "
        "regeling's amendment history; the only stored WTI file is that of the Wet op de "
        "zorgtoeslag (not migration law, kept for the format), from MinBZK/regelrecht-mvp.\n"
        "- `kamerstukken/`: Officiële-publicatie XML of migration motions (Kamerstukken II).\n"
        "- `rechtspraak/`: open-rechtspraak XML of court decisions as served by "
        "data.rechtspraak.nl (the three `annotated` ones carry hand-made structure labels in "
        "their body; their metadata is original).\n"
        "- `eu/`: the Visa Code (Regulation 810/2009) as Formex CONS.ACT XML, and two EUR-Lex "
        "HTML pages (OJ XHTML and consolidated HTML).\n"
        "- `publicaties/`: Staatsblad and Staatscourant publication XML and one SRU record of "
        "a Gemeenteblad publication (officielebekendmakingen).\n"
        "- `tk-odata/`: Tweede Kamer OData API records: Zaak (Soort=Motie) with documents, "
        "besluiten and stemmingen; stemmingen per agendapunt.\n"
        "- `cjeu/`: judgments of the Court of Justice of the EU (2017–2018, asylum, "
        "migration and EU citizenship), the English judgment body of the EUR-Lex XHTML "
        "as an XML fragment (root `body`), named by ECLI.\n\n"
        "Dutch government documents, court decisions and parliamentary data carry no "
        "copyright (Auteurswet art. 11) and are open data. The table gives, per file, where "
        "the official source publishes it and the public repository and commit the copy was "
        "taken from (`git show <commit>:<path>`), with the first 12 hex digits of its "
        "SHA-256.\n\n"
        "| file | what | official URL | repo | path | commit | sha256 (12) |\n"
        "|---|---|---|---|---|---|---|\n"
    )
    (corpus / "SOURCES.md").write_text(header + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "corpus")
