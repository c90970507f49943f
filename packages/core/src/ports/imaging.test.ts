import { describe, expect, it } from 'vitest';
import { hammingDistance, isSamePicture, PERCEPTUAL_HASH_THRESHOLD } from './imaging';

describe('hammingDistance', () => {
  it('counts the bits two 64-bit hashes differ in', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('0f0f0f0f0f0f0f0f', 'f0f0f0f0f0f0f0f0')).toBe(64);
  });

  it('refuses anything but 16 lower-case hex characters', () => {
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(TypeError);
    expect(() => hammingDistance('000000000000000g', '0000000000000000')).toThrow(TypeError);
  });

  it('takes hashes within the calibrated threshold for the same picture', () => {
    expect(PERCEPTUAL_HASH_THRESHOLD).toBe(10);
    expect(isSamePicture('0000000000000000', '00000000000003ff')).toBe(true); // 10 bits
    expect(isSamePicture('0000000000000000', '00000000000007ff')).toBe(false); // 11 bits
    expect(isSamePicture('0000000000000000', '00000000000007ff', 11)).toBe(true);
  });
});
