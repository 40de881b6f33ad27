/** The demo corpus generator (pure): agencies, figure model, prose, injected errors, manifest. */
export * from "./agencies";
export * from "./corpus";
export * from "./errors";
export * from "./figures";
export * from "./narrative";
export * from "./oracle";
export * from "./prng";
