/**
 * What a number is, as shared/phone.ts decides it. Apart from it so the contact model (and with it the
 * renderer's first download) does not pull libphonenumber-js's metadata (50 KB gzip) in (issue 20).
 */
export const phoneKinds = ['mobile', 'landline', 'other', 'invalid'] as const;
export type PhoneKind = (typeof phoneKinds)[number];
