import { create } from "qrcode";

/** A QR code as one SVG path of its dark modules, in module units. */
export interface QrShape {
  /** modules across, the quiet zone included */
  size: number;
  /** the dark modules, as runs along each row */
  path: string;
}

/**
 * The QR code of `text` with a quiet zone of `margin` modules (4 is the
 * standard's and the most reliable from a distance). Medium error
 * correction: a projected code is blurred but not damaged.
 */
export function qrShape(text: string, margin = 4): QrShape {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  const runs: string[] = [];
  for (let row = 0; row < n; row++) {
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && modules.get(row, col) !== 0;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push(`M${start + margin} ${row + margin}h${col - start}v1h${start - col}z`);
        start = -1;
      }
    }
  }
  return { size: n + 2 * margin, path: runs.join("") };
}
