"""The site's content model: plain functions that read, validate and generate content.

Nothing here depends on MkDocs, so the same checks run in the build (through the thin
hook files one folder up), in `make check`, and in unit tests.
"""
