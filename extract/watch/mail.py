"""Send a digest by e-mail over SMTP: a plain-text (Markdown) part and the HTML page.

Optional and minimal: ``--smtp HOST:PORT`` and one or more ``--to`` addresses.
A server that needs a login takes ``COUNCIL_EXTRACT_SMTP_USER`` /
``COUNCIL_EXTRACT_SMTP_PASSWORD`` from the environment (never an option, so the
password stays out of shell history) and ``--starttls``.
"""

from __future__ import annotations

import os
import smtplib
import socket
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Sequence

from ..errors import CouncilExtractError
from .digest import Digest, to_html, to_markdown
from .store import WatchError


class MailError(CouncilExtractError):
    """The SMTP server could not be reached or refused the message (the digest itself was built)."""

    exit_code = 3


def parse_server(value: str) -> tuple[str, int]:
    """"HOST:PORT" (or "HOST", port 25) -> (host, port)."""
    host, _, port = (value or "").strip().rpartition(":") if ":" in (value or "") else (value, "", "25")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise WatchError(f"--smtp {value!r}: use HOST:PORT, e.g. --smtp localhost:25")
    return host, int(port)


def build_message(digest: Digest, to: Sequence[str], sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = digest.subject()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="council-extract.local")
    msg.set_content(to_markdown(digest))
    msg.add_alternative(to_html(digest), subtype="html")
    return msg


def send_digest(digest: Digest, server: str, to: Sequence[str], sender: str = "council-extract@localhost",
                starttls: bool = False, timeout: float = 30.0) -> EmailMessage:
    """Send the digest to ``to`` through the SMTP server ``HOST:PORT``; returns the message sent."""
    if not to:
        raise WatchError("--smtp needs at least one --to ADDRESS")
    bad = [a for a in to if "@" not in a]
    if bad:
        raise WatchError(f"--to {bad[0]!r}: not an e-mail address")
    host, port = parse_server(server)
    msg = build_message(digest, to, sender)
    user, password = os.environ.get("COUNCIL_EXTRACT_SMTP_USER"), os.environ.get("COUNCIL_EXTRACT_SMTP_PASSWORD")
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if starttls:
                smtp.starttls()
            if user and password:
                smtp.login(user, password)
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException, socket.timeout) as exc:
        raise MailError(f"{host}:{port}: could not send the digest ({exc.__class__.__name__}: {exc}); "
                        "check --smtp, or write it with --html FILE instead") from None
    return msg
