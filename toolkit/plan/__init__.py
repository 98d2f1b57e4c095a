"""The personal research plan (个人研修计划): its structural rules and the plan-builder widget."""

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
from toolkit.plan.widget import PlanBuilder

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
