/** The 贵州 map shapes for server components and routes (guizhou-geo-shapes.ts), kept off the client. */
import "server-only";

export * from "./guizhou-geo-shapes";
