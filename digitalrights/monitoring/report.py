"""A city's progress in one cycle as a printable A4 PDF.

The same figures and answers as the city's progress page: scores per
principle and overall, the change since the previous cycle, and every answer
with its level, justification and evidence. Typeset like the declaration
(``content.pdf``): embedded Vera fonts, text shown literally, deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from digitalrights.content.pdf import (
    ACCENT,
    AUTHOR,
    BOLD_FONT,
    FONT,
    INK,
    MUTED,
    _register_fonts,
)

if TYPE_CHECKING:
    from .public_views import CityProgress

GRID = colors.HexColor("#c8d0d8")


def _text(value: object) -> str:
    return escape(str(value)).replace("\n", "<br/>")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5)
    base.textColor = INK
    return {
        "title": ParagraphStyle(
            "title", base, fontName=BOLD_FONT, fontSize=19, leading=24
        ),
        "intro": ParagraphStyle("intro", base, fontSize=10.5, leading=15),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=BOLD_FONT,
            fontSize=13,
            leading=17,
            spaceBefore=6 * mm,
            spaceAfter=2 * mm,
            textColor=ACCENT,
        ),
        "h3": ParagraphStyle(
            "h3",
            base,
            fontName=BOLD_FONT,
            fontSize=10.5,
            leading=14,
            spaceBefore=3 * mm,
        ),
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=11, textColor=MUTED),
    }


def _number(value) -> str:
    return "–" if value is None else str(value)


def _signed(value) -> str:
    if value is None:
        return "–"
    return f"+{value}" if value > 0 else str(value)


def _table(rows: list[list[str]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("FONT", (0, 0), (-1, 0), BOLD_FONT, 9),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, GRID),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def city_report_pdf(
    *,
    progress: CityProgress,
    principle_label: Callable[[int | None], str],
    change_rows: list[dict],
    page_url: str,
    language: str,
) -> bytes:
    """Return the city's progress report for the cycle as PDF bytes."""
    _register_fonts()
    styles = _styles()
    city, assessment = progress.city, progress.assessment
    cycle = assessment.cycle
    title = _("Progress report: %(city)s, %(year)s") % {
        "city": city.name,
        "year": cycle.year,
    }
    story = [
        Paragraph(_text(title), styles["title"]),
        Spacer(0, 3 * mm),
        Paragraph(
            _text(
                _(
                    "The city's self-assessment of the %(year)s cycle, in"
                    " framework version %(version)s, reviewed by the working"
                    " groups and published on %(date)s."
                )
                % {
                    "year": cycle.year,
                    "version": cycle.framework_version.label,
                    "date": formats.date_format(
                        timezone.localtime(assessment.published_at), "DATE_FORMAT"
                    ),
                }
            ),
            styles["intro"],
        ),
    ]
    if assessment.corrects_id:
        story.append(
            Paragraph(
                _text(
                    _("Corrected: version %(version)s. %(note)s")
                    % {
                        "version": assessment.version,
                        "note": assessment.correction_note,
                    }
                ),
                styles["intro"],
            )
        )
    story.append(Paragraph(_text(_("Scores (0 to 100)")), styles["h2"]))
    story.append(
        _table(
            [[_("Principle"), _("Score")]]
            + [
                [
                    Paragraph(_text(principle_label(p)), styles["body"]),
                    _number(score.value if score else None),
                ]
                for p, score in progress.cycle_scores
            ],
            [130 * mm, 30 * mm],
        )
    )
    story.append(Paragraph(_text(_("Change since the previous cycle")), styles["h2"]))
    if not change_rows:
        story.append(
            Paragraph(
                _text(
                    _(
                        "There is no published assessment of this city before"
                        " %(year)s, so there is nothing to compare with yet."
                    )
                    % {"year": cycle.year}
                ),
                styles["body"],
            )
        )
    else:
        earlier = progress.earlier.cycle.year
        story.append(
            _table(
                [[_("Principle"), str(earlier), str(cycle.year), _("Change")]]
                + [
                    [
                        Paragraph(_text(row["label"]), styles["body"]),
                        _number(row["before"]),
                        _number(row["now"]),
                        _signed(row["change"]),
                    ]
                    for row in change_rows
                ],
                [100 * mm, 20 * mm, 20 * mm, 20 * mm],
            )
        )
        if not progress.change.same_version:
            story.append(
                Paragraph(
                    _text(
                        _(
                            "The two cycles used different framework versions:"
                            " only the questions they share are compared."
                        )
                    ),
                    styles["small"],
                )
            )
    story.append(Paragraph(_text(_("The answers")), styles["h2"]))
    current = None
    for answer in progress.answers:
        indicator = answer.indicator
        if indicator.principle_id != current:
            current = indicator.principle_id
            story.append(
                Paragraph(_text(f"{current}. {principle_label(current)}"), styles["h3"])
            )
        parts = [
            Paragraph(
                f"<b>{_text(indicator.code)}</b> {_text(indicator.question)}",
                styles["body"],
            ),
            Paragraph(
                _text(
                    _("Not answered")
                    if answer.level is None
                    else _("Level %(value)s: %(name)s")
                    % {"value": answer.level, "name": answer.level_name}
                ),
                styles["body"],
            ),
        ]
        if answer.justification:
            parts.append(Paragraph(_text(answer.justification), styles["body"]))
        evidence = [
            f"{link.label} – {link.url}" if link.label else link.url
            for link in answer.links.all()
        ]
        evidence += [
            _("%(title)s (document)") % {"title": document.title}
            for document in answer.documents.all()
        ]
        evidence += [initiative.title for initiative in answer.initiatives.all()]
        evidence += [
            f"{entry.title} {_('(algorithm register)')}"
            for entry in answer.register_entries.all()
        ]
        if evidence:
            parts.append(
                Paragraph(
                    _text(_("Evidence:") + " " + "; ".join(evidence)), styles["small"]
                )
            )
        parts.append(Spacer(0, 2 * mm))
        story.append(KeepTogether(parts))
    story.append(Spacer(0, 4 * mm))
    story.append(
        Paragraph(
            _text(_("This report online, with links to the evidence:"))
            + f' <a href="{escape(page_url, {chr(34): "&quot;"})}" color="#0b5cad">'
            f"<u>{escape(page_url)}</u></a>",
            styles["small"],
        )
    )
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=AUTHOR,
        subject=title,
        creator=AUTHOR,
        lang=language,
        invariant=1,
    ).build(story)
    return buffer.getvalue()
