"""Read an admin form as the browser would submit it, to press "Enregistrer" in tests."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._option: dict | None = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
            return
        if not self.inside:
            return
        if tag == "option":
            if self._select and "selected" in attrs:
                self._add(self._select, attrs.get("value", ""))
            return
        if "name" not in attrs:
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._add(self._textarea, "")
        elif tag == "select":
            self._select = attrs["name"]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.inside:
            self.inside = False


def admin_form_data(response, form_id: str | None = None) -> dict:
    """The fields of the admin's change form on ``response``, filled as displayed."""
    model = response.context["opts"].model_name
    reader = _FormReader(form_id or f"{model}_form")
    reader.feed(response.text)
    return {name: values if len(values) > 1 else values[0] for name, values in reader.data.items()}


def form_fields(html: str, form_id: str) -> dict:
    """The fields of the form ``form_id`` in a page's ``html``, filled as displayed."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return {name: values if len(values) > 1 else values[0] for name, values in reader.data.items()}
