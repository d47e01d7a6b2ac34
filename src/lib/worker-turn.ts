/**
 * Gives a Web Worker's event loop a turn, so that a long computation done in slices still hears
 * "pause" and "stop" between them. A message to ourselves, not setTimeout(0): browsers clamp
 * nested timeouts to 4 ms, which for a training loop that yields every few milliseconds wastes a
 * sixth of its time, and over the 20-pass reproduction whole seconds.
 */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

export function turn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}
