import { useState } from 'react';
import type { FamilyCodeResponse, FamilyRelation } from '@linli/shared-types';
import {
  askFamilyCredit,
  bindFamily,
  createFamilyCode,
  decideFamilyCredit,
  getFamilyCreditAsks,
  getMyFamily,
  revokeFamily,
} from '../services/family';
import { actingForStore, startActingFor, stopActingFor, type ActingFor } from '../stores/acting-for';
import { useStore } from '../stores/create-store';
import { useGuardedAction } from './useInFlight';
import { useRemoteData } from './useRemoteData';

/** Who acts for me and for whom I act; making a code, entering one, revoking. */
export function useFamily() {
  const family = useRemoteData(getMyFamily, 'family');
  const [code, setCode] = useState<FamilyCodeResponse | null>(null);
  const { busy, actionError, run } = useAction();

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

/** One action at a time behind the mini-app's double-submit guard, its error as text; true when it went through. */
function useAction() {
  const { busy, error: actionError, run: guarded } = useGuardedAction(doWork);
  const run = async (work: () => Promise<void>): Promise<boolean> => (await guarded(work)) ?? false;
  return { busy, actionError, run };
}

async function doWork(work: () => Promise<void>): Promise<true> {
  await work();
  return true;
}

/** 代办转出: the asks to me (to confirm or decline) and mine (to withdraw); asking an elder for credits. */
export function useFamilyCredit() {
  const asks = useRemoteData(getFamilyCreditAsks, 'family-credit');
  const { busy, actionError, run } = useAction();
  const decide = (id: number, decision: 'confirm' | 'decline' | 'cancel') =>
    run(async () => {
      await decideFamilyCredit(id, decision);
      await asks.reload();
    });
  return {
    ...asks,
    busy,
    actionError,
    ask: (bindingId: number, minutes: number, reason: string) =>
      run(async () => {
        await askFamilyCredit(bindingId, { minutes, reason });
        await asks.reload();
      }),
    decide,
  };
}
