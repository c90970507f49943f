export const POSITIONS = [
  'northwest',
  'north',
  'northeast',
  'west',
  'center',
  'east',
  'southwest',
  'south',
  'southeast',
] as const;
export type WatermarkPosition = (typeof POSITIONS)[number];

/** Placement of a `w` x `h` mark on a `width` x `height` frame. */
export const placeMark = (position: WatermarkPosition, width: number, height: number, w: number, h: number, margin: number) => {
  const horizontal = position.endsWith('west') ? 'left' : position.endsWith('east') ? 'right' : 'middle';
  const vertical = position.startsWith('north') ? 'top' : position.startsWith('south') ? 'bottom' : 'middle';
  const left = horizontal === 'left' ? margin : horizontal === 'right' ? width - w - margin : Math.floor((width - w) / 2);
  const top = vertical === 'top' ? margin : vertical === 'bottom' ? height - h - margin : Math.floor((height - h) / 2);
  return { left: Math.max(0, left), top: Math.max(0, top) };
};
