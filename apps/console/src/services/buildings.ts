import type { BuildingView, Page } from '@linli/shared-types';
import { http } from './http';

/** Not in shared-types: GET buildings answers the caller's community, or `?community=CODE` (how admins pick one). */
export interface BuildingQuery {
  community?: string;
}

export function fetchBuildings(query: BuildingQuery, signal?: AbortSignal): Promise<Page<BuildingView>> {
  return http.get<Page<BuildingView>>('buildings', { ...query }, signal);
}
