export * from './common.ts';
export * from './auth.ts';
export * from './roster.ts';
export * from './karte.ts';
export * from './koumu-import.ts';
export * from './oneroster.ts';
export * from './xapi.ts';
export * from './identity.ts';
