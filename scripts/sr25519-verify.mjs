// Called by sr25519-verify.sh: node sr25519-verify.mjs <path of @scure/sr25519's index.js> <CASES.json>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [modulePath, casesPath] = process.argv.slice(2);
const { verify } = await import(pathToFileURL(modulePath).href);
const hex = (text) => Uint8Array.from(Buffer.from(text, 'hex'));

const verdicts = {};
for (const c of JSON.parse(readFileSync(casesPath, 'utf8'))) {
  try {
    verdicts[c.name] = verify(hex(c.message_hex), hex(c.signature_hex), hex(c.public_key_hex));
  } catch (error) {
    // @scure/sr25519 throws on some malformed input (e.g. a missing marker); for a verifier that is a rejection.
    process.stderr.write(`sr25519-verify: ${c.name}: ${error.message}\n`);
    verdicts[c.name] = false;
  }
}

process.stdout.write(JSON.stringify(verdicts) + '\n');
