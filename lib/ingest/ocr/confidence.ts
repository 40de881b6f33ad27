/** OCR confidence policy, shared by extraction, parsing and validation. */

/** Cells read with less confidence than this (0–100) are marked for a person to check. */
export const LOW_CONFIDENCE = 80;
