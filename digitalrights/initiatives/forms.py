"""The forms officials fill in, and the secretariat's decision form."""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from digitalrights.core.forms import DeliverableEmailField, SiteForm
from digitalrights.core.models import Topic
from digitalrights.core.principles import Principle

from .models import (
    MAX_IMAGES,
    MAX_LINKS,
    InitiativeImage,
    InitiativeStatus,
    KeptPicture,
    written_languages,
)
from .services import (
    IMAGE_MAX_BYTES,
    IMAGE_MAX_PIXELS,
    ImageData,
    InitiativeData,
    LinkData,
    image_check,
    web_address_check,
)

BLANK_LINK_ROWS = 3
BLANK_IMAGE_ROWS = 3


def language_choices() -> list:
    """Return every language a text may be in, named in that language.

    The site's own languages come first; the others follow alphabetically.
    """
    from django.conf import settings

    shipped = [code for code, _name in settings.LANGUAGES]
    named = {}
    for code, name in written_languages():
        try:
            name = get_language_info(code)["name_local"]
        except KeyError:
            name = str(name)
        named[code] = unicodedata.normalize("NFC", name)
    others = sorted(
        ((code, name) for code, name in named.items() if code not in shipped),
        key=lambda choice: choice[1].casefold(),
    )
    return [
        (_("Languages of this site"), [(c, named[c]) for c in shipped if c in named]),
        (_("Other languages"), others),
    ]


class TopicField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.label


