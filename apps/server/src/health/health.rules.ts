/** A Galera node serves Linli only when it is ready and Synced (not Joining, Donor/Desynced or Initialized). */
export function galeraServes(node: { ready: boolean; state: string }): boolean {
  return node.ready && node.state === 'Synced';
}
