import type { Send } from '../../shared/contract';

/** The only object the preload gives the page: the contract's send function. */
export interface UmzugshelferBridge {
  send: Send;
}

declare global {
  interface Window {
    umzugshelfer?: UmzugshelferBridge;
  }
}
