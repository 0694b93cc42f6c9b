import type { GermanState } from '../model/profile';

export interface Authority {
  name: string;
  street: string;
  town: string;
}

/**
 * The data protection authority for businesses in each federal state (Art. 77 GDPR: the contact may
 * complain there). Public addresses as of November 2026, compared with the authorities' own pages
 * (Hamburg, Bremen, Sachsen-Anhalt) and an independent list of all sixteen; the letter prints them as
 * they stand here.
 */
export const authorities: Record<GermanState, Authority> = {
  BW: { name: 'Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg', street: 'Lautenschlagerstraße 20', town: '70173 Stuttgart' },
  BY: { name: 'Bayerisches Landesamt für Datenschutzaufsicht', street: 'Promenade 18', town: '91522 Ansbach' },
  BE: { name: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit', street: 'Alt-Moabit 59–61', town: '10555 Berlin' },
  BB: { name: 'Landesbeauftragte für den Datenschutz und für das Recht auf Akteneinsicht Brandenburg', street: 'Stahnsdorfer Damm 77', town: '14532 Kleinmachnow' },
  HB: { name: 'Landesbeauftragte für Datenschutz und Informationsfreiheit der Freien Hansestadt Bremen', street: 'Arndtstraße 1', town: '27570 Bremerhaven' },
  HH: { name: 'Hamburgische Beauftragte für Datenschutz und Informationsfreiheit', street: 'Ludwig-Erhard-Straße 22', town: '20459 Hamburg' },
  HE: { name: 'Hessische Beauftragte für Datenschutz und Informationsfreiheit', street: 'Gustav-Stresemann-Ring 1', town: '65189 Wiesbaden' },
  MV: { name: 'Landesbeauftragte für Datenschutz und Informationsfreiheit Mecklenburg-Vorpommern', street: 'Werderstraße 74a', town: '19055 Schwerin' },
  NI: { name: 'Landesbeauftragte für den Datenschutz Niedersachsen', street: 'Prinzenstraße 5', town: '30159 Hannover' },
  NW: { name: 'Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen', street: 'Kavalleriestraße 2–4', town: '40213 Düsseldorf' },
  RP: { name: 'Landesbeauftragte für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz', street: 'Hintere Bleiche 34', town: '55116 Mainz' },
  SL: { name: 'Unabhängiges Datenschutzzentrum Saarland', street: 'Fritz-Dobisch-Straße 12', town: '66111 Saarbrücken' },
  SN: { name: 'Sächsische Datenschutz- und Transparenzbeauftragte', street: 'Devrientstraße 5', town: '01067 Dresden' },
  ST: { name: 'Landesbeauftragte für den Datenschutz Sachsen-Anhalt', street: 'Otto-von-Guericke-Straße 34a', town: '39104 Magdeburg' },
  SH: { name: 'Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein', street: 'Holstenstraße 98', town: '24103 Kiel' },
  TH: { name: 'Thüringer Landesbeauftragte für den Datenschutz und die Informationsfreiheit', street: 'Häßlerstraße 8', town: '99096 Erfurt' },
};
