from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = "Perangkat Daerah"

    def ready(self):
        from agencies import freeze

        freeze.connect()
