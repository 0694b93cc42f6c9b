/**
 * Whether a text is an e-mail address, plausibly (not RFC 5322): one @, no spaces or list
 * separators, a dot in the domain and a top-level domain of two characters or more. Enough to tell
 * "anna@example.de" from "business 3@example.de", "anna@example" or a name in the wrong field. The
 * one check for imports, the contact form and the business profile.
 */
const plausibleEmail = /^[^\s@,;:<>()[\]"]+@(?:[^\s@,;:<>()[\]".]+\.)+[^\s@,;:<>()[\]".]{2,}$/;

export const isEmailAddress = (text: string): boolean => plausibleEmail.test(text);
