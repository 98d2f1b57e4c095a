"""Competency workshop toolkit: run 2.0 micro-competency coursework on Jupyter."""

__version__ = "0.1.0"
