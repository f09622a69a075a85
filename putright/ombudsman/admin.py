from django.contrib import admin

from putright.ombudsman.models import OmbudsmanCase, Recommendation


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


@admin.register(OmbudsmanCase)
class OmbudsmanCaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "ombudsman", "directorate", "received", "decision"]
    list_filter = ["ombudsman", "decision", "directorate"]
    search_fields = ["reference", "complaint_reference"]
    raw_id_fields = ["case"]
    inlines = [RecommendationInline]
