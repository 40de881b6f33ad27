"use client";

// Replaces the root layout when it fails, so it brings its own <html> and minimal styling.
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif', padding: "3rem" }}>
        <title>公开 Gongkai</title>
        <h1>出错了 · Something went wrong</h1>
        <p>应用暂时无法加载，请稍后重试。 / The application could not load. Please try again shortly.</p>
        <button type="button" onClick={() => retry()}>
          重试 · Retry
        </button>
      </body>
    </html>
  );
}
