import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const given = [
  'Jürgen',
  'Anna',
  'Bernd',
  'Sophie',
  'Mehmet',
  'Katarzyna',
  'Thomas',
  'Maria',
  'Özlem',
  'Lukas',
  'Hannelore',
  'Dieter',
  'Emine',
  'Klaus',
  'Sabine',
  'René',
];
const family = [
  'Groß',
  'Müller',
  'Schulze',
  'Weiß',
  'Yılmaz',
  'Nowak',
  'Becker',
  'Schmidt',
  'Öztürk',
  'Fischer',
  'Koch',
  'Wagner',
  'Krüger',
  'Zimmermann',
  'Hoffmann',
  'Schäfer',
];
const trades = ['Dachdeckerei', 'Holzbau', 'Elektro', 'Sanitär', 'Malerbetrieb', 'Fliesen', 'Gartenbau', 'Metallbau'];
const streets = ['Hauptstraße', 'Bahnhofstraße', 'Mühlenweg', 'Gartenstraße', 'Schulstraße', 'Lindenallee'];
const cities = [
  ['34117', 'Kassel'],
  ['50667', 'Köln'],
  ['80331', 'München'],
  ['20095', 'Hamburg'],
  ['04109', 'Leipzig'],
];

/** A deterministic stream of plausible contacts of a German craft business (numbers unique per index). */
export function* contacts(count: number) {
  for (let i = 0; i < count; i += 1) {
    const g = given[i % given.length]!;
    const f = family[(i * 7) % family.length]!;
    const [zip, city] = cities[i % cities.length]!;
    const mobilePrefix = ['0151', '0160', '0171', '0176'][i % 4]!;
    yield {
      given: g,
      family: `${f}${i >= family.length ? ` ${i}` : ''}`,
      company: i % 3 === 0 ? `${trades[i % trades.length]} ${f} GmbH` : '',
      mobile: `${mobilePrefix} ${String(2_000_000 + i).padStart(8, '0')}`,
      landline: i % 2 === 0 ? `0561 ${String(100_000 + i)}` : '',
      email: `${g.toLowerCase().replace(/[^a-z]/g, '')}.${i}@example.de`,
      street: `${streets[i % streets.length]} ${1 + (i % 120)}`,
      zip: zip!,
      city: city!,
    };
  }
}

async function write(path: string, lines: Iterable<string>) {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export async function writeCsv(path: string, count: number) {
  await write(
    path,
    (function* () {
      yield 'Vorname;Nachname;Firma;Handy;Telefon;E-Mail;Straße;PLZ;Ort\r\n';
      for (const c of contacts(count))
        yield `${c.given};${c.family};${c.company};${c.mobile};${c.landline};${c.email};${c.street};${c.zip};${c.city}\r\n`;
    })(),
  );
}

export async function writeVcard(path: string, count: number) {
  await write(
    path,
    (function* () {
      for (const c of contacts(count)) {
        yield `BEGIN:VCARD\r\nVERSION:3.0\r\nN:${c.family};${c.given};;;\r\nFN:${c.given} ${c.family}\r\n`;
        if (c.company) yield `ORG:${c.company}\r\n`;
        yield `TEL;TYPE=CELL:${c.mobile}\r\n`;
        if (c.landline) yield `TEL;TYPE=WORK:${c.landline}\r\n`;
        yield `EMAIL;TYPE=INTERNET:${c.email}\r\nADR;TYPE=WORK:;;${c.street};${c.city};;${c.zip};Deutschland\r\nEND:VCARD\r\n`;
      }
    })(),
  );
}
