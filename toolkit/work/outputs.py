"""Where module products go, and how a Markdown document is written for Word users.

Products are written next to the notebook, in ``outputs/`` (``WORKSHOP_OUTPUTS``
overrides), so a teacher finds them in the JupyterLab file browser and can
attach them to an evidence assignment.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import os
from pathlib import Path

import mistune
import pandas as pd

from toolkit.atomic import write_text_atomic

OUTPUTS_ENV = "WORKSHOP_OUTPUTS"
_render = mistune.create_markdown(plugins=["table"])

# Word and WPS open an HTML file saved as .doc; the Office namespaces keep tables intact.
_WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office" \
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:"Microsoft YaHei","SimSun",sans-serif;line-height:1.6}}
table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:4px 8px}}</style></head>
<body>
{body}
</body></html>
"""


def outputs_dir() -> Path:
    """The folder that receives exported products (created on demand)."""
    configured = os.environ.get(OUTPUTS_ENV)
    folder = Path(configured) if configured else Path.cwd() / "outputs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# Products up to this size travel inside the page as data: links, which download the same way
# in JupyterLab, in Voila (alone or behind the hub) and offline; larger ones use the hub's files route.
INLINE_DOWNLOAD_LIMIT = 8 * 1024 * 1024


def download_links(*paths: Path) -> str:
    """HTML links that download each product from the page the teacher is on."""
    links = []
    for path in paths:
        name = html.escape(path.name)
        if path.stat().st_size <= INLINE_DOWNLOAD_LIMIT:
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            href = f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"
        else:
            prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
            relative = path.resolve().relative_to(Path.home().resolve()).as_posix()
            href = f"{prefix}files/{html.escape(relative)}"
        links.append(
            f"<a class='workshop-download' download='{name}' href='{href}' "
            f"style='color:#1565c0;text-decoration:underline;margin-right:12px'>⬇ {name}</a>"
        )
    return f"<div class='workshop-downloads'>{''.join(links)}</div>"


def markdown_to_html(markdown: str) -> str:
    """Markdown (with tables) rendered as an HTML fragment."""
    return str(_render(markdown))


def markdown_cell(value: object) -> str:
    """A value fit for one Markdown table cell: numbers without trailing zeros, no pipes or line breaks."""
    if isinstance(value, float):
        return "—" if pd.isna(value) else f"{value:g}"
    return str(value).replace("|", "/").replace("\n", " ")


def markdown_table(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table (its index left out)."""
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def write_document(stem: str, markdown: str, *, title: str) -> tuple[Path, Path]:
    """Write ``stem.md`` and a Word-compatible ``stem.doc``; return both paths."""
    folder = outputs_dir()
    md_path = folder / f"{stem}.md"
    doc_path = folder / f"{stem}.doc"
    write_text_atomic(md_path, markdown)
    write_text_atomic(doc_path, _WORD_PAGE.format(title=html.escape(title), body=markdown_to_html(markdown)))
    return md_path, doc_path
