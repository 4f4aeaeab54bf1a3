"""The Content-Security-Policy, for the admin too.

The public site's policy (settings.CONTENT_SECURITY_POLICY) applies everywhere. The
admin's rich-text editor (CKEditor 5) sets styles inline and previews images as blob:
addresses, so those two are added there; scripts stay limited to the site's own files.
"""

from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"
ADMIN_ADDITIONS = {"style-src": ["'unsafe-inline'"], "img-src": ["blob:"]}


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = ADMIN_ADDITIONS
        return parts
