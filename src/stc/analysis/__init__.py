"""Analyses over several assessments: comparison (and later sensitivity, timelines)."""
