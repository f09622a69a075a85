from django.urls import path

from putright.statistics import benchmark_views, views

app_name = "statistics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("benchmarks/", benchmark_views.benchmarks_page, name="benchmarks"),
    path("sampling/", benchmark_views.sampling_page, name="sampling"),
    path("sampling/<int:pk>/", benchmark_views.sample_page, name="sample"),
    path(
        "sampling/contact/<int:pk>/", benchmark_views.review_page, name="sample_review"
    ),
]
