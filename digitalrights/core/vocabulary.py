"""The vocabulary the coalition starts with: five principles and the topics.

Made by a migration (``core/migrations/0002_vocabulary.py``) and again by
``vocabulary_ensure`` wherever tables may have been emptied since (tests that
truncate them, a demo loaded into a flushed database). The secretariat may
add, rename and translate topics in the admin; nothing here changes them.
"""

from __future__ import annotations

TOPICS = [
    # slug, English, Spanish, Catalan, French, Dutch
    (
        "ai",
        "Artificial intelligence",
        "Inteligencia artificial",
        "Intel·ligència artificial",
        "Intelligence artificielle",
        "Kunstmatige intelligentie",
    ),
    (
        "algorithms",
        "Algorithms",
        "Algoritmos",
        "Algorismes",
        "Algorithmes",
        "Algoritmes",
    ),
    ("broadband", "Broadband", "Banda ancha", "Banda ampla", "Haut débit", "Breedband"),
    (
        "data-sharing",
        "Data sharing",
        "Compartir datos",
        "Compartició de dades",
        "Partage de données",
        "Gegevens delen",
    ),
    (
        "digital-inclusion",
        "Digital inclusion",
        "Inclusión digital",
        "Inclusió digital",
        "Inclusion numérique",
        "Digitale inclusie",
    ),
    ("privacy", "Privacy", "Privacidad", "Privadesa", "Vie privée", "Privacy"),
    (
        "participation",
        "Participation",
        "Participación",
        "Participació",
        "Participation",
        "Participatie",
    ),
    (
        "open-source",
        "Open source",
        "Código abierto",
        "Codi obert",
        "Logiciel libre",
        "Open source",
    ),
    (
        "procurement",
        "Procurement",
        "Contratación pública",
        "Contractació pública",
        "Marchés publics",
        "Aanbesteding",
    ),
    (
        "open-data",
        "Open data",
        "Datos abiertos",
        "Dades obertes",
        "Données ouvertes",
        "Open data",
    ),
    (
        "smart-city",
        "Sensors and the smart city",
        "Sensores y ciudad inteligente",
        "Sensors i ciutat intel·ligent",
        "Capteurs et ville intelligente",
        "Sensoren en slimme stad",
    ),
    (
        "digital-literacy",
        "Digital literacy",
        "Alfabetización digital",
        "Alfabetització digital",
        "Littératie numérique",
        "Digitale geletterdheid",
    ),
    (
        "cybersecurity",
        "Cybersecurity",
        "Ciberseguridad",
        "Ciberseguretat",
        "Cybersécurité",
        "Cyberveiligheid",
    ),
]
LANGUAGES = ["es", "ca", "fr", "nl"]


def vocabulary_create(principle_model, topic_model, topic_name_model) -> None:
    """Create what is missing, with the models given (a migration's or ours)."""
    for number in range(1, 6):
        principle_model.objects.get_or_create(number=number)
    for slug, english, *names in TOPICS:
        topic, created = topic_model.objects.get_or_create(
            slug=slug, defaults={"name": english}
        )
        if created:
            topic_name_model.objects.bulk_create(
                topic_name_model(topic=topic, language=language, name=name)
                for language, name in zip(LANGUAGES, names, strict=True)
            )


def vocabulary_ensure() -> None:
    """Make sure the five principles and the first topics exist."""
    from .models import Principle, Topic, TopicName

    vocabulary_create(Principle, Topic, TopicName)
