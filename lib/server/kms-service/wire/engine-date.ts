import "server-only";

// The JavaScript engine's own Date. Next replaces the global Date when it loads (it watches prerenders
// for reads of the clock), and its Date and Date.now look up two AsyncLocalStorage stores on every
// call; the wire endpoint is never prerendered and reads the clock on every request. server.ts imports
// this module before Next, so the first copy to load keeps the original (on globalThis: Next's bundles
// load their own copies of this module later).

const holder = globalThis as unknown as { keyholdEngineDate?: DateConstructor };

export const EngineDate: DateConstructor = (holder.keyholdEngineDate ??= Date);
