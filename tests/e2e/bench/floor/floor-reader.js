// A reader of the floor (see floor.js): reads its files 64 at a time as one blob each, as
// crates/ampk-rekap/js/ampk-rekap-reader.js does, and answers how many it read.
const jobs = [];
self.onmessage = async (e) => {
  if (e.data !== 'go') {
    jobs.push(...e.data);
    return;
  }
  while (jobs.length) {
    const group = jobs.splice(0, 64);
    const bytes = await new Blob(group).arrayBuffer();
    self.postMessage([group.length, bytes], [bytes]);
  }
};
