from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bangkom.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from bangkom.core.middleware import start_session_limits

        user_logged_in.connect(start_session_limits, dispatch_uid="bangkom.session_limits")
