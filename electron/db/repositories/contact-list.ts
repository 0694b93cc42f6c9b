import type { Database } from 'better-sqlite3';
import type { ContactRow, ContactView, sortColumns } from '../../../shared/model/contact';
import { stages, type Stage } from '../../../shared/model/tracking';
import { foldForSearch, queryDigits } from '../../../shared/search';

export interface ContactListQuery {
  search: string;
  stages?: readonly Stage[];
  targets?: readonly string[];
  kinds?: readonly string[];
  languages?: readonly string[];
  tag?: string;
  view?: ContactView;
  importId?: number;
  onWhatsapp?: boolean;
  consented?: boolean;
  duplicates?: boolean;
  /** For the overdue views: invitations and letters older than these dates are overdue. */
  invitedBefore: string;
  letterSentBefore: string;
}

export interface ContactListRepository {
  page(
    query: ContactListQuery,
    page: { sort: (typeof sortColumns)[number]; descending: boolean; offset: number; limit: number },
  ): { total: number; rows: ContactRow[] };
  ids(query: ContactListQuery): number[];
  /** Name and stage of these contacts (not deleted), in the order given. */
  stagesOf(ids: readonly number[]): { id: number; displayName: string; stage: Stage }[];
  count(query: ContactListQuery): number;
  /** These contacts (not deleted) in the table's default order, by name: the order of an export. */
  inNameOrder(ids: readonly number[]): number[];
}

/**
 * The one definition of a valid WhatsApp consent, used by the overview, the filters, the export to
 * the business phone and the letters page: the contact stands at "consent given" and holds at least
 * one consent that has not been withdrawn. (Every purpose on the form is a reason to write over
 * WhatsApp; "no" records no consent at all.) A contact set to "consent given" without any consent
 * record, as older versions allowed from the bulk menu, is not consented.
 */
export const VALID_CONSENT_SQL =
  "(c.status = 'consent_given' AND EXISTS (SELECT 1 FROM consents k WHERE k.contact_id = c.id AND k.withdrawn_at IS NULL))";

/** A duplicate pair still waiting for the office's decision (merge or keep apart). */
const OPEN_DUPLICATE_SQL = `EXISTS (SELECT 1 FROM duplicate_candidates d
  JOIN contacts o ON o.id = (CASE WHEN d.contact_id = c.id THEN d.other_id ELSE d.contact_id END) AND o.deleted_at IS NULL
  WHERE (d.contact_id = c.id OR d.other_id = c.id) AND d.resolved_at IS NULL)`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** "The column contains this text", as a WHERE term with its parameter (never user text in the SQL). */
function contains(column: 'search_text' | 'search_digits', name: string, text: string, params: Record<string, unknown>): string {
  params[name] = `%${escapeLike(text)}%`;
  return `c.${column} LIKE @${name} ESCAPE '\\'`;
}

const stageOrder = `CASE status ${stages.map((stage, i) => `WHEN '${stage}' THEN ${i}`).join(' ')} END`;

/** The terms each column sorts by, in order; each gets the chosen direction (empty values last). */
const orderBy: Record<(typeof sortColumns)[number], readonly string[]> = {
  name: ['sort_name'],
  organization: ['sort_organization IS NULL', 'sort_organization'],
  kind: ['kind'],
  mobile: ['list_mobile IS NULL', 'list_mobile'],
  target: ['target IS NULL', 'target'],
  stage: [stageOrder],
  updatedAt: ['updated_at'],
  whatsapp: ['whatsapp_last_message_at IS NULL', 'whatsapp_last_message_at'],
};

/**
 * When few contacts match, sorting them beats walking the whole name (or date) index in order until a
 * page is full: with rare matches that walk visits most of the 50,000 rows. The unary plus keeps
 * SQLite from using the index for the order.
 */
const SORT_MATCHES_BELOW = 5000;
const orderWithoutIndex: Partial<Record<(typeof sortColumns)[number], readonly string[]>> = {
  name: ['+sort_name'],
  updatedAt: ['+updated_at'],
};

