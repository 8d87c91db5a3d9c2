import { useCallback, useState } from 'react';
import { useInFlight } from './useInFlight';
import type { PostingResponse } from '@linli/shared-types';
import { donateToCommons, getCommons } from '../services/help';
import { reloadTimebankAccount } from './useTimebankAccount';
import { helpErrorText } from './useHelpRequests';
import { useRemoteData } from './useRemoteData';

/** The community commons 公益池: balance and flows every resident sees, and donating to it. */
export function useHelpCommons() {
  const commons = useRemoteData(getCommons, 'help-commons');
  const { busy: donating, guard } = useInFlight();
  const [error, setError] = useState<string | null>(null);
  const [donated, setDonated] = useState<PostingResponse | null>(null);
  const donate = useCallback(
    async (minutes: number) => {
      return (
        (await guard(async () => {
          setError(null);
          try {
            const result = await donateToCommons(minutes);
            void reloadTimebankAccount();
            setDonated(result);
            await commons.reload();
            return true;
          } catch (caught) {
            setError(helpErrorText(caught));
            return false;
          }
        })) ?? false
      );
    },
    [guard, commons],
  );
  return { ...commons, donating, donateError: error, donated, donate, clearDonated: () => setDonated(null) };
}
