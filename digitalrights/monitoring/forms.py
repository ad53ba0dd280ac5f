"""The officials' answer form (one indicator per page), comments and decisions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalrights.core.forms import SiteForm
from digitalrights.initiatives.services import LinkData

from .documents import document_check, max_megabytes
from .models import (
    JUSTIFICATION_MAX_LENGTH,
    MAX_EVIDENCE_DOCUMENTS,
    MAX_EVIDENCE_LINKS,
    Answer,
    EvidenceDocument,
    Level,
)

# As the services check them (services.COMMENT_MAX_LENGTH, assessment_correct).
COMMENT_MAX_LENGTH = 5000
CORRECTION_NOTE_MAX_LENGTH = 2000

EMPTY_LINK_ROWS = 2


class AnswerForm(SiteForm):
    level = forms.TypedChoiceField(
        label=_("Level"),
        help_text=_("Choose the level that describes your city today."),
        widget=forms.RadioSelect,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": _("Choose one of the framework's levels."),
        },
    )
    justification = forms.CharField(
        label=_("Why this level"),
        help_text=_(
            "In a few sentences: what the city has done, and what is still to do."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=JUSTIFICATION_MAX_LENGTH,
        required=False,
    )
    initiatives = forms.TypedMultipleChoiceField(
        label=_("Your city's initiatives that show it"),
        widget=forms.CheckboxSelectMultiple,
        coerce=int,
        required=False,
        error_messages={
            "invalid_choice": _("Choose among your city's published initiatives."),
        },
    )
    register_entries = forms.TypedMultipleChoiceField(
        label=_("Your city's algorithm register entries that show it"),
        widget=forms.CheckboxSelectMultiple,
        coerce=int,
        required=False,
        error_messages={
            "invalid_choice": _(
                "Choose among your city's published algorithm register entries."
            ),
        },
    )

    document = forms.FileField(
        label=_("Add a document"),
        required=False,
        allow_empty_file=True,  # documents.document_check says why it is refused
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.odt,.docx,.ods,.xlsx,.csv,.png,.jpg,.jpeg",
            }
        ),
    )
    document_title = forms.CharField(
        label=_("Title of the document"),
        help_text=_(
            "What the document is, as the public will see it. Leave it empty to"
            " use the file's name."
        ),
        max_length=200,
        required=False,
    )

    def __init__(
        self,
        *args,
        levels: list[Level],
        initiatives: list[tuple[int, str]],
        register_entries: list[tuple[int, str]] = (),
        link_rows: int = EMPTY_LINK_ROWS,
        documents: list[EvidenceDocument] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Formatted here, in the language of the request.
        self.fields["document"].help_text = _(
            "A PDF, an OpenDocument or Word text, an OpenDocument or Excel"
            " spreadsheet, a CSV table, or a PNG or JPEG picture; up to"
            " %(size)s MB, and %(count)s documents per answer. Everyone can"
            " download it once the assessment is published."
        ) % {"size": max_megabytes(), "count": MAX_EVIDENCE_DOCUMENTS}
        self.documents = list(documents)
        if self.documents:
            self.fields["remove_documents"] = forms.TypedMultipleChoiceField(
                label=_("Remove these documents when saving"),
                choices=[(d.pk, d.title) for d in self.documents],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                error_messages={
                    "invalid_choice": _("Choose among this answer's documents."),
                },
            )
        self.fields["level"].choices = [
            (level.value, f"{level.value} – {level.name}: {level.definition}")
            for level in levels
        ]
        self.fields["initiatives"].choices = initiatives
        if not initiatives:
            del self.fields["initiatives"]
        self.fields["register_entries"].choices = register_entries
        if not register_entries:
            del self.fields["register_entries"]
        if self.is_bound:
            # As many rows as were sent, so nothing typed is dropped.
            sent = {
                key.rsplit("_", 1)[-1]
                for key in self.data
                if key.startswith(("link_url_", "link_label_"))
            }
            link_rows = max(link_rows, len(sent))
        self.link_count = min(link_rows, MAX_EVIDENCE_LINKS)
        for i in range(self.link_count):
            self.fields[f"link_url_{i}"] = forms.CharField(
                label=_("Web address"),
                max_length=500,
                required=False,
                help_text=_("Starting with https:// or http://."),
            )
            self.fields[f"link_label_{i}"] = forms.CharField(
                label=_("What it is"), max_length=200, required=False
            )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            document_check(upload)
        return upload

    @property
    def link_rows(self) -> list[dict]:
        return [
            {
                "number": i + 1,
                "url": self[f"link_url_{i}"],
                "label": self[f"link_label_{i}"],
            }
            for i in range(self.link_count)
        ]

    def links(self) -> list[LinkData]:
        return [
            LinkData(
                url=self.cleaned_data.get(f"link_url_{i}", ""),
                label=self.cleaned_data.get(f"link_label_{i}", ""),
            )
            for i in range(self.link_count)
        ]


def initial_from(answer: Answer | None) -> tuple[dict, int]:
    """Return the form's initial data from a saved answer, and its link rows."""
    if answer is None:
        return {}, EMPTY_LINK_ROWS
    initial = {
        "level": answer.level,
        "justification": answer.justification,
        "initiatives": [initiative.pk for initiative in answer.initiatives.all()],
        "register_entries": [entry.pk for entry in answer.register_entries.all()],
    }
    links = list(answer.links.all())
    for i, link in enumerate(links):
        initial[f"link_url_{i}"] = link.url
        initial[f"link_label_{i}"] = link.label
    return initial, len(links) + EMPTY_LINK_ROWS


class CommentForm(SiteForm):
    """A comment in one thread: on an indicator's answer, or a whole principle."""

    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_MAX_LENGTH,
        error_messages={"required": _("Write the comment.")},
    )


class ReplyForm(CommentForm):
    text = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_MAX_LENGTH,
        error_messages={"required": _("Write the reply.")},
    )


class DecisionForm(SiteForm):
    """The reviewers' decision on a principle: accept it, or ask for changes."""

    message = forms.CharField(
        label=_("Message to the city"),
        help_text=_(
            "Needed to ask for changes: say what the city should change. When"
            " you accept, it is optional."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
    )


class CorrectionForm(SiteForm):
    """Why a published assessment needs a new version."""

    note = forms.CharField(
        label=_("What the correction changes, and why"),
        help_text=_("Shown with the new version once it is published."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=CORRECTION_NOTE_MAX_LENGTH,
        error_messages={"required": _("Say what the correction changes, and why.")},
    )
