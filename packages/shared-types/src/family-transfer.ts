/** POST timebank/family-transfers (+ Idempotency-Key): credits to a bound family member, in any community of the street. */
export interface FamilyTransferRequest {
  toUserId: number;
  /** Whole minutes. */
  minutes: number;
  memo: string;
}
