import { xmlCharacterRemover } from "./remove-invalid-xml-characters";

/**
 * What published text never carries besides the characters XML 1.0 forbids: DEL and the C1 controls
 * (U+007F–U+009F), which XML 1.0 discourages and HTML calls parse errors (the W3C feed validator reports them
 * as invalid HTML), and U+FFFD, which only ever marks text a decoder or an entity like `&#0;` already lost.
 */
const removeUnpublishableCharacters = xmlCharacterRemover("\\u007F-\\u009F\\uFFFD");

/** Removes the characters published text never carries and normalizes to NFC; `removed` tells whether anything was taken out. */
export function cleanXmlText(text: string): { text: string; removed: boolean } {
  const cleaned = removeUnpublishableCharacters(text);
  return { text: cleaned.normalize("NFC"), removed: cleaned.length !== text.length };
}
