import { describe, expect, it, vi } from 'vitest';
import { createStore } from './create-store';

describe('createStore', () => {
  it('holds a value, updates it by value or function and tells its listeners', () => {
    const store = createStore(1);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.set(2);
    store.set((previous) => previous * 10);
    expect(store.get()).toBe(20);
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    store.set(3);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
