"""Length-prefixed JSON frames between a grading worker, its sandbox and the notebook runs inside it."""

from __future__ import annotations

import json
import os
import select
import struct
import time
from typing import Any, BinaryIO

_HEADER = struct.Struct(">Q")
MAX_FRAME = 64 * 1024 * 1024  # a frame larger than this is a fault (or hostile), never read into memory


class FrameError(RuntimeError):
    """The other side closed, sent something unreadable, or took too long."""


def encode(message: dict[str, Any]) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return _HEADER.pack(len(body)) + body


def write_frame(stream: BinaryIO, message: dict[str, Any]) -> None:
    stream.write(encode(message))
    stream.flush()


def read_frame(stream: BinaryIO) -> dict[str, Any] | None:
    """The next frame from a blocking stream; None at a clean end of stream."""
    header = stream.read(_HEADER.size)
    if not header:
        return None
    if len(header) < _HEADER.size:
        raise FrameError("truncated header")
    (size,) = _HEADER.unpack(header)
    if size > MAX_FRAME:
        raise FrameError(f"frame of {size} bytes")
    body = stream.read(size)
    if len(body) < size:
        raise FrameError("truncated frame")
    return json.loads(body)


class FdReader:
    """Frames from a pipe's file descriptor, each awaited until a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._buffer = bytearray()

    def _fill(self, size: int, deadline: float) -> bool:
        while len(self._buffer) < size:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                raise TimeoutError
            chunk = os.read(self.fd, max(65536, size - len(self._buffer)))
            if not chunk:
                return False
            self._buffer += chunk
        return True

    def read(self, deadline: float) -> dict[str, Any] | None:
        """The next frame; None when the writer has gone; TimeoutError past ``deadline``."""
        if not self._fill(_HEADER.size, deadline):
            return None
        (size,) = _HEADER.unpack(self._buffer[: _HEADER.size])
        if size > MAX_FRAME:
            raise FrameError(f"frame of {size} bytes")
        if not self._fill(_HEADER.size + size, deadline):
            return None
        body = bytes(self._buffer[_HEADER.size : _HEADER.size + size])
        del self._buffer[: _HEADER.size + size]
        try:
            return json.loads(body)
        except ValueError as exc:
            raise FrameError("unreadable frame") from exc
