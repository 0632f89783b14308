from django.contrib import admin

from sendsupport.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, for administrators too."""

    list_display = ["at", "actor_name", "action", "summary", "school_id", "pupil_id"]
    list_filter = ["action"]
    search_fields = ["actor_name", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
