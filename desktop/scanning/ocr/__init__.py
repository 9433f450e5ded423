"""Reading the MRZ from a scanned passport data page or ID card (no Tesseract).

FIELD-NOTES: general OCR engines read OCR-B badly ('<' as K/E/S, 0 as O) and are heavy. The
MRZ is a fixed-pitch font on a fixed grid, so a small template matcher does better:

1. find the skew on a reduced copy (variance of the row profile over candidate angles) and
   the text lines; the MRZ is the group of 2 (TD3) or 3 (TD1) long lines of equal length;
2. cut that band from the full image, straighten it, scale it to a working pitch;
3. split each line into exactly 44 or 30 cells (ICAO fixes 10 characters per inch, so the
   cells are found by fitting a pitch and an origin to the gaps between characters);
4. compare every cell with OCR-B glyphs rendered from the font (normalised correlation,
   small shifts allowed) — for small print (under 10 px a character) also with the glyphs
   blurred to the print's own resolution; a letter printed under a mark (Ñ) is matched
   without it and read as its base letter;
5. where ICAO allows only digits (dates, check digits) a letter read as O/I/S/B is replaced by
   0/1/5/8 **only if that makes the field's check digit right**; where only letters are
   allowed (names, country codes) a 0/1/5/8 becomes O/I/S/B. Every such change is reported,
   and a field whose check digit stays wrong is reported as failed, never guessed. O or 0 in
   a document number: the check digit decides, and where several choices agree, the zone's
   own 0s and Os — or nothing does, and the field fails.

numpy and Pillow only. The rooms: ``reader`` (the entry point), ``locate`` (finding the
zone), ``cells`` (cutting lines into cells), ``glyphs`` (the templates), ``classify`` (matching
cells), ``correct`` (ICAO field rules, check-digit-guided correction), ``ink`` (ink maps) and
``result`` (what is returned).
"""

from desktop.scanning.ocr.glyphs import ocrb_font_path, warm_up
from desktop.scanning.ocr.reader import read_mrz_image
from desktop.scanning.ocr.result import Correction, OcrResult

__all__ = ["Correction", "OcrResult", "ocrb_font_path", "read_mrz_image", "warm_up"]
