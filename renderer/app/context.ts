import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppState } from './app-state';
import type { Controllers } from './controllers';

export const AppContext = createContext<{ state: AppState; controls: Controllers } | null>(null);

export function useApp(): { state: AppState; controls: Controllers } {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp() outside <AppContext.Provider>');
  return app;
}
