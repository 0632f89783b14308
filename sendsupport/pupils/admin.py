from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendsupport.pupils import models


class ReadOnlyInline(admin.TabularInline):
    """Shown, not edited: the register changes only through the service that checks the census rules."""

    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SENStatusInline(ReadOnlyInline):
    model = models.SENStatus


class SENNeedInline(ReadOnlyInline):
    model = models.SENNeed


@admin.register(models.Pupil)
class PupilAdmin(SimpleHistoryAdmin):
    list_display = ["upn", "legal_last_name", "legal_first_name", "school", "year_group"]
    list_filter = ["school", "year_group"]
    search_fields = ["upn", "legal_last_name", "legal_first_name"]
    inlines = [SENStatusInline, SENNeedInline]
    raw_id_fields = ["registration_group"]
    filter_horizontal = ["teaching_groups"]


@admin.register(models.Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "school", "email", "user"]
    search_fields = ["last_name", "email"]
    raw_id_fields = ["user"]
