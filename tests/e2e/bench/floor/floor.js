// Hands the chosen files to readers as the import does (each file touched for its size, then
// posted 32 at a time, in turn; as many readers as the import starts: one more than the cores,
// 2 to 4), then lets them read their files 64 at a time as one blob each, and waits until every
// file was read. Resolves to the hand-over's and the whole run's milliseconds.
window.readFloor = async () => {
  const files = [...document.getElementById('files').files];
  const count = Math.min(Math.max((navigator.hardwareConcurrency || 2) + 1, 2), 4);
  const readers = Array.from({ length: count }, () => new Worker('floor-reader.js'));
  const start = performance.now();
  for (let i = 0, k = 0; i < files.length; i += 32, k += 1) {
    const chunk = files.slice(i, i + 32);
    for (const f of chunk) void f.size;
    readers[k % count].postMessage(chunk);
  }
  const handedOver = performance.now();
  let read = 0;
  await new Promise((done) => {
    for (const r of readers) {
      r.onmessage = (e) => {
        read += e.data[0];
        if (read === files.length) done();
      };
      r.postMessage('go');
    }
  });
  const end = performance.now();
  readers.forEach((r) => r.terminate());
  return { handOver: handedOver - start, all: end - start };
};
