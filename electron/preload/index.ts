import { contextBridge, ipcRenderer } from 'electron';
import type { Send } from '../../shared/contract';
import { ipcChannel, isRequestName } from '../../shared/contract/names';
import type { UmzugshelferBridge } from './api';

// A narrow bridge: the page can make the contract's requests and nothing else; ipcRenderer itself
// never crosses into the page.
const send = ((name: string, input: unknown) =>
  isRequestName(name)
    ? ipcRenderer.invoke(ipcChannel(name), input)
    : Promise.resolve({ ok: false, error: { code: 'unknown_request', message: name } })) as Send;

const bridge: UmzugshelferBridge = { send };

contextBridge.exposeInMainWorld('umzugshelfer', bridge);
