import { useEffect, useState } from 'react';
import type { TransferRecipient } from '@linli/shared-types';
import { searchRecipients } from '../services/timebank';
import { useRemoteData } from './useRemoteData';

/** Typing pauses this long before neighbours are searched. */
const SEARCH_DELAY_MS = 400;

/** Neighbours whose name contains the typed text (a pure account number is not searched). */
export function useRecipientSearch(typed: string): {
  query: string;
  items: TransferRecipient[];
  loading: boolean;
  error: string | null;
} {
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const enabled = query !== '' && !/^#?\d+$/.test(query);
  const { data, loading, error } = useRemoteData(() => searchRecipients(query), query, enabled);
  return {
    query: enabled ? query : '',
    items: enabled ? (data?.items ?? []) : [],
    loading: enabled && loading,
    error: enabled ? error : null,
  };
}

/** 1栋 2单元 */
export function recipientPlace(recipient: TransferRecipient): string {
  return [recipient.buildingName, recipient.unit ? `${recipient.unit}单元` : null].filter(Boolean).join(' ');
}
