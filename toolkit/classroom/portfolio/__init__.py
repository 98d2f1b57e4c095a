"""B10 portfolios: entries, the folder and growth (model), their words and chart, and the builder."""

from toolkit.classroom.portfolio.model import (
    ACTIVE,
    ARCHIVED,
    KINDS,
    Entry,
    Growth,
    Portfolio,
    PortfolioStore,
    growth_figures,
    growth_table,
    normalise_date,
    split_tags,
)
from toolkit.classroom.portfolio.report import export_portfolio, growth_summary, portfolio_markdown
from toolkit.lazy import lazy_attributes

__all__ = [
    "ACTIVE",
    "ARCHIVED",
    "KINDS",
    "Entry",
    "Growth",
    "Portfolio",
    "PortfolioBuilder",
    "PortfolioStore",
    "export_portfolio",
    "growth_figures",
    "growth_summary",
    "growth_table",
    "normalise_date",
    "portfolio_markdown",
    "split_tags",
]

# The builder loads ipywidgets, so it is imported only when asked for.
__getattr__ = lazy_attributes(__name__, {"PortfolioBuilder": "toolkit.classroom.portfolio.widget"})
