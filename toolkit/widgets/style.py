"""Small CSS shared by the option widgets (quiz items, self-checks, scenario cards)."""

from __future__ import annotations

WRAP_CLASS = "workshop-wrap-options"

# Options are often a full sentence: let a long one wrap onto a second line instead of running
# into the next (ipywidgets gives radio labels a fixed one-line height), at any page width.
WRAP_OPTIONS_CSS = (
    f"<style>.{WRAP_CLASS} .widget-radio-box label,.{WRAP_CLASS} .jupyter-widget-radio-box label"
    "{display:flex;align-items:flex-start;height:auto;line-height:1.5;margin:2px 0;white-space:normal}"
    f".{WRAP_CLASS} .widget-radio-box input,.{WRAP_CLASS} .jupyter-widget-radio-box input"
    "{flex:none;float:none;order:-1;height:1.5em;margin:0 8px 0 1px}"
    f".{WRAP_CLASS} .widget-checkbox label,.{WRAP_CLASS} .jupyter-widget-checkbox label"
    "{white-space:normal;height:auto}</style>"
)

# Voila's page style leaves links looking like plain text; a teacher must see what to click.
LINK = "style='color:#1565c0;text-decoration:underline'"
