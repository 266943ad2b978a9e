"""Renderers: every output format renders the same verdict tree."""
