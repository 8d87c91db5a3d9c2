import type { Actor } from './actor.js';

/** Metadata of a route that accepts `X-Act-For` (family/act-for.decorator.ts). */
export const ACT_FOR = 'linli:act-for';

/** family: a bound family member (亲情代办); desk: staff at the service desk (窗口代办). */
export type ProxyKind = 'family' | 'desk';

/** What a route lets a proxy do: the act's name (audit log, the elder's inbox) and who may do it for someone. */
export interface ActForPolicy {
  label: string;
  by: readonly ProxyKind[];
}

/** A person as the proxy machinery needs them (common/ knows no entity). */
export interface ProxyPerson extends Actor {
  name: string | null;
}

/**
 * A request made by one person for another. The auth guard sets `request.user` to the person acted for, so every
 * service runs as if they had acted themselves, and `request.proxy` to this, so the act is recorded with both.
 */
export interface ProxyAct {
  kind: ProxyKind;
  /** Who really made the request. */
  actor: ProxyPerson;
  /** For whom. */
  onBehalfOf: ProxyPerson;
  /** What the family member is to the elder ("女儿"); for staff "社区工作人员". */
  relation: string;
  label: string;
}
