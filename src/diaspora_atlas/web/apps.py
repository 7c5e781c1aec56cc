from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "diaspora_atlas.web"
    label = "web"
    verbose_name = "Medical Diaspora Atlas web directory"
