package org.drugsandcrime.blog.admin.security;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as an SVG image drawn by the server: one path of unit squares on a white square with the four-module
 * quiet zone scanners need. No script and no style attribute, so the portal's Content-Security-Policy shows it as it
 * is. Every character of it comes from here (numbers and fixed words), so it is safe to write into the page unescaped.
 */
final class QrCodeSvg {

	private static final int QUIET_ZONE = 4;

	private QrCodeSvg() {
	}

	/** {@code text} (an {@code otpauth://} address) at error correction level M, as authenticator apps expect. */
	static String of(String text) {
		QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
		int size = qr.size + 2 * QUIET_ZONE;
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < qr.size; y++) {
			for (int x = 0; x < qr.size; x++) {
				if (qr.getModule(x, y)) {
					path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
				}
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" viewBox=\"0 0 " + size + " " + size
				+ "\" width=\"" + size * 5 + "\" height=\"" + size * 5 + "\" role=\"img\" shape-rendering=\"crispEdges\">"
				+ "<title>QR code of the key, for an authenticator app</title>"
				+ "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
				+ "<path d=\"" + path + "\" fill=\"#000\"/></svg>";
	}
}
