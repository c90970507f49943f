// The default watermark: the letters JOIP as stroked paths, so it renders the same with no fonts installed.
// Kept as a string in code so the bundled server needs no file beside it.
export const DEFAULT_MARK_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="140" viewBox="0 0 400 140">
  <rect x="4" y="4" width="392" height="132" rx="30" fill="#000" fill-opacity="0.45"/>
  <g fill="none" stroke="#fff" stroke-width="18" stroke-linecap="round" stroke-linejoin="round">
    <path d="M100 34 V84 A28 28 0 0 1 44 84"/>
    <circle cx="174" cy="70" r="36"/>
    <path d="M250 34 V106"/>
    <path d="M292 106 V34 H322 A22 22 0 0 1 322 78 H292"/>
  </g>
</svg>`;
