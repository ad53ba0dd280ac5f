"""An SMTP server that keeps nothing but a line per message (`bench/endorse.py`).

Each message received is acknowledged and written to the output file as one
tab-separated line: the time it arrived (Unix seconds), the recipient, and
the path of the confirmation link in its body (empty when there is none).
The benchmark reads the file to count the messages and to confirm some.

Usage: python -m bench.smtp_sink --port PORT --output FILE
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"
CONFIRM_LINK = re.compile(rb"https?://[^/\s]+(/[a-z-]+/endorse/confirm/[^/\s]+/)")


class Recorder:
    """Write one line per message and flush it, so a reader sees it at once."""

    def __init__(self, output) -> None:
        self.output = output
        self.received = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        # The link is plain ASCII in an 8-bit text body: found without
        # parsing the message, which would cost the sink more CPU than the
        # worker spends writing it.
        match = CONFIRM_LINK.search(envelope.content)
        path = match.group(1).decode() if match else ""
        now = time.time()
        for recipient in envelope.rcpt_tos:
            self.output.write(f"{now:.3f}\t{recipient}\t{path}\n")
            self.received += 1
        self.output.flush()
        return "250 Message accepted for delivery"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--output", required=True)
    arguments = parser.parse_args()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with open(arguments.output, "a", encoding="utf-8") as output:
        recorder = Recorder(output)
        controller = Controller(recorder, hostname=HOST, port=arguments.port)
        controller.start()
        print(f"SMTP sink listening on {HOST}:{arguments.port}", flush=True)
        try:
            stop.wait()
        finally:
            controller.stop()
        print(f"SMTP sink received {recorder.received} message(s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
