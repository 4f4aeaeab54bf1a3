"""The API's errors in French, as problems (RFC 9457): invalid parameters name each
parameter and say what it should be."""

from django.http import Http404
from ninja.errors import HttpError, ValidationError

from api.http import problem

MESSAGES = {
    "int_parsing": "doit être un nombre entier",
    "int_type": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier",
    "greater_than_equal": "doit valoir au moins {ge}",
    "greater_than": "doit valoir plus de {gt}",
    "less_than_equal": "doit valoir au plus {le}",
    "less_than": "doit valoir moins de {lt}",
    "literal_error": "doit valoir {expected}",
    "enum": "doit valoir {expected}",
    "date_parsing": "doit être une date AAAA-MM-JJ (par exemple 2026-01-31)",
    "date_from_datetime_parsing": "doit être une date AAAA-MM-JJ (par exemple 2026-01-31)",
    "date_from_datetime_inexact": "doit être une date AAAA-MM-JJ (par exemple 2026-01-31)",
    "date_type": "doit être une date AAAA-MM-JJ (par exemple 2026-01-31)",
    "datetime_parsing": "doit être une date et une heure ISO 8601 (par exemple "
    "2026-01-31T09:00:00+01:00)",
    "datetime_from_date_parsing": "doit être une date et une heure ISO 8601 (par exemple "
    "2026-01-31T09:00:00+01:00)",
    "datetime_type": "doit être une date et une heure ISO 8601 (par exemple "
    "2026-01-31T09:00:00+01:00)",
    "string_too_long": "est trop long ({max_length} caractères au plus)",
    "string_pattern_mismatch": "doit s’écrire en minuscules sans accents, chiffres et tirets",
    "too_long": "est donné trop de fois ({max_length} au plus)",
    "missing": "est obligatoire",
}


def _message(error: dict) -> str:
    context = dict(error.get("ctx") or {})
    if "expected" in context:
        context["expected"] = str(context["expected"]).replace(" or ", " ou ")
    template = MESSAGES.get(error.get("type", ""), "est invalide")
    try:
        return template.format(**context)
    except (KeyError, IndexError, ValueError):
        return "est invalide"


def _parameter(error: dict) -> str:
    # ("query", "page") or ("query", "theme", 0): the parameter's name.
    names = [str(part) for part in error.get("loc", ())[1:] if not isinstance(part, int)]
    return names[0] if names else "?"


def validation_error(request, exc: ValidationError):
    errors = [{"parameter": _parameter(error), "message": _message(error)} for error in exc.errors]
    detail = " ; ".join(f"« {each['parameter']} » {each['message']}" for each in errors)
    return problem(400, f"Paramètre invalide : {detail}.", errors=errors)


def http_error(request, exc: HttpError):
    return problem(exc.status_code, exc.message)


def not_found(request, exc: Http404):
    return problem(404, str(exc) or "Cet élément n’existe pas ou n’est pas publié.")


def install(api) -> None:
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
