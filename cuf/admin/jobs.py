"""The job queue in the admin, in French: "Tâches de fond", failed ones first to see.

django-tasks-db ships an admin for its table in English; the portal replaces it with this
one (read-only, like the original): each job's task in words, its state, its times, and
for a failed job the error and its trace. The field and state names are translated in
``cuf/locale`` (the library marks them for translation). Only superusers see it.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig

TASK_LABELS = {
    "cuf.files.text_jobs.extract_text": _("Lire le texte d’un fichier"),
    "cuf.operations.mail.deliver_mail": _("Envoyer un message"),
    "cuf.accounts.password_reset.send_password_reset": _("Envoyer un lien de mot de passe"),
}


class BackgroundJobsConfig(TasksAppConfig):
    """django-tasks-db under a French name, with the portal's admin for its table."""

    verbose_name = _("Tâches de fond")

    def ready(self):
        super().ready()
        # The deployment check of the address jobs write links with.
        from cuf.operations import site_url  # noqa: F401

        model = self.get_model("DBTaskResult")
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, BackgroundJobAdmin)


class StatusFilter(admin.SimpleListFilter):
    title = _("état")
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return [
            ("FAILED", _("échouées")),
            ("READY", _("en attente")),
            ("RUNNING", _("en cours")),
            ("SUCCESSFUL", _("réussies")),
        ]

    def queryset(self, request, queryset):
        if self.value() in {value for value, _label in self.lookup_choices}:
            return queryset.filter(status=self.value())
        return queryset


class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["task_label", "status", "enqueued_at", "started_at", "finished_at", "error"]
    list_filter = [StatusFilter]
    ordering = ["-enqueued_at"]
    date_hierarchy = None
    fields = [
        "task_label",
        "status",
        "enqueued_at",
        "run_after",
        "started_at",
        "finished_at",
        "args_kwargs",
        "return_value",
        "error",
        "trace",
    ]
    readonly_fields = fields

    @admin.display(description=_("tâche"))
    def task_label(self, obj):
        return TASK_LABELS.get(obj.task_path, obj.task_path)

    @admin.display(description=_("erreur"))
    def error(self, obj):
        return obj.exception_class_path.rsplit(".", 1)[-1] if obj.exception_class_path else "—"

    @admin.display(description=_("trace"))
    def trace(self, obj):
        return format_html("<pre>{}</pre>", obj.traceback) if obj.traceback else "—"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
