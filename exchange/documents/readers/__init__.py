"""One reader per file format, each with the same interface: ``read(data: bytes) ->
list[Block]``. A reader raises :class:`~exchange.documents.blocks.UnreadableFile` when the
file is not what its name says, is damaged, or is too large once unpacked."""

from exchange.documents.readers import docx, pdf, text

READERS = {".docx": docx, ".pdf": pdf, ".txt": text, ".md": text, ".markdown": text}
