import { useState } from 'react';
import { useInFlight } from './useInFlight';
import type { FamilyCodeResponse, FamilyRelation } from '@linli/shared-types';
import { bindFamily, createFamilyCode, getMyFamily, revokeFamily } from '../services/family';
import { actingForStore, startActingFor, stopActingFor, type ActingFor } from '../stores/acting-for';
import { useStore } from '../stores/create-store';
import { errorText, useRemoteData } from './useRemoteData';

/** Who acts for me and for whom I act; making a code, entering one, revoking. */
export function useFamily() {
  const family = useRemoteData(getMyFamily, 'family');
  const [code, setCode] = useState<FamilyCodeResponse | null>(null);
  const { busy, guard } = useInFlight();
  const [actionError, setActionError] = useState<string | null>(null);

  const run = async (work: () => Promise<void>) => {
    await guard(async () => {
      setActionError(null);
      try {
        await work();
      } catch (caught) {
        setActionError(errorText(caught));
      }
    });
  };

  return {
    ...family,
    code,
    busy,
    actionError,
    makeCode: () => run(async () => setCode(await createFamilyCode())),
    bind: (value: string, relation: FamilyRelation) =>
      run(async () => {
        await bindFamily(value, relation);
        await family.reload();
      }),
    revoke: (id: number, elderId?: number) =>
      run(async () => {
        await revokeFamily(id);
        if (elderId && actingForStore.get()?.elderId === elderId) stopActingFor();
        await family.reload();
      }),
  };
}

/** The elder this phone acts for now, and the switch. */
export function useActingFor(): [ActingFor | null, (elder: ActingFor | null) => void] {
  const current = useStore(actingForStore);
  return [current, (elder) => (elder ? startActingFor(elder) : stopActingFor())];
}
