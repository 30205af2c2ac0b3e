/**
 * Node.js flags the edukarte server runs with (npm start, and the benchmarks that start it).
 * --max-semi-space-size=64: an xAPI batch of 1,000 statements parses into a few MB of objects that
 * live until its transaction commits; with V8's default 16 MB young generation they outlive
 * scavenges and are promoted, and garbage collection took 21 µs of every statement's 68 µs of
 * server CPU. With 64 MB (young generation up to 192 MB) most die young: GC time fell by a third
 * (bench/xapi-ingest.ts, CPU profile of the server).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
