// Loaded into the server under test with `node --import`: moves its clock by the milliseconds written in
// the file named by MEDIASHARE_TEST_CLOCK_FILE, so a test can jump past an expiry instead of waiting.
import { readFileSync } from 'node:fs';

const file = process.env.MEDIASHARE_TEST_CLOCK_FILE;
const RealDate = Date;
const offset = () => {
  try {
    return Number(readFileSync(file, 'utf8')) || 0;
  } catch {
    return 0;
  }
};

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset());
    else super(...args);
  }

  static now() {
    return RealDate.now() + offset();
  }
}

globalThis.Date = ShiftedDate;
