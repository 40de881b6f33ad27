export * from "./formats";
export * from "./cells";
export * from "./topics";
