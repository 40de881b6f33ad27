import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "../../proxy";
import { MAX_REQUEST_BODY_BYTES, MAX_UPLOAD_BYTES, megabytes, tooLargeMessage, tooLargeMessageIn } from "./upload-limit";
import { detectFormat } from "../ingest/extract/detect";

const MB = 1024 * 1024;

describe("one upload limit, said plainly", () => {
  it("says a 50 MB file is 50 MB and the limit 20 MB, in both languages", () => {
    expect(megabytes(50 * MB)).toBe("50 MB");
    expect(megabytes(MAX_UPLOAD_BYTES)).toBe("20 MB");
    expect(tooLargeMessageIn("en", 50 * MB)).toContain("The file is 50 MB; the limit is 20 MB");
    expect(tooLargeMessageIn("zh", 50 * MB)).toContain("文件为 50 MB，上限为 20 MB");
    expect(tooLargeMessage(50 * MB)).not.toMatch(/20\.0/u);
  });

  it("the pipeline refuses a file over the limit with the same words, from its real size", () => {
    const r = detectFormat(new Uint8Array(0), "big.pdf", 50 * MB);
    expect(r.issue?.code).toBe("too_large");
    expect(r.issue?.message).toContain("The file is 50 MB; the limit is 20 MB");
  });

  it("the proxy refuses a bigger request from its Content-Length, before reading the body (413)", async () => {
    const request = new NextRequest("http://localhost/upload", {
      method: "POST",
      headers: { "content-length": String(50 * MB), "content-type": "multipart/form-data; boundary=x", "next-action": "abc" },
    });
    const response = await proxy(request);
    expect(response.status).toBe(413);
    const text = await response.text();
    expect(text).toContain("文件为 50 MB，上限为 20 MB");
    expect(text).toContain("The file is 50 MB; the limit is 20 MB");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("lets a request at the limit through to the page", async () => {
    const request = new NextRequest("http://localhost/login", { method: "POST", headers: { "content-length": String(MAX_REQUEST_BODY_BYTES) } });
    const response = await proxy(request);
    expect(response.status).toBe(200);
  });
});
