import type { Migration } from '../migrate';
import { initial } from './0001-initial';
import { contactDetailsAndImports } from './0002-contact-details-and-imports';
import { tracking } from './0003-tracking';
import { searchIndexAndSortKey } from './0004-search-index-and-sort-key';
import { listColumns } from './0005-list-columns';
import { contactLanguage } from './0006-contact-language';
import { proofAndIdentity } from './0007-proof-and-identity';
import { erasedContacts } from './0008-erased-contacts';
import { minorContacts } from './0009-minor-contacts';
import { businessPhones } from './0010-business-phones';
import { consentTextVersions } from './0011-consent-text-versions';
import { importKeptOnUndo } from './0012-import-kept-on-undo';
import { retainedEvidence } from './0013-retained-evidence';
import { accessReports } from './0014-access-reports';
import { returnCodes } from './0015-return-codes';
import { searchIndexInNameOrder } from './0016-search-index-in-name-order';

/** Every migration, in order. A new one gets the next number, its own file and its own test. */
export const migrations: readonly Migration[] = [
  initial,
  contactDetailsAndImports,
  tracking,
  searchIndexAndSortKey,
  listColumns,
  contactLanguage,
  proofAndIdentity,
  erasedContacts,
  minorContacts,
  businessPhones,
  consentTextVersions,
  importKeptOnUndo,
  retainedEvidence,
  accessReports,
  returnCodes,
  searchIndexInNameOrder,
];
