import uuid

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

import digitalrights.workinggroups.models


def give_meetings_their_group_locale(apps, schema_editor):
    Meeting = apps.get_model("workinggroups", "Meeting")
    for meeting in Meeting.objects.select_related("group"):
        meeting.locale_id = meeting.group.locale_id
        meeting.translation_key = uuid.uuid4()
        meeting.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):

    dependencies = [
        ("cities", "0002_city_profile"),
        ("wagtailcore", "0098_apitoken"),
        ("workinggroups", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.RunPython(
            give_meetings_their_group_locale, migrations.RunPython.noop
        ),
        migrations.AlterField(
            model_name="meeting",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="meeting",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddField(
            model_name="meeting",
            name="time_zone",
            field=models.CharField(
                choices=digitalrights.workinggroups.models.time_zone_choices,
                default=digitalrights.workinggroups.models.default_time_zone,
                help_text="The time zone of the start and end times, such as Europe/Madrid.",
                max_length=40,
                verbose_name="time zone",
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="online_url",
            field=models.URLField(
                blank=True,
                help_text="Where to join the meeting online.",
                max_length=500,
                verbose_name="online link",
            ),
        ),
        migrations.AlterField(
            model_name="workinggrouppage",
            name="coordinator",
            field=models.ForeignKey(
                blank=True,
                help_text="A member city of the coalition.",
                limit_choices_to=digitalrights.workinggroups.models.member_cities,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="coordinated_groups",
                to="cities.city",
                verbose_name="coordinating city",
            ),
        ),
        migrations.AlterField(
            model_name="workinggrouppage",
            name="member_cities",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                limit_choices_to=digitalrights.workinggroups.models.member_cities,
                related_name="working_groups",
                to="cities.city",
                verbose_name="member cities",
            ),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(
                fields=["starts_at"], name="workinggrou_starts__35537e_idx"
            ),
        ),
    ]
