"""WSGI entry point, used by the production server (granian)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digitalrights.settings")

application = get_wsgi_application()
