'use strict';
// The reference for `scripts/bench.sh scan`: decodes a block with bitcoinjs-lib and computes every txid, as fast as it
// can for a given time, and prints one JSON line (blocks per second, and the txids it computed, for verification).
// Usage: node bitcoinjs-scan.cjs NODE_MODULES_DIR BLOCK_HEX_FILE WARMUP_SECONDS MEASURE_SECONDS
const fs = require('fs');
const path = require('path');

const [modulesDir, blockFile, warmupArg, measureArg] = process.argv.slice(2);
const bitcoin = require(path.join(modulesDir, 'bitcoinjs-lib'));
const { version } = require(path.join(modulesDir, 'bitcoinjs-lib', 'package.json'));
const bytes = Buffer.from(fs.readFileSync(blockFile, 'utf8').trim(), 'hex');

function decodeAndHash() {
  const block = bitcoin.Block.fromBuffer(bytes);
  return block.transactions.map((tx) => tx.getId());
}

function run(seconds) {
  let iterations = 0;
  let txids = [];
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    txids = decodeAndHash();
    iterations++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  } while (elapsed < seconds);
  return { blocksPerSecond: iterations / elapsed, txids };
}

run(Number(warmupArg));
const { blocksPerSecond, txids } = run(Number(measureArg));
process.stdout.write(JSON.stringify({ version, node: process.version, blocksPerSecond, txids }) + '\n');
