from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "diaspora_atlas.store"
    label = "store"
    verbose_name = "Medical Diaspora Atlas store"
    default_auto_field = "django.db.models.BigAutoField"
