"""What the tests and the benchmarks share: where the test data is, throwaway projects built like
`make build` builds, a built site served like a static host serves it, Chromium's options.

Not a test module (pytest does not collect it), so `bench/` imports it without importing the tests."""
