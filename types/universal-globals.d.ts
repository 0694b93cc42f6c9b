// Globals every runtime of shared/ has (browser, Node.js, Electron), declared for the shared-only
// type check, which otherwise sees neither the DOM nor Node.js. Only what shared/ uses is listed.
export {};

declare global {
  class URL {
    constructor(url: string, base?: string);
    readonly href: string;
    readonly protocol: string;
    readonly hostname: string;
    readonly port: string;
    readonly username: string;
    readonly password: string;
    readonly pathname: string;
    readonly search: string;
    readonly hash: string;
    toString(): string;
  }
}
