"""The five principles, and the topics the coalition starts with.

The secretariat may add, rename and translate topics in the admin later.
"""

from django.db import migrations

TOPICS = [
    # slug, English, Spanish, Catalan, French, Dutch
    ("ai", "Artificial intelligence", "Inteligencia artificial",
     "Intel·ligència artificial", "Intelligence artificielle",
     "Kunstmatige intelligentie"),
    ("algorithms", "Algorithms", "Algoritmos", "Algorismes", "Algorithmes",
     "Algoritmes"),
    ("broadband", "Broadband", "Banda ancha", "Banda ampla", "Haut débit",
     "Breedband"),
    ("data-sharing", "Data sharing", "Compartir datos", "Compartició de dades",
     "Partage de données", "Gegevens delen"),
    ("digital-inclusion", "Digital inclusion", "Inclusión digital",
     "Inclusió digital", "Inclusion numérique", "Digitale inclusie"),
    ("privacy", "Privacy", "Privacidad", "Privadesa", "Vie privée", "Privacy"),
    ("participation", "Participation", "Participación", "Participació",
     "Participation", "Participatie"),
    ("open-source", "Open source", "Código abierto", "Codi obert",
     "Logiciel libre", "Open source"),
    ("procurement", "Procurement", "Contratación pública", "Contractació pública",
     "Marchés publics", "Aanbesteding"),
    ("open-data", "Open data", "Datos abiertos", "Dades obertes",
     "Données ouvertes", "Open data"),
    ("smart-city", "Sensors and the smart city", "Sensores y ciudad inteligente",
     "Sensors i ciutat intel·ligent", "Capteurs et ville intelligente",
     "Sensoren en slimme stad"),
    ("digital-literacy", "Digital literacy", "Alfabetización digital",
     "Alfabetització digital", "Littératie numérique", "Digitale geletterdheid"),
    ("cybersecurity", "Cybersecurity", "Ciberseguridad", "Ciberseguretat",
     "Cybersécurité", "Cyberveiligheid"),
]
LANGUAGES = ["es", "ca", "fr", "nl"]


def create(apps, schema_editor):
    Principle = apps.get_model("core", "Principle")
    Topic = apps.get_model("core", "Topic")
    TopicName = apps.get_model("core", "TopicName")
    for number in range(1, 6):
        Principle.objects.get_or_create(number=number)
    for slug, english, *names in TOPICS:
        topic, created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": english}
        )
        if created:
            TopicName.objects.bulk_create(
                TopicName(topic=topic, language=language, name=name)
                for language, name in zip(LANGUAGES, names, strict=True)
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
