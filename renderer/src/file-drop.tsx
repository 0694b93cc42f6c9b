import { Overlay, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

interface FileDropState {
  /** Files dropped anywhere on the window, waiting for the import view to take them. */
  pending: File[];
  take: () => File[];
}

const FileDropContext = createContext<FileDropState>({ pending: [], take: () => [] });

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** Files can be dropped on the whole window; the import view (or the Handy-Abgleich or "Rückläufer einlesen", when open) picks them up; `label` says which. */
export function FileDropProvider({ children, onDrop, label }: { children: ReactNode; onDrop: () => void; label: string }) {
  const [pending, setPending] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      // Never let the browser or Electron open a dropped file instead of importing it.
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length) {
        setPending(files);
        onDrop();
      }
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onDrop]);

  const take = useCallback(() => {
    const files = pending;
    if (files.length) setPending([]);
    return files;
  }, [pending]);

  return (
    <FileDropContext.Provider value={{ pending, take }}>
      {children}
      {dragging && (
        <Overlay fixed blur={2} backgroundOpacity={0.35} zIndex={1000} center>
          <Stack align="center" gap="xs">
            <ThemeIcon size={72} radius="xl">
              <IconFileImport size={40} aria-hidden />
            </ThemeIcon>
            <Text c="white" fw={600} size="lg">
              {label}
            </Text>
          </Stack>
        </Overlay>
      )}
    </FileDropContext.Provider>
  );
}

export const useDroppedFiles = () => useContext(FileDropContext);
