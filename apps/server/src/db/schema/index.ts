export * from './enums.ts';
export * from './org.ts';
export * from './people.ts';
export * from './auth.ts';
export * from './school-affairs.ts';
export * from './surveys.ts';
export * from './learning.ts';
export * from './platform.ts';
