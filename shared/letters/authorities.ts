import type { GermanState } from '../model/profile';

export interface Authority {
  /** The official name with its article, as the authority writes it; the article follows the office holder ("Der Hessische Beauftragte …"). */
  name: string;
  street: string;
  town: string;
}

/**
 * The data protection authority for businesses in each federal state (Art. 77 GDPR: the contact may
 * complain there). Public addresses as of November 2026, compared with the authorities' own pages
 * (Hamburg, Bremen, Sachsen-Anhalt) and an independent list of all sixteen; the letter prints them as
 * they stand here. The articles (der, die, das) are those of the office holders in late 2025: check
 * them when a state appoints someone new.
 */
export const authorities: Record<GermanState, Authority> = {
  BW: {
    name: 'Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg',
    street: 'Lautenschlagerstraße 20',
    town: '70173 Stuttgart',
  },
  BY: { name: 'Das Bayerische Landesamt für Datenschutzaufsicht', street: 'Promenade 18', town: '91522 Ansbach' },
  BE: { name: 'Die Berliner Beauftragte für Datenschutz und Informationsfreiheit', street: 'Alt-Moabit 59–61', town: '10555 Berlin' },
  BB: {
    name: 'Die Landesbeauftragte für den Datenschutz und für das Recht auf Akteneinsicht Brandenburg',
    street: 'Stahnsdorfer Damm 77',
    town: '14532 Kleinmachnow',
  },
  HB: {
    name: 'Die Landesbeauftragte für Datenschutz und Informationsfreiheit der Freien Hansestadt Bremen',
    street: 'Arndtstraße 1',
    town: '27570 Bremerhaven',
  },
  HH: {
    name: 'Der Hamburgische Beauftragte für Datenschutz und Informationsfreiheit',
    street: 'Ludwig-Erhard-Straße 22',
    town: '20459 Hamburg',
  },
  HE: {
    name: 'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit',
    street: 'Gustav-Stresemann-Ring 1',
    town: '65189 Wiesbaden',
  },
  MV: {
    name: 'Der Landesbeauftragte für Datenschutz und Informationsfreiheit Mecklenburg-Vorpommern',
    street: 'Werderstraße 74a',
    town: '19055 Schwerin',
  },
  NI: { name: 'Der Landesbeauftragte für den Datenschutz Niedersachsen', street: 'Prinzenstraße 5', town: '30159 Hannover' },
  NW: {
    name: 'Die Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen',
    street: 'Kavalleriestraße 2–4',
    town: '40213 Düsseldorf',
  },
  RP: {
    name: 'Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz',
    street: 'Hintere Bleiche 34',
    town: '55116 Mainz',
  },
  SL: { name: 'Das Unabhängige Datenschutzzentrum Saarland', street: 'Fritz-Dobisch-Straße 12', town: '66111 Saarbrücken' },
  SN: { name: 'Die Sächsische Datenschutz- und Transparenzbeauftragte', street: 'Devrientstraße 5', town: '01067 Dresden' },
  ST: { name: 'Der Landesbeauftragte für den Datenschutz Sachsen-Anhalt', street: 'Otto-von-Guericke-Straße 34a', town: '39104 Magdeburg' },
  SH: { name: 'Das Unabhängige Landeszentrum für Datenschutz Schleswig-Holstein', street: 'Holstenstraße 98', town: '24103 Kiel' },
  TH: {
    name: 'Der Thüringer Landesbeauftragte für den Datenschutz und die Informationsfreiheit',
    street: 'Häßlerstraße 8',
    town: '99096 Erfurt',
  },
};
