"""Domain core for citizenship-policy microsites: model, schema, themes, catalog.

Nothing in this package imports MkDocs; hooks in ``hooks/`` adapt it to MkDocs.
"""
