/**
 * How many years the proof of a withdrawn consent may be kept after the contact was erased on
 * request (GDPR Art. 17(3)(e): needed to defend against a legal claim): the regular limitation period
 * of three years (§ 195 BGB), which starts at the end of the year in which the claim arose (§ 199(1)
 * BGB). A claim over messages sent without consent arises at the latest on the day of the
 * withdrawal, so the proof is kept until 31 December of the third year after the withdrawal's year,
 * then erased (docs/access-and-erasure.md).
 */
export const WITHDRAWN_CONSENT_PROOF_YEARS = 3;

/** The last day (YYYY-MM-DD) the proof of consents withdrawn on these days (YYYY-MM-DD) is kept. */
export const proofKeptUntil = (withdrawnOn: readonly string[]): string =>
  `${Math.max(...withdrawnOn.map((day) => Number(day.slice(0, 4)))) + WITHDRAWN_CONSENT_PROOF_YEARS}-12-31`;
