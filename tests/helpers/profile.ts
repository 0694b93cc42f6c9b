import type { Profile } from '../../shared/model/profile';

/** A business profile with everything a consent letter needs. */
export const completeProfile: Partial<Profile> = {
  name: 'Dachdeckerei Schulze',
  legalForm: 'GmbH',
  representative: 'Bernd Schulze',
  seat: 'Kassel',
  registerCourt: 'Amtsgericht Kassel',
  registerNumber: 'HRB 12345',
  managingDirectors: ['Bernd Schulze', 'Anna Schulze'],
  street: 'Mühlenweg 3',
  postalCode: '34117',
  city: 'Kassel',
  phone: '0561 123456',
  email: 'info@schulze-dach.de',
  website: 'www.schulze-dach.de',
  privacyUrl: 'https://schulze-dach.de/datenschutz',
  dpo: { name: 'Datenschutz Nord GmbH', email: 'dsb@example.de', address: 'Hafenstraße 1, 20457 Hamburg' },
  state: 'HE',
  whatsappNumber: '+49 171 9876543',
  messengers: { signal: '+49 171 9876543', threema: 'ABCD1234', wire: null, element: null, ginlo: null },
  recommendedMessenger: 'signal',
  purposes: ['appointments', 'site_photos', 'quotes_invoices', 'advertising'],
};
