import { Button, Group, Modal, Text } from '@mantine/core';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Question {
  leave: () => void;
  stay?: () => void;
}

interface UnsavedChanges {
  /** Forms with unsaved edits: one token each while they are dirty. */
  dirtyForms: Set<object>;
  /**
   * Runs `leave` (go to another page, tab, or close the drawer) at once when nothing is unsaved;
   * otherwise asks first, and runs `stay` when the office keeps editing.
   */
  confirmLeave: (leave: () => void, stay?: () => void) => void;
}

const UnsavedChangesContext = createContext<UnsavedChanges>({ dirtyForms: new Set(), confirmLeave: (leave) => leave() });

/** Asks before unsaved edits are lost: on leaving a page, tab or the contact drawer, and on closing the browser tab. */
export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const dirtyForms = useRef(new Set<object>()).current;
  const [question, setQuestion] = useState<Question | null>(null);
  const asking = useRef(false);

  const confirmLeave = useCallback(
    (leave: () => void, stay?: () => void) => {
      if (dirtyForms.size === 0) return leave();
      // One question at a time: the Escape that answers it also reaches the drawer below, which would ask again.
      if (asking.current) return;
      asking.current = true;
      setQuestion({ leave, stay });
    },
    [dirtyForms],
  );

  const answer = (discard: boolean) => {
    if (!question) return;
    setQuestion(null);
    // Released after the event that answered has reached every listener (see above).
    setTimeout(() => {
      asking.current = false;
    });
    if (discard) question.leave();
    else question.stay?.();
  };

  useEffect(() => {
    // The browser asks with its own question; in the desktop app the main process asks (will-prevent-unload).
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyForms.size > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirtyForms]);

  // One value for the provider's life: a new object on each of its renders (the question opening and
  // closing) would re-render every page that asks, and a page re-rendered loads its data again.
  const value = useMemo(() => ({ dirtyForms, confirmLeave }), [dirtyForms, confirmLeave]);
  return (
    <UnsavedChangesContext.Provider value={value}>
      {children}
      {/* Above the contact drawer, whose tabs and close button ask too. */}
      <Modal opened={question !== null} onClose={() => answer(false)} title={t('unsaved.title')} centered zIndex={1000}>
        <Text size="sm">{t('unsaved.text')}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => answer(false)} data-autofocus>
            {t('unsaved.keepEditing')}
          </Button>
          <Button color="red" onClick={() => answer(true)}>
            {t('unsaved.discard')}
          </Button>
        </Group>
      </Modal>
    </UnsavedChangesContext.Provider>
  );
}

/** Marks the calling form as holding unsaved edits while `dirty` is true. */
export function useUnsavedChanges(dirty: boolean): void {
  const { dirtyForms } = useContext(UnsavedChangesContext);
  useEffect(() => {
    if (!dirty) return;
    const token = {};
    dirtyForms.add(token);
    return () => void dirtyForms.delete(token);
  }, [dirty, dirtyForms]);
}

/** The guard for whatever leaves a form: navigation, tabs, a drawer's close. */
export const useConfirmLeave = () => useContext(UnsavedChangesContext).confirmLeave;