class InitiativeForm(SiteForm):
    """An initiative as its city's official tells it."""

    title = forms.CharField(
        label=_("Title"),
        help_text=_("A short name residents will recognise."),
        max_length=200,
        error_messages={"required": _("Give the initiative a title.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        help_text=_(
            "Two or three sentences, up to 600 characters: what the city does and why."
        ),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Sum the initiative up in a few sentences.")},
    )
    body = forms.CharField(
        label=_("Description"),
        help_text=_(
            "What was done, for whom, with what result and what others can"
            " learn from it, up to 20,000 characters. Leave an empty line"
            " between paragraphs."
        ),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Describe what the city did.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        help_text=_("The language you write the title, summary and description in."),
    )
    principles = forms.TypedMultipleChoiceField(
        label=_("Principles it serves"),
        help_text=_("Choose one or more of the declaration's five principles."),
        choices=Principle.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one principle this initiative serves."),
            "invalid_choice": _("Choose principles from the list."),
        },
    )
    topics = TopicField(
        label=_("Topics"),
        help_text=_("Choose any that fit; they help people find it."),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose topics from the list."),
            "invalid_pk_value": _("Choose topics from the list."),
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=InitiativeStatus.choices,
        initial=InitiativeStatus.RUNNING,
        widget=forms.RadioSelect,
    )
    started_on = forms.DateField(
        label=_("Started on"),
        help_text=_("Leave empty if it has not started."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ended_on = forms.DateField(
        label=_("Ended on"),
        help_text=_("Leave empty while it runs."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    contact = forms.CharField(
        label=_("Who to ask"),
        help_text=_("The team or role to ask about it, such as 'Digital Office'."),
        max_length=200,
        required=False,
    )
    contact_email = DeliverableEmailField(
        label=_("Contact address"),
        help_text=_(
            "A work address shown on the page, such as the team's; not a personal one."
        ),
        required=False,
    )
    code_url = forms.CharField(
        label=_("Source code"),
        help_text=_("Where the open-source code is published, if there is any."),
        max_length=200,
        required=False,
    )
    licence = forms.CharField(
        label=_("Licence of the code"),
        help_text=_("As an SPDX identifier, such as EUPL-1.2, AGPL-3.0 or MIT."),
        max_length=100,
        required=False,
    )
    # The initiative's version when the page was opened (InitiativeChanged).
    saved_version = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=100
    )

    def __init__(
        self, *args, images: list[InitiativeImage] = (), user=None, **kwargs
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("language", get_language())
        super().__init__(*args, **kwargs)
        from .selectors import topics_all

        self.fields["language"].choices = language_choices()
        topics = self.fields["topics"]
        topics.queryset = topics_all()
        # Listed in the reader's alphabetical order, whatever the language.
        topics.choices = sorted(
            ((topic.pk, topic.label) for topic in topics.queryset),
            key=lambda choice: choice[1].casefold(),
        )
        self.images = list(images)
        self.user = user
        # Pictures kept from an earlier post of this form, by slot.
        self.kept: dict[int, KeptPicture] = {}
        # Kept pictures the person removed (or replaced), as (slot, token).
        self.discarded: list[tuple[int, str]] = []
        for index in range(MAX_LINKS):
            self.fields[f"link_url_{index}"] = forms.CharField(
                label=_("Web address"), max_length=500, required=False
            )
            self.fields[f"link_label_{index}"] = forms.CharField(
                label=_("What it is"),
                help_text=_("For example 'The project's site' or 'Evaluation report'."),
                max_length=200,
                required=False,
            )
        for picture in self.images:
            self.fields[f"image_alt_{picture.pk}"] = forms.CharField(
                label=_("What the picture shows"),
                help_text=_("For people who cannot see it."),
                max_length=300,
                required=False,
                initial=picture.alt,
            )
            self.fields[f"image_caption_{picture.pk}"] = forms.CharField(
                label=_("Caption"),
                max_length=300,
                required=False,
                initial=picture.caption,
            )
            self.fields[f"image_remove_{picture.pk}"] = forms.BooleanField(
                label=_("Remove this picture"), required=False
            )
        for index in range(self.new_image_slots):
            self.fields[f"new_image_{index}"] = forms.FileField(
                label=_("Picture"),
                help_text=_(
                    "PNG, JPEG or WebP, up to %(size)s MB and %(pixels)s pixels."
                )
                % {
                    "size": IMAGE_MAX_BYTES // (1024 * 1024),
                    "pixels": IMAGE_MAX_PIXELS,
                },
                required=False,
                widget=forms.FileInput(
                    attrs={"accept": "image/png,image/jpeg,image/webp"}
                ),
            )
            self.fields[f"kept_image_{index}"] = forms.CharField(
                widget=forms.HiddenInput, required=False, max_length=64
            )
            self.fields[f"kept_remove_{index}"] = forms.BooleanField(
                label=_("Remove this picture"), required=False
            )
            self.fields[f"new_alt_{index}"] = forms.CharField(
                label=_("What the picture shows"),
                help_text=_(
                    "Needed with every picture, for people who cannot see it,"
                    " for example 'Residents testing the app at a library'."
                ),
                max_length=300,
                required=False,
            )
            self.fields[f"new_caption_{index}"] = forms.CharField(
                label=_("Caption"),
                help_text=_("Shown under the picture; credit the photographer here."),
                max_length=300,
                required=False,
            )

    @property
    def new_image_slots(self) -> int:
        return max(0, MAX_IMAGES - len(self.images))

    # Validation ---------------------------------------------------------------

    def clean_code_url(self) -> str:
        url = self.cleaned_data["code_url"].strip()
        return web_address_check(url) if url else ""

    def _check_links(self) -> None:
        for index in range(MAX_LINKS):
            url = (self.cleaned_data.get(f"link_url_{index}") or "").strip()
            label = (self.cleaned_data.get(f"link_label_{index}") or "").strip()
            if url:
                try:
                    web_address_check(url)
                except ValidationError as error:
                    self.add_error(f"link_url_{index}", error)
            elif label:
                self.add_error(
                    f"link_url_{index}", _("Give the web address of this link.")
                )

    def _check_images(self) -> None:
        say_what = _("Say what the picture shows, for people who cannot see it.")
        for picture in self.images:
            if self.cleaned_data.get(f"image_remove_{picture.pk}"):
                continue
            name = f"image_alt_{picture.pk}"
            if name not in self.errors and not self.cleaned_data.get(name, "").strip():
                self.add_error(name, say_what)
        from .selectors import kept_pictures_of

        tokens = {
            index: self.cleaned_data.get(f"kept_image_{index}") or ""
            for index in range(self.new_image_slots)
        }
        found = kept_pictures_of(user=self.user, tokens=list(tokens.values()))
        for index in range(self.new_image_slots):
            upload = self.cleaned_data.get(f"new_image_{index}")
            token = tokens[index]
            if upload:
                # A new choice replaces a picture kept in this row.
                if token:
                    self.discarded.append((index, token))
                try:
                    image_check(upload)
                except ValidationError as error:
                    self.add_error(f"new_image_{index}", error)
            elif token and token not in found:
                self.add_error(
                    f"new_image_{index}",
                    _("This picture is no longer kept. Please choose it again."),
                )
                continue
            elif token and self.cleaned_data.get(f"kept_remove_{index}"):
                self.discarded.append((index, token))
                continue
            elif token:
                self.kept[index] = found[token]
            else:
                continue
            name = f"new_alt_{index}"
            if name not in self.errors and not self.cleaned_data.get(name, "").strip():
                self.add_error(name, say_what)

    def clean(self):
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("An initiative cannot end before it started."))
        licence = (data.get("licence") or "").strip()
        if licence and not data.get("code_url") and "code_url" not in self.errors:
            self.add_error("code_url", _("Give the address of the source code too."))
        self._check_links()
        self._check_images()
        return data

    # For the template ---------------------------------------------------------

    def _value(self, name: str) -> str:
        return str(self[name].value() or "").strip()

    def link_rows(self) -> list[dict]:
        """Return the rows of links to show: those filled in, then a few blank."""
        filled = [
            index
            for index in range(MAX_LINKS)
            if self._value(f"link_url_{index}")
            or self._value(f"link_label_{index}")
            or self[f"link_url_{index}"].errors
        ]
        shown = (max(filled) + 1 if filled else 0) + BLANK_LINK_ROWS
        return [
            {
                "number": index + 1,
                "url": self[f"link_url_{index}"],
                "label": self[f"link_label_{index}"],
            }
            for index in range(min(shown, MAX_LINKS))
        ]

    def image_rows(self) -> list[dict]:
        return [
            {
                "picture": picture,
                "alt": self[f"image_alt_{picture.pk}"],
                "caption": self[f"image_caption_{picture.pk}"],
                "remove": self[f"image_remove_{picture.pk}"],
            }
            for picture in self.images
        ]

    def new_image_rows(self) -> list[dict]:
        shown = max([BLANK_IMAGE_ROWS - 1, *self.kept]) + 1
        return [
            {
                "number": index + 1,
                "file": self[f"new_image_{index}"],
                "kept": self.kept.get(index),
                "kept_token": self[f"kept_image_{index}"],
                "kept_remove": self[f"kept_remove_{index}"],
                "alt": self[f"new_alt_{index}"],
                "caption": self[f"new_caption_{index}"],
            }
            for index in range(min(self.new_image_slots, shown))
        ]

    def has_file_errors(self) -> bool:
        return any(
            self[f"new_image_{index}"].errors for index in range(self.new_image_slots)
        )

    # Keeping chosen pictures when the form comes back -------------------------

    def pictures_to_keep(self) -> list[tuple[int, UploadedFile]]:
        """Return the acceptable pictures chosen in this post, by slot."""
        if not hasattr(self, "cleaned_data"):
            return []
        return [
            (index, upload)
            for index in range(self.new_image_slots)
            if (upload := self.cleaned_data.get(f"new_image_{index}"))
            and not self[f"new_image_{index}"].errors
        ]

    def forget_discarded(self) -> None:
        """Show the form again without the kept pictures that were removed."""
        if self.discarded:
            self.data = self.data.copy()
            for index, _token in self.discarded:
                self.data[f"kept_image_{index}"] = ""
                self.data.pop(f"kept_remove_{index}", None)

    def keep(self, index: int, kept: KeptPicture) -> None:
        """Show the form again with the picture of slot ``index`` kept."""
        self.data = self.data.copy()
        self.data[f"kept_image_{index}"] = str(kept.token)
        self.data.pop(f"kept_remove_{index}", None)
        self.kept[index] = kept

    # For the service ----------------------------------------------------------

    def initiative_data(self) -> InitiativeData:
        data = self.cleaned_data
        images = [
            ImageData(
                image_id=picture.pk,
                alt=data.get(f"image_alt_{picture.pk}", ""),
                caption=data.get(f"image_caption_{picture.pk}", ""),
                remove=bool(data.get(f"image_remove_{picture.pk}")),
            )
            for picture in self.images
        ]
        for index in range(self.new_image_slots):
            upload = data.get(f"new_image_{index}")
            if upload or index in self.kept:
                images.append(
                    ImageData(
                        upload=upload or None,
                        kept=None if upload else self.kept[index],
                        alt=data.get(f"new_alt_{index}", ""),
                        caption=data.get(f"new_caption_{index}", ""),
                    )
                )
        return InitiativeData(
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            language=data["language"],
            principles=list(data["principles"]),
            topics=[topic.pk for topic in data["topics"]],
            status=data["status"],
            started_on=data.get("started_on"),
            ended_on=data.get("ended_on"),
            contact=data.get("contact", ""),
            contact_email=data.get("contact_email", ""),
            code_url=data.get("code_url", ""),
            licence=data.get("licence", ""),
            links=[
                LinkData(
                    url=data.get(f"link_url_{index}", ""),
                    label=data.get(f"link_label_{index}", ""),
                )
                for index in range(MAX_LINKS)
            ],
            images=images,
        )


def initial_from(initiative) -> dict:
    """Return the form's starting values for a saved initiative."""
    from .services import initiative_version

    initial = {
        "title": initiative.title,
        "summary": initiative.summary,
        "body": initiative.body,
        "language": initiative.language,
        "principles": [p.pk for p in initiative.principles.all()],
        "topics": [t.pk for t in initiative.topics.all()],
        "status": initiative.status,
        "started_on": initiative.started_on,
        "ended_on": initiative.ended_on,
        "contact": initiative.contact,
        "contact_email": initiative.contact_email,
        "code_url": initiative.code_url,
        "licence": initiative.licence,
        "saved_version": initiative_version(initiative),
    }
    for index, link in enumerate(initiative.links.all()[:MAX_LINKS]):
        initial[f"link_url_{index}"] = link.url
        initial[f"link_label_{index}"] = link.label
    return initial


class DecisionForm(forms.Form):
    """The secretariat's decision on one initiative (Wagtail admin)."""

    decision = forms.ChoiceField(
        choices=[
            ("publish", "publish"),
            ("changes", "changes"),
            ("decline", "decline"),
            ("unpublish", "unpublish"),
            ("change_publish", "change_publish"),
            ("change_return", "change_return"),
            ("change_decline", "change_decline"),
        ]
    )
    message = forms.CharField(required=False, max_length=5000)
