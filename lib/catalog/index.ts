export * from "./formats";
export * from "./cells";
export * from "./topics";
export * from "./figures";
export * from "./storable";
