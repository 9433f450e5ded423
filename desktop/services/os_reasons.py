"""Why a file or folder could not be used, in the officer's language (issue 14).

The operating system's own reason (`OSError.strerror`) is in English on the desk's machines;
the usual ones are said here in Kazakh, Russian and English, by their error number. Any other
keeps the system's words (in every language: better than nothing, and support can read it).
"""

from __future__ import annotations

import errno

from desktop.domain.i18n import Text

T = Text

REASONS: dict[int, Text] = {
    errno.ENOENT: T("мұндай файл немесе қалта жоқ", "нет такого файла или папки",
                    "no such file or folder"),
    errno.EACCES: T("рұқсат жоқ", "нет доступа", "permission denied"),
    errno.EPERM: T("рұқсат жоқ", "нет доступа", "permission denied"),
    errno.ENOSPC: T("дискіде орын жоқ", "на диске нет места", "the disk is full"),
    errno.EROFS: T("диск тек оқуға арналған", "диск доступен только для чтения",
                   "the disk is read-only"),
    errno.EEXIST: T("мұндай файл бар", "такой файл уже есть", "the file already exists"),
    errno.ENOTDIR: T("бұл қалта емес", "это не папка", "not a folder"),
    errno.EISDIR: T("бұл файл емес, қалта", "это папка, а не файл", "a folder, not a file"),
    errno.ENOTEMPTY: T("қалта бос емес", "папка не пуста", "the folder is not empty"),
    errno.EIO: T("диск оқылмады немесе жазылмады", "ошибка чтения или записи диска",
                 "the disk could not be read or written"),
    errno.ENAMETOOLONG: T("атауы тым ұзын", "слишком длинное имя", "the name is too long"),
}  # fmt: skip


def os_reason(exc: OSError) -> Text:
    """The reason of `exc` in kk/ru/en."""
    known = REASONS.get(exc.errno or 0)
    if known is not None:
        return known
    said = exc.strerror or type(exc).__name__
    return Text(said, said, said)


def os_failure(where: object, exc: OSError) -> Text:
    """ "where: reason" in each language."""
    reason = os_reason(exc)
    return Text(*(f"{where}: {reason.get(lg)}" for lg in ("kk", "ru", "en")))


__all__ = ["os_failure", "os_reason"]