/**
 * A keystroke that narrows a search in name order which found fewer than this reads all of its
 * matches in one pass over the search index, in order, instead of counting them first and then
 * fetching a page: the count was a second pass over the same index (5 ms at 50,000 contacts).
 */
const ONE_PASS_BELOW = 20_000;

interface Built {
  where: string;
  params: Record<string, unknown>;
  /** Narrowed by more than the search (a stage, a view, an import…): SQLite picks the index for that. */
  filtered: boolean;
}

/**
 * What a search asks of the search columns: a number (its digits, or the same text in a name or
 * address), or words that must each be contained; null when there is nothing to look for yet.
 */
type SearchTerms = { kind: 'number'; digits: string; text: string } | { kind: 'words'; words: string[] } | null;

function searchTerms(search: string): SearchTerms {
  const trimmed = search.trim();
  if (!trimmed) return null;
  const digits = queryDigits(trimmed);
  // Only "+" or "(" so far: no filter yet.
  if (digits === '') return null;
  if (digits) return { kind: 'number', digits, text: foldForSearch(trimmed) };
  const words = foldForSearch(trimmed).split(' ').filter(Boolean).slice(0, 8);
  return words.length > 0 ? { kind: 'words', words } : null;
}

/**
 * Whether every contact that `next` finds was found by `previous` as well: each term of `previous`
 * lies inside a term of `next` ("schul" → "schulz", "0171" → "0171 02"). Typing on in the search box
 * narrows the search, so the next keystroke needs to look only at what the last one found.
 */
function narrows(next: SearchTerms, previous: SearchTerms): boolean {
  if (next === null || previous === null) return false;
  if (next.kind === 'number' && previous.kind === 'number')
    return next.digits.includes(previous.digits) && next.text.includes(previous.text);
  if (next.kind === 'words' && previous.kind === 'words')
    return previous.words.every((word) => next.words.some((longer) => longer.includes(word)));
  return false;
}

/**
 * The WHERE clause of a filter, with named parameters only (never user text in the SQL); `within`
 * (a JSON array of contact ids) restricts it to the contacts an earlier, wider search found.
 */
function build(query: ContactListQuery, terms: SearchTerms = searchTerms(query.search), within: string | null = null): Built {
  const where = ['c.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (within !== null) {
    params.within = within;
    where.push('c.id IN (SELECT value FROM json_each(@within))');
  }
  if (terms?.kind === 'number')
    where.push(`(${contains('search_digits', 'digits', terms.digits, params)} OR ${contains('search_text', 'text', terms.text, params)})`);
  else if (terms?.kind === 'words')
    for (const [i, word] of terms.words.entries()) where.push(contains('search_text', `word${i}`, word, params));
  const searchOnly = where.length;
  if (query.stages?.length) {
    // "Consent given" counts only with a valid consent (VALID_CONSENT_SQL), in the filter as in the overview.
    params.stages = JSON.stringify(query.stages.filter((stage) => stage !== 'consent_given'));
    where.push(
      `(c.status IN (SELECT value FROM json_each(@stages))${query.stages.includes('consent_given') ? ` OR ${VALID_CONSENT_SQL}` : ''})`,
    );
  }
  if (query.targets?.length) {
    params.targets = JSON.stringify(query.targets.filter((t) => t !== 'none'));
    where.push(`(c.target IN (SELECT value FROM json_each(@targets))${query.targets.includes('none') ? ' OR c.target IS NULL' : ''})`);
  }
  if (query.kinds?.length) {
    params.kinds = JSON.stringify(query.kinds);
    where.push('c.kind IN (SELECT value FROM json_each(@kinds))');
  }
  if (query.languages?.length) {
    params.languages = JSON.stringify(query.languages);
    where.push('c.language IN (SELECT value FROM json_each(@languages))');
  }
  if (query.tag) {
    params.tag = query.tag;
    where.push('c.id IN (SELECT contact_id FROM contact_tags WHERE tag = @tag)');
  }
  if (query.importId !== undefined) {
    params.importId = query.importId;
    where.push('(c.created_by_import = @importId OR c.id IN (SELECT contact_id FROM import_changes WHERE import_id = @importId))');
  }
  if (query.onWhatsapp !== undefined) {
    params.onWhatsapp = query.onWhatsapp ? 1 : 0;
    where.push('c.on_whatsapp = @onWhatsapp');
  }
  if (query.consented !== undefined) where.push(query.consented ? VALID_CONSENT_SQL : `NOT ${VALID_CONSENT_SQL}`);
  if (query.duplicates !== undefined) where.push(query.duplicates ? OPEN_DUPLICATE_SQL : `NOT ${OPEN_DUPLICATE_SQL}`);
  switch (query.view) {
    case 'not_invited':
      where.push("c.status = 'new'");
      break;
    case 'invitation_overdue':
      params.invitedBefore = query.invitedBefore;
      where.push("c.status = 'invited' AND c.invited_at < @invitedBefore");
      break;
    case 'letter_overdue':
      params.letterSentBefore = query.letterSentBefore;
      where.push("c.status = 'consent_requested' AND c.letter_sent_at < @letterSentBefore");
      break;
    case 'withdrawn':
      where.push("(c.status = 'consent_withdrawn' OR c.id IN (SELECT contact_id FROM consents WHERE withdrawn_at IS NOT NULL))");
      break;
  }
  return { where: where.join(' AND '), params, filtered: where.length > searchOnly };
}

