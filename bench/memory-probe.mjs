// Preloaded into the app by bench/memory-rss.ts (`node --import ./bench/memory-probe.mjs …`):
// sends the main thread's memory figures to the bench over the IPC channel once a second, and
// writes a heap snapshot when asked. Plain JavaScript, so it loads the same way under tsx and
// under the compiled build, and costs the app nothing it would not otherwise have (no
// inspector session). Does nothing when not started with an IPC channel.
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

if (process.send) {
  const report = () => {
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]));
    // A bench that went away must not make the app fail (send errors go to the callback).
    if (process.connected) process.send?.({ probe: 'memory', memory: process.memoryUsage(), spaces, at: Date.now() }, undefined, {}, () => undefined);
  };
  const timer = setInterval(report, 1000);
  timer.unref();
  process.on('message', (message) => {
    if (message?.probe === 'snapshot') {
      // Synchronous: the app pauses while it is written (a debug aid, not for measuring speed).
      const file = writeHeapSnapshot(message.path);
      if (process.connected) process.send?.({ probe: 'snapshot', file }, undefined, {}, () => undefined);
    } else if (message?.probe === 'report') {
      report();
    }
  });
  // Listening for messages must not keep the app alive, nor change how it exits.
  process.channel?.unref();
}
