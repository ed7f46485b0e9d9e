/** Named leases that elect one replica (over one database) to run a background job. */
export interface LeaseStore {
  /**
   * Takes or renews the named lease for `holder` until nowMs + ttlMs when it is free,
   * expired, or already held by `holder`; true when `holder` holds it afterwards.
   */
  acquireLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}
