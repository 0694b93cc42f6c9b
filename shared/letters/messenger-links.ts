import type { Messenger } from '../model/tracking';

/**
 * The link to the business on a messenger, built from its id there (docs/messengers.md): Signal from the
 * phone number (a username link must be copied from the app and is taken as it is), Threema from the
 * 8-character id, Element/Matrix from the Matrix id. Wire and ginlo have no public link: null.
 */
export function messengerLink(messenger: Messenger, id: string | null | undefined): string | null {
  const value = id?.trim();
  if (!value) return null;
  switch (messenger) {
    case 'signal': {
      if (/^https:\/\/signal\.me\//.test(value)) return value;
      const digits = value.replace(/[^\d+]/g, '').replace(/^00/, '+');
      return /^\+\d{6,15}$/.test(digits) ? `https://signal.me/#p/${digits}` : null;
    }
    case 'threema': {
      const threemaId = value.replace(/^https:\/\/threema\.id\//, '').toUpperCase();
      return /^[0-9A-Z*][0-9A-Z]{7}$/.test(threemaId) ? `https://threema.id/${threemaId}` : null;
    }
    case 'element': {
      if (/^https:\/\/matrix\.to\/#\//.test(value)) return value;
      return /^@[^:\s]+:[^\s]+$/.test(value) ? `https://matrix.to/#/${value}` : null;
    }
    case 'wire':
    case 'ginlo':
      return null;
  }
}
