from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from sendsupport.accounts.models import User

admin.site.register(User, UserAdmin)
admin.site.site_header = "sendsupport administration"
admin.site.site_title = "sendsupport administration"
