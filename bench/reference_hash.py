"""One hash of the references of every corpus file ingest reads, to show that a change
meant to make extraction faster changed no output.

Run from the repository root: ``python bench/reference_hash.py`` (this checkout) and
``python bench/reference_hash.py --root /tmp/wg-before`` (a ``git archive`` of the
commit before, imported from there); the corpus is this checkout's for both. Each
file is read as the build reads it (``ingest.sources.read_source``); its references
are found with its own context (``CitingContext.of``) and without one, and every
record (the refs.jsonl fields plus the scanner's groups) goes into the hash.
``--per-file`` prints a hash per file, to find the one that differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CORPUS = HERE / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=HERE)
    parser.add_argument("--per-file", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    import ingest
    from ingest.extract import find_references
    from ingest.models import CitingContext
    from ingest.sources import iter_source_files, read_source

    total = hashlib.sha256()
    files = references = 0
    for path in iter_source_files([CORPUS]):
        document = read_source(path)
        digest = hashlib.sha256()
        for context in (CitingContext.of(document), None):
            found = find_references(document.text, context)
            references += len(found) if context else 0
            for resolved in found:
                record = resolved.to_json()
                record["groups"] = resolved.reference.groups
                digest.update(json.dumps(record, sort_keys=True).encode())
            digest.update(b"\0")
        name = str(path.relative_to(CORPUS))
        total.update(name.encode() + digest.digest())
        files += 1
        if args.per_file:
            print(f"{digest.hexdigest()[:16]} {name}")
    print(f"ingest from {Path(ingest.__file__).parent.parent}")
    print(f"{files} files, {references} references, {total.hexdigest()}")


if __name__ == "__main__":
    main()
