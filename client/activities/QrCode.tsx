import { useMemo } from 'react';
import { encode } from 'uqr';

/**
 * A QR code drawn as SVG elements from uqr's module matrix. No markup string is injected and no
 * data: URL is loaded, so it shows under a strict Content-Security-Policy.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const { size, path } = useMemo(() => {
    // A quiet zone of four modules, as the QR standard asks, so phones and tablets read it.
    const qr = encode(value, { ecc: 'M', border: 4 });
    const modules: string[] = [];
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) modules.push(`M${x} ${y}h1v1h-1z`);
      }),
    );
    return { size: qr.size, path: modules.join('') };
  }, [value]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{label}</title>
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
