from django_tasks import task

from . import services


@task()
def send_data_link(*, sealed_email: str, action: str, language: str) -> None:
    """Email a person the link to a copy of their data, or to its erasure."""
    services.data_link_send(
        sealed_email=sealed_email, action=services.Action(action), language=language
    )
