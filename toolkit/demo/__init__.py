"""``workshop demo``: a synthetic workshop run end to end through real nbgrader."""

from toolkit.demo.cohort import synthetic_cohort
from toolkit.demo.run import DemoReport, run_demo
from toolkit.demo.synth import synthetic_roster

__all__ = ["DemoReport", "run_demo", "synthetic_cohort", "synthetic_roster"]
