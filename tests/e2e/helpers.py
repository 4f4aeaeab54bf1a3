"""What the browser tests do often, as a visitor would."""


def download_from(page, link_name: str) -> tuple[str, bytes]:
    """Click the link named ``link_name`` and wait for the file it downloads: the name the
    browser suggests, and the bytes it received."""
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    download = download_info.value
    with open(download.path(), "rb") as downloaded:
        return download.suggested_filename, downloaded.read()


def enrol_second_factor(page) -> list[str]:
    """On the enrolment page a superuser reaches after the password: read the key as a
    person would type it into an authenticator application, send the code it gives, and
    return the recovery codes shown; then continue to where the login was going."""
    import base64

    from django_otp.oath import totp

    page.wait_for_url("**/admin/double-authentification/activer/**")
    key = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    code = totp(base64.b32decode(key + "=" * (-len(key) % 8)))
    page.get_by_label("Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Activer").click()
    codes = page.locator(".two-factor-codes code").all_inner_texts()
    page.get_by_role("link", name="J’ai noté mes codes, continuer").click()
    return codes


PASSWORD = "motdepasse-long-123"


def staff_account(django_user_model, username: str, role: str):
    """A staff account in the editorial group ``role`` (cuf.accounts.roles), and nothing else."""
    from django.contrib.auth.models import Group

    from cuf.accounts.roles import sync_roles

    sync_roles()
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(page, live_server, username: str) -> None:
    """Sign in on the admin's login page as a person would, and land on the home page."""
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def sideways(page) -> int:
    """How far the page scrolls sideways (0 when it fits its window)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
