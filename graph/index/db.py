"""The SQLite file of the index: its tables, and writing a document graph's rows.

Every row names the graph it was read from, so that writing a document replaces exactly
its rows (as the store replaces exactly its named graph), in one SQLite transaction per
batch of documents. Full text is an FTS5 table over ``texts`` (external content),
tokenised with ``unicode61 remove_diacritics 2`` so that "Oekraine" finds "Oekraïne";
the text is NFKC-normalised before it is stored (``rows.normalise_text``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from graph.errors import StoreError
from graph.index.rows import DocumentRows

SCHEMA_VERSION = "6"

TABLES = {
    "documents": ("doc", "kind", "id", "title", "date"),
    "texts": ("doc", "start", "text"),
    "identifiers": ("iri", "identifier"),
    "links": (
        "link",
        "doc",
        "source",
        "source_work",
        "target",
        "work",
        "type",
        "kind",
        "method",
        "quote",
        "start",
        "reason",
        "typed",
        "dated",
    ),
    "motions": (
        "doc",
        "id",
        "dossiernummer",
        "ondernummer",
        "date",
        "title",
        "indiener",
        "medeindieners",
    ),
    "votes": ("stemming", "besluit", "fractie", "soort", "zetels"),
    "zaken": ("zaak", "doc"),
    "zaak_records": ("zaak", "id", "kabinetsappreciatie", "afgedaan", "onderwerp"),
    "besluiten": ("besluit", "zaak", "uitslag", "voor", "tegen", "onvolledig"),
}

# Tables derived from a graph's links in SQL, in the transaction that writes them: one
# row per citing document and cited work (or part), and per document, with its number
# of links. The lists, most-cited counts and the citation network count these, not
# every link.
DERIVED = {
    "edges": (
        ("doc", "work", "links", "kind"),
        "SELECT graph, doc, work, COUNT(DISTINCT link), MIN(kind) FROM links"
        " WHERE graph = ? AND work IS NOT NULL AND kind IS NOT NULL GROUP BY doc, work",
    ),
    "document_links": (
        ("doc", "links"),
        "SELECT graph, doc, COUNT(DISTINCT link) FROM links WHERE graph = ?"
        " GROUP BY doc",
    ),
    "part_edges": (
        ("doc", "target", "work", "links"),
        "SELECT graph, doc, target, work, COUNT(DISTINCT link) FROM links"
        " WHERE graph = ? AND target IS NOT NULL AND work IS NOT NULL"
        " AND target != work GROUP BY doc, target, work",
    ),
}

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS documents (graph TEXT NOT NULL, {", ".join(TABLES["documents"])});
CREATE INDEX IF NOT EXISTS documents_graph ON documents (graph);
CREATE INDEX IF NOT EXISTS documents_doc ON documents (doc);
CREATE INDEX IF NOT EXISTS documents_order ON documents (kind, id, doc);
CREATE TABLE IF NOT EXISTS texts (
    rowid INTEGER PRIMARY KEY, graph TEXT NOT NULL, doc TEXT NOT NULL, start INTEGER,
    text TEXT);
CREATE INDEX IF NOT EXISTS texts_graph ON texts (graph);
CREATE VIRTUAL TABLE IF NOT EXISTS texts_fts USING fts5(
    text, content='texts', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS texts_insert AFTER INSERT ON texts BEGIN
    INSERT INTO texts_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS texts_delete AFTER DELETE ON texts BEGIN
    INSERT INTO texts_fts (texts_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TABLE IF NOT EXISTS identifiers (graph TEXT NOT NULL, iri TEXT, identifier);
CREATE INDEX IF NOT EXISTS identifiers_graph ON identifiers (graph);
CREATE INDEX IF NOT EXISTS identifiers_iri ON identifiers (iri);
CREATE TABLE IF NOT EXISTS links (graph TEXT NOT NULL, {", ".join(TABLES["links"])});
CREATE INDEX IF NOT EXISTS links_graph ON links (graph);
CREATE INDEX IF NOT EXISTS links_doc ON links (doc, work);
CREATE INDEX IF NOT EXISTS links_work ON links (work, doc);
CREATE INDEX IF NOT EXISTS links_target ON links (target);
CREATE INDEX IF NOT EXISTS links_relations ON links (source_work, work) WHERE typed;
CREATE TABLE IF NOT EXISTS motions (graph TEXT NOT NULL, {", ".join(TABLES["motions"])});
CREATE INDEX IF NOT EXISTS motions_graph ON motions (graph);
CREATE TABLE IF NOT EXISTS votes (graph TEXT NOT NULL, {", ".join(TABLES["votes"])});
CREATE INDEX IF NOT EXISTS votes_graph ON votes (graph);
CREATE INDEX IF NOT EXISTS votes_besluit ON votes (besluit, fractie, stemming);
CREATE TABLE IF NOT EXISTS zaken (graph TEXT NOT NULL, {", ".join(TABLES["zaken"])});
CREATE INDEX IF NOT EXISTS zaken_graph ON zaken (graph);
CREATE INDEX IF NOT EXISTS zaken_doc ON zaken (doc, zaak);
CREATE TABLE IF NOT EXISTS zaak_records (
    graph TEXT NOT NULL, {", ".join(TABLES["zaak_records"])});
CREATE INDEX IF NOT EXISTS zaak_records_graph ON zaak_records (graph);
CREATE INDEX IF NOT EXISTS zaak_records_zaak ON zaak_records (zaak);
CREATE TABLE IF NOT EXISTS besluiten (
    graph TEXT NOT NULL, {", ".join(TABLES["besluiten"])});
CREATE INDEX IF NOT EXISTS besluiten_graph ON besluiten (graph);
CREATE INDEX IF NOT EXISTS besluiten_zaak ON besluiten (zaak);
CREATE TABLE IF NOT EXISTS edges (graph TEXT NOT NULL, {", ".join(DERIVED["edges"][0])});
CREATE INDEX IF NOT EXISTS edges_graph ON edges (graph);
CREATE INDEX IF NOT EXISTS edges_work ON edges (work, doc, links, kind);
CREATE INDEX IF NOT EXISTS edges_doc ON edges (doc, work);
CREATE TABLE IF NOT EXISTS document_links (
    graph TEXT NOT NULL, {", ".join(DERIVED["document_links"][0])});
CREATE INDEX IF NOT EXISTS document_links_graph ON document_links (graph);
CREATE INDEX IF NOT EXISTS document_links_doc ON document_links (doc, links);
CREATE TABLE IF NOT EXISTS part_edges (
    graph TEXT NOT NULL, {", ".join(DERIVED["part_edges"][0])});
CREATE INDEX IF NOT EXISTS part_edges_graph ON part_edges (graph);
CREATE INDEX IF NOT EXISTS part_edges_target ON part_edges (target, work, doc, links);
"""


