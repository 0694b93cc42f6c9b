import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Selection } from '../../shared/model/contact';

interface Handoff {
  /** Contacts chosen in the table, handed to the invitations or the letters. */
  selection: { selection: Selection; count: number } | null;
  hand: (selection: Selection, count: number) => void;
  clear: () => void;
}

const HandoffContext = createContext<Handoff>({ selection: null, hand: () => {}, clear: () => {} });

export function SelectionHandoffProvider({ children }: { children: ReactNode }) {
  const [selection, setSelection] = useState<Handoff['selection']>(null);
  return (
    <HandoffContext.Provider
      value={{ selection, hand: (s, count) => setSelection({ selection: s, count }), clear: () => setSelection(null) }}
    >
      {children}
    </HandoffContext.Provider>
  );
}

export const useSelectionHandoff = () => useContext(HandoffContext);
