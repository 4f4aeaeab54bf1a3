"""Every mail leaves through a job, after the response.

``EMAIL_BACKEND`` is ``QueuedEmailBackend``: Django's ``send_mail()``, a form's mail, any
later feature's, each queues one ``deliver_mail`` job holding the message, and returns at
once. The worker delivers it through ``EMAIL_DELIVERY_BACKEND`` (``EMAIL_URL`` in
production; files under ``var/mail/`` with ``make run``). A mail server that does not
answer, or answers "try later" (4xx), gets further attempts after
``MAIL_RETRY_DELAYS``; a refusal (5xx) or the last failed attempt leaves a failed job in
the admin.

Error reports to ``ADMINS`` are the one exception: they leave at once through the
delivery backend (settings), since the queue lives in the database they may be about.
"""

import base64
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task

from cuf.operations.jobs import retry_later


def message_to_json(message) -> dict:
    """What a job needs to send ``message`` again (an EmailMessage), as JSON."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [
            [
                filename,
                base64.b64encode(
                    content.encode() if isinstance(content, str) else content
                ).decode(),
                mimetype,
            ]
            for filename, content, mimetype in message.attachments
        ],
    }


def message_from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message as a ``deliver_mail`` job, in the current transaction."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            deliver_mail.enqueue(message_to_json(message))
        return len(email_messages)


def may_pass(error: Exception) -> bool:
    """Whether another attempt may succeed: the server did not answer, or said 4xx."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, OSError)  # refused or lost connection, time-out, DNS


@task()
def deliver_mail(message: dict, attempt: int = 1) -> str:
    """Send one queued message through the delivery backend."""
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
            connection.send_messages([message_from_json(message)])
    except Exception as error:
        delays = settings.MAIL_RETRY_DELAYS
        if may_pass(error) and retry_later(deliver_mail, message, attempt=attempt, delays=delays):
            return f"essai {attempt} manqué ({type(error).__name__}) : nouvel essai prévu"
        raise
    return f"envoyé à {len(message['to']) + len(message['cc']) + len(message['bcc'])} adresse(s)"
