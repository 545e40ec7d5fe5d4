"""Text → references → resolved identifiers. Never imports rdflib."""
