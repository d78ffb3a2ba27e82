"""Phone numbers in the WhatsApp form (62…): the functions live in `sinergi.core.phones`, where
notifications can use them too; this module keeps the names slices already import."""

from sinergi.core.phones import PhoneError, clean_whatsapp, display_phone, normalize_whatsapp

__all__ = ["PhoneError", "clean_whatsapp", "display_phone", "normalize_whatsapp"]
