// Cut a UTF-8 file with jieba-rs through @node-rs/jieba (precise mode, HMM on), one output
// line per input line.
//
// usage: node jieba_rs_cut.js IN OUT
// Prints one JSON object: seconds spent loading the dictionary and cutting, and bytes cut.
// Node start-up, reading and writing are outside both figures.
'use strict';
const fs = require('fs');
const path = require('path');

const peers = process.env.BENCH_PEERS || path.join(__dirname, '.peers');
const { Jieba } = require(path.join(peers, 'node_modules', '@node-rs', 'jieba'));
const { dict } = require(path.join(peers, 'node_modules', '@node-rs', 'jieba', 'dict'));

const [src, dst] = process.argv.slice(2);
let t0 = process.hrtime.bigint();
const jieba = Jieba.withDict(dict);
const load = Number(process.hrtime.bigint() - t0) / 1e9;
const lines = fs.readFileSync(src, 'utf8').split('\n');
t0 = process.hrtime.bigint();
const cut = lines.map((line) => jieba.cut(line.replace(/\r$/, ''), true));
const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
fs.writeFileSync(dst, cut.map((words) => words.filter((w) => w.trim() !== '').join(' ')).join('\n'));
const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
process.stdout.write(JSON.stringify({ load_s: load, cut_s: elapsed, bytes }));
