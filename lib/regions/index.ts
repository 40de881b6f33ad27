export * from "./levels";
export * from "./names";
export * from "./guizhou";
export * from "./china-division";
export * from "./english";
