/**
 * Limits a real office never reaches and a hostile file always does. Every reader checks them as it
 * goes (never from a header the file itself states), so a file costs time and memory in proportion to
 * what the office could ever have meant to import.
 */

/** One value (a name, a cell, a vCard property): longer is cut here and reported with file and line. */
export const MAX_VALUE_CHARS = 10_000;
/** One physical or unfolded line, one CSV record: longer is skipped and reported (a vCard PHOTO is skipped before this). */
export const MAX_LINE_CHARS = 1_000_000;
/** Columns of a table row (CSV, Excel); a wider table is refused. */
export const MAX_COLUMNS = 1_000;
/** Cells of an Excel sheet (1,000,000 contacts with 10 columns would be 10,000,000). */
export const MAX_SHEET_CELLS = 10_000_000;
/** A text file (vCard, CSV, chat) larger than this is refused before reading. */
export const MAX_TEXT_FILE_BYTES = 512 * 1024 * 1024;
/** Uncompressed bytes of one zip entry the app reads (a sheet, a chat text), counted while inflating. */
export const MAX_ZIP_ENTRY_BYTES = 256 * 1024 * 1024;
/** Uncompressed to compressed size of one zip entry, checked while inflating once past 1 MB (zip bombs reach 1,000). */
export const MAX_ZIP_RATIO = 200;
export const ZIP_RATIO_FROM_BYTES = 1024 * 1024;
/** Entries of one zip archive (a WhatsApp export holds the media of at most 10,000 messages, a workbook a few dozen files). */
export const MAX_ZIP_ENTRIES = 100_000;
/** Old-generation heap of the worker that reads a file; a file that needs more is refused by name. */
export const READER_HEAP_MB = 512;
/**
 * Memory outside that heap (Buffers, inflate windows) the reader may hold: V8's heap limit does not
 * count it (a worker limited to 16 MB of heap held 400 MB of Buffers), so the reader checks it itself.
 */
export const READER_OFF_HEAP_MB = 256;
/** A reader that reports nothing for this long is stuck (a linear parser reads a chunk in milliseconds). */
export const READER_STALL_MS = 60_000;