class Index:
    """An open index file (or an in-memory one for a store without a folder).

    ``missing``: there is no index to read (no file yet, or one written by another
    version of wetgraaf); it reads as empty. ``fresh``: this writable index was just
    made (or remade for another version), so it holds nothing of what the store may
    already hold (a build fills it first: ``graph.index.fill_if_fresh``).
    """

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.missing = path is not None and read_only and not path.exists()
        self.fresh = not read_only and (path is None or not path.exists())
        try:
            if path is None or self.missing:
                self._db = sqlite3.connect(":memory:", check_same_thread=False)
            elif read_only:
                uri = f"{path.resolve().as_uri()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(path, check_same_thread=False)
            if self._schema() not in (None, SCHEMA_VERSION):
                if read_only:
                    self.missing = True  # another version's tables: read none
                    self._db.close()
                    self._db = sqlite3.connect(":memory:", check_same_thread=False)
                else:
                    self._drop()
                    self.fresh = True
            if not read_only or self.missing:
                if path is not None and not read_only:
                    self._db.execute("PRAGMA journal_mode=WAL")
                self._db.executescript(SCHEMA)
                self._db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema', ?)",
                    (SCHEMA_VERSION,),
                )
                if not read_only and self.fresh:
                    # until a fill from the store's graphs ends, the index lacks them
                    self._set_filling(True)
                elif not read_only and self._filling():
                    self.fresh = True  # a fill was cut short (kill -9): fill again
                self._db.commit()
        except sqlite3.Error as error:
            raise StoreError(
                f"{path or 'memory'}: cannot open the index: {error}"
            ) from error

    def _schema(self) -> str | None:
        """The schema version the file was written with (None: a new file)."""
        try:
            row = self._db.execute(
                "SELECT value FROM meta WHERE key = 'schema'"
            ).fetchone()
        except sqlite3.OperationalError:  # no meta table: nothing written yet
            return None
        return None if row is None else str(row[0])

    def _filling(self) -> bool:
        row = self._db.execute(
            "SELECT value FROM meta WHERE key = 'filling'"
        ).fetchone()
        return row is not None and row[0] == "1"

    def _set_filling(self, filling: bool) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('filling', ?)",
            ("1" if filling else "0",),
        )

    def mark_filling(self, filling: bool) -> None:
        """Record that the index is being filled from every graph of the store
        (True) or was filled to the end (False): a writable index opened while the
        mark stands counts as ``fresh``, so the next build fills it again.

        Raises:
            StoreError: the index is read-only or cannot be written.
        """
        self._check_writable()
        try:
            with self._db:
                self._set_filling(filling)
        except sqlite3.Error as error:
            raise StoreError(
                f"{self._where()}: cannot write the index: {error}"
            ) from error

    def _drop(self) -> None:
        """Remove every table of another version's index (it is derived)."""
        names = [
            name
            for (name,) in self._db.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'texts_fts_%'"
            )
        ]
        with self._db:
            for name in names:
                self._db.execute(f'DROP TABLE IF EXISTS "{name}"')

    @classmethod
    def absent(cls) -> Index:
        """An index that is not there (a backend opened without its store's)."""
        index = cls(None, read_only=True)
        index.missing = True
        return index

    def write(self, documents: Iterable[DocumentRows]) -> None:
        """Replace the rows of each document's graph by its new rows, all in one
        transaction (a failure leaves the index as it was).

        Raises:
            StoreError: the index cannot be written.
        """
        self._check_writable()
        try:
            with self._db:
                for rows in documents:
                    self._delete(rows.graph)
                    self._db.execute("INSERT INTO graphs VALUES (?)", (rows.graph,))
                    for table, columns in TABLES.items():
                        values = getattr(rows, table)
                        if values:
                            marks = ", ".join("?" * (len(columns) + 1))
                            self._db.executemany(
                                f"INSERT INTO {table} (graph, {', '.join(columns)})"
                                f" VALUES ({marks})",
                                [(rows.graph, *row) for row in values],
                            )
                    for table, (columns, select) in DERIVED.items():
                        self._db.execute(
                            f"INSERT INTO {table} (graph, {', '.join(columns)}) {select}",
                            (rows.graph,),
                        )
        except sqlite3.Error as error:
            raise StoreError(
                f"{self._where()}: cannot write the index: {error}"
            ) from error

    def remove(self, graph: str) -> None:
        """Remove the rows of one graph."""
        self._check_writable()
        try:
            with self._db:
                self._delete(graph)
        except sqlite3.Error as error:
            raise StoreError(
                f"{self._where()}: cannot write the index: {error}"
            ) from error

    def clear(self) -> None:
        """Remove every row (before a rebuild)."""
        self._check_writable()
        with self._db:
            for table in ("graphs", *TABLES, *DERIVED):
                self._db.execute(f"DELETE FROM {table}")

    def _delete(self, graph: str) -> None:
        self._db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))
        for table in (*TABLES, *DERIVED):
            self._db.execute(f"DELETE FROM {table} WHERE graph = ?", (graph,))

    def graphs(self) -> list[str]:
        """The graphs indexed, in order."""
        return [g for (g,) in self.rows("SELECT graph FROM graphs ORDER BY graph")]

    def rows(
        self, sql: str, parameters: Sequence[Any] = ()
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of one SELECT, read as they are used (a streaming cursor).

        Raises:
            StoreError: the statement fails (e.g. an index written by another version).
        """
        try:
            cursor = self._db.execute(sql, parameters)
            while batch := cursor.fetchmany(1000):
                yield from batch
        except sqlite3.Error as error:
            raise StoreError(
                f"{self._where()}: cannot read the index: {error}"
            ) from error

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every table's rows in order (to compare two indexes)."""
        return {
            table: sorted(
                self.rows(f"SELECT graph, {', '.join(columns)} FROM {table}"),
                key=repr,
            )
            for table, columns in (
                *TABLES.items(),
                *((table, columns) for table, (columns, _) in DERIVED.items()),
            )
        }

    def size(self) -> int:
        """Bytes the index takes (0 in memory)."""
        if self.path is None or not self.path.exists():
            return 0
        return sum(
            p.stat().st_size
            for p in (self.path, self.path.with_name(self.path.name + "-wal"))
            if p.exists()
        )

    def close(self) -> None:
        self._db.close()

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self._where()}: the index is open read-only")

    def _where(self) -> str:
        return str(self.path or "memory")
