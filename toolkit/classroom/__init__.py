"""Classroom tools used by the course modules: each is a plain model plus a no-code widget."""
