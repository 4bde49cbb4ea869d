// Present only so the benchmark's Chromium launcher can find the extension's id, as it does for APT Lens.
