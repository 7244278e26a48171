/** The window's session store and the React hooks that read it. */
import { useStore } from 'zustand';
import { getApi } from '../api/client';
import { createSessionStore, type Session, type SessionStore } from './session';

let store: SessionStore | null = null;

export function sessionStore(): SessionStore {
  store ??= createSessionStore(getApi());
  return store;
}

export function useSession<T>(selector: (state: Session) => T): T {
  return useStore(sessionStore(), selector);
}

/** The actions never change: read them without subscribing. */
export function actions(): Session {
  return sessionStore().getState();
}
