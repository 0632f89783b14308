from django.contrib import admin

from sendsupport.schools import models


@admin.register(models.LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
    search_fields = ["number", "name"]


@admin.register(models.Trust)
class TrustAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "urn", "local_authority", "estab", "phase", "trust"]
    list_filter = ["phase", "local_authority"]
    search_fields = ["name", "urn"]


@admin.register(models.AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ["__str__", "autumn_census", "spring_census", "summer_census"]


@admin.register(models.Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["school", "academic_year", "name", "start_date", "end_date"]
    list_filter = ["academic_year", "name"]


@admin.register(models.StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role", "active"]
    list_filter = ["role", "active"]
    search_fields = ["user__username", "user__last_name", "school__name"]
    autocomplete_fields = ["user", "school"]


@admin.register(models.LocalAuthorityMembership)
class LocalAuthorityMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "local_authority", "active"]
    autocomplete_fields = ["user"]


@admin.register(models.Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "school"]
    list_filter = ["kind"]
    search_fields = ["name", "school__name"]
    filter_horizontal = ["staff"]
