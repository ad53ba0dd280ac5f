from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoObject(models.Model):
    """A record that some object was made by the demo loader.

    ``manage.py demo_remove`` deletes exactly these objects, so real content
    entered beside the demo is never touched.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demo object")
        verbose_name_plural = _("demo objects")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="demo_object_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"
