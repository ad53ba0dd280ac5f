"""Typeset the declaration as a printable A4 PDF.

The text comes from editors in every language the site offers, so the PDF
uses the Bitstream Vera TrueType fonts that ship with reportlab: unlike the
standard PDF fonts they are embedded and cover accented Latin letters.
"""

from functools import cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

AUTHOR = "Cities Coalition for Digital Rights"
FONT = "CCDR-Vera"
BOLD_FONT = "CCDR-Vera-Bold"
INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#57606a")
ACCENT = colors.HexColor("#0b5cad")


@cache
def _register_fonts() -> None:
    """Register the embedded fonts with reportlab, once per process."""
    fonts = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, str(fonts / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD_FONT)


@cache
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=10.5, leading=15, textColor=INK
    )
    return {
        "title": ParagraphStyle(
            "title",
            base,
            fontName=BOLD_FONT,
            fontSize=22,
            leading=27,
            spaceAfter=8 * mm,
        ),
        "intro": ParagraphStyle(
            "intro", base, fontSize=11.5, leading=17, spaceAfter=4 * mm
        ),
        "number": ParagraphStyle(
            "number",
            base,
            fontName=BOLD_FONT,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=5 * mm,
        ),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName=BOLD_FONT,
            fontSize=13,
            leading=17,
            spaceAfter=2 * mm,
        ),
        "body": base,
        "source": ParagraphStyle("source", base, spaceBefore=10 * mm),
        "generated": ParagraphStyle(
            "generated",
            base,
            fontSize=8,
            leading=11,
            textColor=MUTED,
            spaceBefore=4 * mm,
        ),
    }


def _text(value: str) -> str:
    """Return editor text as Paragraph markup that shows it literally."""
    return escape(value).replace("\n", "<br/>")


def declaration_pdf(
    *,
    title: str,
    intro: list[str],
    principles: list[tuple[int, str, str]],
    source_label: str,
    source_url: str,
    language: str,
    generated_label: str,
) -> bytes:
    """Return the declaration as an A4 PDF.

    ``principles`` holds ``(number, title, text)`` for each principle, in
    order; ``source_label`` introduces a link to ``source_url``, the page the
    reader can check the text against; ``generated_label`` (say, the date)
    is printed small at the end. All text is shown literally: markup in it
    is not interpreted. The output is deterministic for the same input.
    """
    _register_fonts()
    styles = _styles()

    story = [Paragraph(_text(title), styles["title"])]
    story += [Paragraph(_text(paragraph), styles["intro"]) for paragraph in intro]
    for number, heading, text in principles:
        story.append(
            KeepTogether(
                [
                    Paragraph(f"{number:02d}", styles["number"]),
                    Paragraph(_text(heading), styles["heading"]),
                    Paragraph(_text(text), styles["body"]),
                ]
            )
        )
    link = escape(source_url, {'"': "&quot;"})
    story.append(
        Paragraph(
            f'{_text(source_label)} <a href="{link}" color="#0b5cad">'
            f"<u>{escape(source_url)}</u></a>",
            styles["source"],
        )
    )
    story.append(Spacer(0, 2 * mm))
    story.append(Paragraph(_text(generated_label), styles["generated"]))

    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=AUTHOR,
        subject=title,
        creator=AUTHOR,
        lang=language,
        invariant=1,
    )
    document.build(story)
    return buffer.getvalue()
