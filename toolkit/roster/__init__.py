"""Rosters (名单): who takes part in a workshop, read from CSV, xlsx or xls."""

from toolkit.roster.read import ROLES, Roster, Teacher, read_roster, summarise_roster

__all__ = ["ROLES", "Roster", "Teacher", "read_roster", "summarise_roster"]
