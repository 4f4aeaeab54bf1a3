"""SPIP's lists and tables as HTML, for ``typo``: pure functions over the lines of one
block, given the converter of inline shortcuts (``inline``) for their contents.

SPIP starts a list at any line beginning with ``-*`` or ``-#``, right after a line of
text as well as after a blank line (``split_lists`` puts the blank line SPIP does not
need); ``-**``, ``-##``… nest. A line beginning with ``- `` is SPIP's dash line: a line
break and a dash inside its paragraph, not a list.
"""

import re
from collections.abc import Callable

LIST_LINE = re.compile(r"^-([*#]+)\s?(.*)$")
_LIST_START = re.compile(r"^-[*#]")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_CAPTION = re.compile(r"^\|\|([^|]*)(?:\|([^|]*))?\|\|\s*$")
_BOLD_CELL = re.compile(r"^\s*\{\{(.*)\}\}\s*$", re.S)


def split_lists(text: str) -> str:
    """``text`` with a blank line before each list or table that follows a line of text,
    and after each table that a line of text follows: as SPIP reads them, a paragraph
    ends where a list or a table starts. (A line of text right after a list item
    continues it, in SPIP too.)"""
    out: list[str] = []
    state = ""  # "list", "table" or "" (text, or nothing yet since a blank line)
    for line in text.split("\n"):
        kind = "list" if _LIST_START.match(line) else "table" if _TABLE_ROW.match(line) else ""
        if not line.strip():
            state = ""
        elif kind == "list" and state != "list" and out and out[-1].strip():
            out.append("")
            state = "list"
        elif kind == "table" and state == "" and out and out[-1].strip():
            out.append("")
            state = "table"
        elif state == "table" and kind != "table":
            out.append("")
            state = kind
        elif kind and not state:
            state = kind
        out.append(line)
    return "\n".join(out)


def is_list(lines: list[str]) -> bool:
    return bool(LIST_LINE.match(lines[0]))


def list_html(lines: list[str], inline: Callable[[str], str]) -> str:
    items: list[tuple[str, int, str]] = []  # (list tag, depth, text)
    for line in lines:
        match = LIST_LINE.match(line)
        if match:
            marks = match.group(1)
            tag = "ol" if marks[-1] == "#" else "ul"
            items.append((tag, len(marks), match.group(2)))
        elif items:
            tag, depth, previous = items[-1]
            items[-1] = (tag, depth, f"{previous}\n{line}")
    out: list[str] = []
    stack: list[str] = []  # open list tags, one per depth
    for tag, depth, content in items:
        while len(stack) > depth:
            out.append(f"</li></{stack.pop()}>")
        if len(stack) == depth and stack and stack[-1] != tag:
            out.append(f"</li></{stack.pop()}>")
        if len(stack) == depth:
            out.append("</li>")
        while len(stack) < depth:
            if stack and out and out[-1].endswith("</li>"):
                out[-1] = out[-1][: -len("</li>")]
            stack.append(tag)
            out.append(f"<{tag}>")
        out.append(f"<li>{inline(content)}")
    while stack:
        out.append(f"</li></{stack.pop()}>")
    return "".join(out)


def is_table(lines: list[str]) -> bool:
    return lines[0].lstrip().startswith("|") and lines[0].rstrip().endswith("|")


def table_html(lines: list[str], inline: Callable[[str], str]) -> str:
    caption = summary = ""
    rows: list[list[str]] = []
    for line in lines:
        line = line.strip()
        caption_match = _TABLE_CAPTION.match(line)
        if caption_match and not rows and not caption:
            caption = caption_match.group(1).strip()
            summary = (caption_match.group(2) or "").strip()
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            rows.append(line[1:-1].split("|"))
        elif rows:
            rows[-1][-1] += "\n" + line
        else:
            rows.append([line])
    if not rows:
        return ""
    out = ['<figure class="table"><table>']
    if caption or summary:
        # SPIP's summary ("||caption|summary||") is read with the caption.
        parts = [inline(caption)] if caption else []
        parts += [f"<small>{inline(summary)}</small>"] if summary else []
        out.append(f"<caption>{'<br>'.join(parts)}</caption>")
    first = rows[0]
    if all(_BOLD_CELL.match(cell) or not cell.strip() for cell in first):
        cells = "".join(f'<th scope="col">{inline(_unbold(cell))}</th>' for cell in first)
        out.append(f"<thead><tr>{cells}</tr></thead>")
        rows = rows[1:]
    out.append("<tbody>")
    for row in rows:
        cells = "".join(f"<td>{inline(cell.strip())}</td>" for cell in row)
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table></figure>")
    return "".join(out)


def _unbold(cell: str) -> str:
    match = _BOLD_CELL.match(cell)
    return match.group(1).strip() if match else cell.strip()
