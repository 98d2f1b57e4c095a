"""The personal research plan (个人研修计划): its structural rules and the plan-builder widget."""

from toolkit.lazy import lazy_attributes
from toolkit.plan.rules import (
    PLAN_KEY,
    RULE_IDS,
    PlanRules,
    RuleResult,
    check_plan,
    default_rules,
    load_rules,
    save_rules,
)

__all__ = [
    "PLAN_KEY",
    "RULE_IDS",
    "PlanBuilder",
    "PlanRules",
    "RuleResult",
    "check_plan",
    "default_rules",
    "load_rules",
    "save_rules",
]

# Widgets load ipywidgets, so they are imported only when asked for.
__getattr__ = lazy_attributes(
    __name__,
    {
        "PlanBuilder": "toolkit.plan.widget",
    },
)