interface RowData {
  id: number;
  display_name: string;
  organization: string | null;
  kind: ContactRow['kind'];
  mobile: string | null;
  target: ContactRow['target'];
  status: Stage;
  updated_at: string;
  on_whatsapp: number;
  whatsapp_last_message_at: string | null;
  tags: string | null;
}

/** The contact table's queries: filter, sort and page 50,000 contacts in a few milliseconds. */
export function createContactListRepository(db: Database): ContactListRepository {
  const statements = new Map<string, ReturnType<Database['prepare']>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size > 200) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  /**
   * What the last search found, with the rest of its filter and the database's state then. Its
   * contacts when they were few (fewer than SORT_MATCHES_BELOW): the next keystroke that narrows it
   * searches only these. After any write since, or when they were more, its count: the next keystroke
   * searches all contacts, in one pass if the count says it will find few (or, in name order, fewer
   * than ONE_PASS_BELOW).
   */
  let found: { restKey: string; terms: NonNullable<SearchTerms>; marker: string; ids: string | null; count: number } | null = null;
  const changes = db.prepare('SELECT total_changes()').pluck();
  /**
   * The database's state: this connection's writes (total_changes), another's (data_version), and
   * whether a transaction is open: what a search read inside one (an import written in time slices)
   * may yet be rolled back, and a rollback leaves total_changes as it was.
   */
  const changeMarker = () => `${db.inTransaction ? 'open' : 'closed'}:${changes.get()}:${db.pragma('data_version', { simple: true })}`;

  return {
    page(query, { sort, descending, offset, limit }) {
      const terms = searchTerms(query.search);
      const { search: _search, ...rest } = query;
      const restKey = JSON.stringify(rest);
      const marker = changeMarker();
      const narrowed = terms !== null && found !== null && found.restKey === restKey && narrows(terms, found.terms) ? found : null;
      const within = narrowed?.marker === marker ? narrowed.ids : null;
      const { where, params, filtered } = build(query, terms, within);
      const direction = descending ? 'DESC' : 'ASC';
      // A search in name order walks the search index, which is in that order and holds the search
      // columns (migration 0016): its first page, or all of its matches, without reading a contact's row.
      // Not for the narrowed search, which reads its few contacts by id, nor with another filter (a
      // stage, an import's contacts), whose own index finds its few contacts: walking the search
      // index would read the row of every match to test it (0.4 → 18 ms at 50,000 contacts).
      const walksSearchIndex = sort === 'name' && terms !== null && within === null && !filtered;
      const from = walksSearchIndex ? 'contacts c INDEXED BY contacts_search' : 'contacts c';
      // The last search's count (also after a write since, an import under way) tells that this one finds few.
      const onePass = narrowed !== null && narrowed.count < (walksSearchIndex ? ONE_PASS_BELOW : SORT_MATCHES_BELOW);
      const remember = (count: number, ids: number[] | null) => {
        found =
          terms === null || count >= ONE_PASS_BELOW
            ? null
            : { restKey, terms, marker, ids: ids && count < SORT_MATCHES_BELOW ? JSON.stringify(ids) : null, count };
      };
      // Within the same company, stage or date: by name, as a reader expects (not by import order).
      const orderFor = (few: boolean) =>
        [...((few && !walksSearchIndex && orderWithoutIndex[sort]) || orderBy[sort]), ...(sort === 'name' ? [] : ['sort_name'])]
          .map((term) => `${term} ${direction}`)
          .join(', ');
      /** Every match in order, for a search that finds few; kept for the next keystroke. */
      const allMatches = () => {
        const all = prepared(`SELECT c.id FROM ${from} WHERE ${where} ORDER BY ${orderFor(true)}, c.id ${direction}`)
          .pluck()
          .all(params) as number[];
        remember(all.length, all);
        return all;
      };
      let total: number;
      let ids: number[];
      if (within !== null || onePass) {
        // Few matches: all of them at once, counted as they come (one pass instead of a count and a page).
        const all = allMatches();
        [total, ids] = [all.length, all.slice(offset, offset + limit)];
      } else {
        total = (prepared(`SELECT count(*) AS total FROM contacts c WHERE ${where}`).get(params) as { total: number }).total;
        const few = total < SORT_MATCHES_BELOW;
        // First the page's ids (sorting ids alone is cheap), then the columns for those rows only:
        // the mobile number and tags are subqueries that would otherwise run for every match.
        if (terms !== null && few) ids = allMatches().slice(offset, offset + limit);
        else {
          ids = prepared(`SELECT c.id FROM ${from} WHERE ${where} ORDER BY ${orderFor(few)}, c.id ${direction} LIMIT @limit OFFSET @offset`)
            .pluck()
            .all({ ...params, limit, offset }) as number[];
          remember(total, null);
        }
      }
      const byId = new Map(
        (
          prepared(
            `SELECT c.id, c.display_name, c.organization, c.kind, c.list_mobile AS mobile, c.target, c.status, c.updated_at, c.on_whatsapp,
                    c.whatsapp_last_message_at, (SELECT group_concat(tag, char(31)) FROM contact_tags t WHERE t.contact_id = c.id) AS tags
             FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?))`,
          ).all(JSON.stringify(ids)) as RowData[]
        ).map((row) => [row.id, row]),
      );
      const rows = ids.map((id) => byId.get(id)!);
      return {
        total,
        rows: rows.map((row) => ({
          id: row.id,
          displayName: row.display_name,
          organization: row.organization,
          kind: row.kind,
          mobile: row.mobile,
          target: row.target,
          stage: row.status,
          updatedAt: row.updated_at,
          onWhatsapp: row.on_whatsapp === 1,
          whatsappLastMessageAt: row.whatsapp_last_message_at,
          tags: row.tags ? row.tags.split('\u001f').sort() : [],
        })),
      };
    },

    ids(query) {
      const { where, params } = build(query);
      return prepared(`SELECT c.id FROM contacts c WHERE ${where} ORDER BY c.id`).pluck().all(params) as number[];
    },

    stagesOf(ids) {
      const rows = prepared(
        `SELECT c.id, c.display_name AS displayName, c.status AS stage FROM contacts c WHERE c.deleted_at IS NULL AND c.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(ids)) as { id: number; displayName: string; stage: Stage }[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    inNameOrder: (ids) =>
      prepared(
        'SELECT c.id FROM contacts c WHERE c.deleted_at IS NULL AND c.id IN (SELECT value FROM json_each(?)) ORDER BY sort_name, c.id',
      )
        .pluck()
        .all(JSON.stringify(ids)) as number[],

    count(query) {
      const { where, params } = build(query);
      return (prepared(`SELECT count(*) AS total FROM contacts c WHERE ${where}`).get(params) as { total: number }).total;
    },
  };
}
