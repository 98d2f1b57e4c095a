"""Lesson evaluation by every party (seed 004): the school's standard, ratings, agreement."""
