#!/usr/bin/env node
// Print the lines of the first K random playthroughs of an ink story, for bench/peer_compare.py:
// each scene's lines, then `> label` for each choice ink offers (a failed conditional choice is
// not offered), as `python -m bench.peer_play --text K [--plain]` prints ours.
//   INKJS_DIR=/tmp/inkpeer node bench/peer_text.js story.json [K] [seed]
// The picker is bench.js's: mulberry32, an index among the current choices.
'use strict';
const fs = require('fs');
const inkDir = process.env.INKJS_DIR || process.cwd();
const { Story } = require(require.resolve('inkjs/full', { paths: [inkDir] }));

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const story = new Story(fs.readFileSync(process.argv[2], 'utf8').replace(/^\uFEFF/, ''));
const plays = Number(process.argv[3] || 1);
const rnd = mulberry32(Number(process.argv[4] || 12345));
const out = [];
for (let p = 0; p < plays; p++) {
  story.ResetState();
  for (;;) {
    while (story.canContinue) out.push(story.Continue().replace(/\n$/, ''));
    const cs = story.currentChoices;
    for (const c of cs) out.push('> ' + c.text);
    if (cs.length === 0) break;
    story.ChooseChoiceIndex(Math.floor(rnd() * cs.length));
  }
}
process.stdout.write(out.join('\n') + '\n');
