"""WSGI entry point, used by the production server (granian)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digitalrights.settings")

application = get_wsgi_application()

# What is loaded by now (Django, Wagtail, the project's modules) lives as
# long as the process: keep it out of the collector's full passes, which
# would otherwise walk all of it again and again while requests wait.
gc.freeze()
