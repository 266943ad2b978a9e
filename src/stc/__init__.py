"""stc: does a country meet the statutory requirements for a "safe third country"?"""

__version__ = "0.5.0"
"""The one place the version is written (pyproject.toml reads it). Bump it, with a
CHANGELOG.md entry, whenever a change moves any golden output (tests/test_changelog.py)."""
