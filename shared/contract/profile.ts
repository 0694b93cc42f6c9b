// The `profile.*` requests. Handlers: electron/services/profile.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { mandatoryForEnglish, mandatoryProfileFields, profileSchema, businessDetailFields } from '../model/profile';
import { readRequest, request } from './define';

export const profileViewSchema = z.object({
  profile: profileSchema,
  /** Mandatory fields still empty: letters are refused until there are none. */
  missing: z.array(z.enum([...mandatoryProfileFields, ...mandatoryForEnglish, ...businessDetailFields])),
});

export const profileRequests = {
  'profile.get': readRequest(z.object({}).strict(), profileViewSchema),
  /**
   * Changes only the fields given; the whole profile is checked before it is stored (a field in the
   * wrong form is refused with invalid_input, see model/profile-checks.ts). `messengers` and
   * `messengerTexts` may name only some messengers: the others are then not used.
   */
  'profile.update': request(profileSchema.partial().strict(), profileViewSchema),
};
