app_name = "regional"
urlpatterns: list = []
