"""Classroom exercises: a worksheet and an answer key from one assessment, and a checker that
compares a student's answers with the engine's and explains each difference."""
