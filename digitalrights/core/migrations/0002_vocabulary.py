"""The five principles, and the topics the coalition starts with.

The secretariat may add, rename and translate topics in the admin later.
"""

from django.db import migrations

from digitalrights.core.vocabulary import vocabulary_create


def create(apps, schema_editor):
    vocabulary_create(
        apps.get_model("core", "Principle"),
        apps.get_model("core", "Topic"),
        apps.get_model("core", "TopicName"),
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
