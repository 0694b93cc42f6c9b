import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestInput, RequestName, RequestOutput } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/result';
import { send } from '../api';

export interface RequestState<T> {
  data: T | undefined;
  error: AppErrorData | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads one request and reloads it whenever `key` changes (pass the input's JSON or anything that
 * identifies it). An answer that arrives after a newer request was made is ignored.
 */
export function useRequest<K extends RequestName>(name: K, input: RequestInput<K>, key = ''): RequestState<RequestOutput<K>> {
  const [data, setData] = useState<RequestOutput<K>>();
  const [error, setError] = useState<AppErrorData>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    void send(name, inputRef.current).then((result) => {
      if (ticket !== latest.current) return;
      if (result.ok) {
        setData(result.value);
        setError(undefined);
      } else {
        setError(result.error);
      }
      setLoading(false);
    });
  }, [name, key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload };
}
