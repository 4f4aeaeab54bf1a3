"""Validators shared by the content models."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Every character Python's str.splitlines() ends a line at, hence what some readers of
# our outputs (calendars, feeds, headers) take for one: CR and LF, the vertical tab and
# form feed, the file, group and record separators, NEL, and Unicode's line and paragraph
# separators.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
LINE_BREAK = re.compile(f"\r\n|[{re.escape(LINE_BREAKS)}]")


# Other control characters (the tab aside): invisible, and refused by XML (feeds).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")

# Unicode's explicit direction embeddings, overrides and isolates. Arabic or Hebrew needs
# none of them (each letter carries its direction), and one left open turns the text that
# follows it backwards, outside the field too: the date beside a title, the sentence
# around a theme's name.
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def single_line(value: str) -> None:
    """Refuse a line break in a field shown on one line (a title, a place, a name), the
    invisible control characters no output can carry, and direction overrides.

    Such a value ends up in one-line outputs (an iCalendar property, a page title), where
    a line break would end the line early.
    """
    if value and LINE_BREAK.search(value):
        raise ValidationError(
            _("Ce champ tient sur une ligne : retirez les retours à la ligne."),
            code="line_break",
        )
    if value and CONTROL.search(value):
        raise ValidationError(
            _("Ce champ contient un caractère invisible (de contrôle) : retirez-le."),
            code="control_character",
        )
    if value and BIDI_CONTROL.search(value):
        raise ValidationError(
            _(
                "Ce champ contient un caractère invisible qui inverse le sens de l’écriture : "
                "retirez-le (l’arabe ou l’hébreu s’écrivent sans)."
            ),
            code="bidi_control",
        )


def one_line(text: str) -> str:
    """``text`` with each line break (CR LF counting as one) replaced by a space."""
    return LINE_BREAK.sub(" ", text)
