"""The core's log lines on the ``modelgates`` logger of the ``logging`` module: one per attempt
(debug), per answer or failure that will be retried and the wait before it (info), and per
failed call (warning); never a secret. ``MODELGATES_LOG=debug`` (or ``info``, ``warning``) prints
them to stderr without any logging set-up, as ``OPENAI_LOG`` does for openai."""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("modelgates")
# Without it, logging's last-resort handler prints each failed call's warning to stderr of an app
# that set up no logging, even when it caught the error (the logging HOWTO's advice to libraries).
logger.addHandler(logging.NullHandler())

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warn": logging.WARNING, "warning": logging.WARNING}


def setup_from_environment() -> None:
    """Follows ``MODELGATES_LOG`` once: a handler to stderr at that level, unless the app
    already gave the logger a handler of its own."""
    level = _LEVELS.get(os.environ.get("MODELGATES_LOG", "").strip().lower())
    if level is None or any(not isinstance(h, logging.NullHandler) for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)


def emit(lines: list[tuple[int, str]]) -> None:
    """Logs the core's lines, oldest first."""
    for level, message in lines:
        logger.log(level, message)
