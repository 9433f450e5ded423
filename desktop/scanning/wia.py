"""Scanners on Windows through WIA 2 (Windows Image Acquisition), via its Automation Layer.

Imported only on Windows (``sources.available_sources``). It talks to ``WIA.DeviceManager``
through pywin32's COM client (``pywin32; sys_platform == 'win32'``), sets resolution and
colour intent on the scanner item, and transfers each page as BMP/PNG bytes that Pillow
opens. With a document feeder the loop transfers until WIA says the feeder is empty.
See docs/scanning.md for the property ids and how this was meant to be tested on a
Windows desk. Most mission scanners ship a WIA driver; TWAIN-only devices are not covered.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterator
from typing import Any

from PIL import Image

from desktop.scanning.messages import kept
from desktop.scanning.sources import (
    CancelToken,
    ColourMode,
    DeviceInfo,
    PaperSource,
    ProgressCallback,
    ScanCancelled,
    ScanError,
    ScannedPage,
    ScanOptions,
)

__all__ = ["WiaSource"]

if sys.platform != "win32":  # pragma: no cover - the module is never imported elsewhere
    raise ImportError("WIA scanning exists only on Windows")

# WIA property ids (wiadef.h) and constants.
WIA_DIP_DEV_NAME = 7
WIA_DIP_VEND_DESC = 3
WIA_DIP_DEV_TYPE = 5
WIA_DPS_DOCUMENT_HANDLING_SELECT = 3088
WIA_DPS_PAGES = 3096
WIA_IPS_CUR_INTENT = 6146
WIA_IPS_XRES = 6147
WIA_IPS_YRES = 6148
FEEDER = 1
FLATBED = 2
INTENT = {ColourMode.COLOUR: 1, ColourMode.GREY: 2, ColourMode.LINEART: 4}
WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
WIA_ERROR_PAPER_EMPTY = -2145320957  # 0x80210003
WIA_ERROR_OFFLINE = -2145320955  # 0x80210005
WIA_ERROR_PAPER_JAM = -2145320958  # 0x80210002
SCANNER_DEVICE_TYPE = 1

_lock = threading.Lock()


def _com() -> Any:
    try:
        import pythoncom  # type: ignore[import-not-found,unused-ignore]
        import win32com.client  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise ScanError.coded(
            "scanner.driver_missing", package="pip install 'qonys[readers]': pywin32"
        ) from exc
    pythoncom.CoInitialize()  # once per worker thread that scans
    return win32com.client


def _set(props: Any, pid: int, value: int) -> None:
    for prop in props:
        if prop.PropertyID == pid:
            prop.Value = value
            return


def _hresult(exc: Exception) -> int | None:
    args = getattr(exc, "excepinfo", None) or getattr(exc, "args", ())
    for a in args if isinstance(args, tuple) else ():
        if isinstance(a, int) and a < 0:
            return a
    return None


class WiaSource:
    backend = "wia"

    def list_devices(self) -> list[DeviceInfo]:
        client = _com()
        manager = client.Dispatch("WIA.DeviceManager")
        out = []
        for info in manager.DeviceInfos:
            if info.Type != SCANNER_DEVICE_TYPE:
                continue
            props = {p.PropertyID: p.Value for p in info.Properties}
            out.append(
                DeviceInfo(
                    info.DeviceID,
                    str(props.get(WIA_DIP_VEND_DESC, "")),
                    str(props.get(WIA_DIP_DEV_NAME, "")),
                    "scanner",
                    "wia",
                )
            )
        return out

    def scan(
        self,
        device_id: str,
        options: ScanOptions,
        *,
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[ScannedPage]:
        client = _com()
        with _lock:
            manager = client.Dispatch("WIA.DeviceManager")
            device = None
            for info in manager.DeviceInfos:
                if info.DeviceID == device_id:
                    device = info.Connect()
            if device is None:
                raise ScanError.coded("scanner.not_connected")
            feeder = options.source is PaperSource.FEEDER
            _set(device.Properties, WIA_DPS_DOCUMENT_HANDLING_SELECT, FEEDER if feeder else FLATBED)
            if feeder:
                _set(device.Properties, WIA_DPS_PAGES, 1)  # one page per transfer
            item = device.Items[1]
            _set(item.Properties, WIA_IPS_CUR_INTENT, INTENT[options.mode])
            _set(item.Properties, WIA_IPS_XRES, options.resolution)
            _set(item.Properties, WIA_IPS_YRES, options.resolution)
            taken = 0
            while True:
                if cancel is not None and cancel.cancelled:
                    raise ScanCancelled.coded("scan.cancelled", kept=kept(taken))
                try:
                    wia_image = item.Transfer(WIA_FORMAT_PNG)
                except Exception as exc:  # pywintypes.com_error
                    code = _hresult(exc)
                    if code == WIA_ERROR_PAPER_EMPTY and taken:
                        break
                    if code == WIA_ERROR_PAPER_EMPTY:
                        raise ScanError.coded("scanner.feeder_empty") from exc
                    if code == WIA_ERROR_PAPER_JAM:
                        raise ScanError.coded("scanner.jammed", kept=kept(taken)) from exc
                    raise ScanError.coded(
                        "scanner.not_responding", detail=f"0x{code or 0:08x}", kept=kept(taken)
                    ) from exc
                data = bytes(wia_image.FileData.BinaryData)
                image = Image.open(io.BytesIO(data))
                image.load()
                taken += 1
                if progress is not None:
                    progress(taken, None)
                yield ScannedPage(image.convert("RGB"), options.resolution, "scanner")
                if not feeder:
                    break
