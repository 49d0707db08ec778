"""A file mail backend for the crash test: one file per accepted message, named by its delivery id.

With CRASH_STALL_AFTER=N it accepts N messages and then hangs on the next one, as a mail server that stops
answering in the middle of the conversation would (the message is not accepted)."""

import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class StallingFileBackend(BaseEmailBackend):
    def send_messages(self, messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        stall_after = int(os.environ.get("CRASH_STALL_AFTER", "0") or 0)
        for message in messages:
            if stall_after and len(list(folder.glob("*.eml"))) >= stall_after:
                (folder / "stalled").touch()
                time.sleep(3600)
            delivery = message.extra_headers["X-SLT-Delivery"]
            temporary = folder / f".{uuid.uuid4().hex}.tmp"
            temporary.write_bytes(message.message().as_bytes())
            temporary.rename(folder / f"{delivery}-{uuid.uuid4().hex[:8]}.eml")  # accepted
        return len(messages)
